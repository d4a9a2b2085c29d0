"""Parallel applications: one number tapped twice at once is recorded once; a request
answered twice at once gets one call."""
import threading

from flask import current_app
from sqlalchemy import func, select

from blueprints.classes import calls
from blueprints.classes.calls import CallError
from extensions import db
from models import Application, CourseRequest, RecruitmentCall, Teacher, User
from tests.classes.factories import make_application, make_call, make_request
from tests.factories import make_community, make_user


def _in_parallel(jobs) -> tuple[list, list]:
    """Run each job (a function of its index) in its own thread, all released at once."""
    db.session.commit()  # end the test's own transaction before the workers start
    application = current_app._get_current_object()
    results, errors = [], []
    start = threading.Barrier(len(jobs))

    def worker(n: int, job):
        with application.app_context():
            try:
                start.wait()
                results.append(job(n))
            except CallError as refused:
                results.append(str(refused.message))
            except Exception as error:  # collected and asserted below
                errors.append(repr(error))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=worker, args=(n, job)) for n, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def test_two_parallel_applications_from_one_number_count_once(app):
    call_id = make_call(make_community(), "书法老师").id

    def apply(n: int):
        return calls.apply(db.session.get(RecruitmentCall, call_id), f"居民{n}",
                           ("13912345678", "139 1234 5678")[n], "书法")

    results, errors = _in_parallel([apply, apply])
    assert errors == []
    assert sorted(results) == [False, True]
    assert db.session.scalar(select(func.count()).select_from(Application)) == 1


def test_a_request_answered_twice_at_once_gets_one_call(app):
    community = make_community()
    request_id = make_request(community, "面塑").id
    staff_id = make_user("staff", [community]).id

    def publish(n: int):
        item = db.session.get(CourseRequest, request_id)
        return calls.publish(item.community, db.session.get(User, staff_id), f"面塑老师{n}",
                             course_request=item).id

    results, errors = _in_parallel([publish, publish])
    assert errors == []
    assert len([r for r in results if isinstance(r, int)]) == 1
    assert db.session.scalar(select(func.count()).select_from(RecruitmentCall)) == 1


def test_one_person_accepted_on_two_calls_at_once_gets_one_teacher_profile(app):
    community = make_community()
    staff_id = make_user("staff", [community]).id
    first = make_application(make_call(community, "剪纸老师"))
    second = make_application(make_call(community, "窗花老师"), person=first.person)
    ids = [first.id, second.id]

    def accept(n: int):
        item = db.session.get(Application, ids[n])
        return calls.accept(item, db.session.get(User, staff_id), "周师傅", "剪纸").id

    results, errors = _in_parallel([accept, accept])
    assert errors == []
    assert results[0] == results[1]
    assert db.session.scalar(select(func.count()).select_from(Teacher)) == 1
