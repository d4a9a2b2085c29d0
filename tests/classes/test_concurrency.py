"""Parallel supports: 20 numbers count 20; one number tapped twice at once counts once."""
import threading

from flask import current_app

from blueprints.classes import services
from extensions import db
from models import CourseRequest, CourseSupport
from tests.classes.factories import make_request
from tests.factories import make_community


def _in_parallel(request_id: int, numbers: list[str]) -> tuple[list, list]:
    """Each number supports the request from its own thread, all released at once."""
    db.session.commit()  # end the test's own transaction before the workers start
    application = current_app._get_current_object()
    results, errors = [], []
    start = threading.Barrier(len(numbers))

    def worker(n: int, number: str):
        with application.app_context():
            try:
                start.wait()
                item = db.session.get(CourseRequest, request_id)
                results.append(services.support(item, f"居民{n}", number))
            except Exception as error:  # collected and asserted below
                errors.append(repr(error))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=worker, args=(n, number)) for n, number in enumerate(numbers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def _counts(request_id: int) -> tuple[int, int]:
    db.session.expire_all()
    stored = db.session.get(CourseRequest, request_id).support_count
    rows = db.session.scalar(db.select(db.func.count()).select_from(CourseSupport)
                             .where(CourseSupport.request_id == request_id))
    return stored, rows


def test_twenty_parallel_supports_from_different_numbers_count_twenty(app):
    item = make_request(make_community(), "智能手机使用")
    results, errors = _in_parallel(item.id, [f"1390000{n:04d}" for n in range(20)])
    assert errors == []
    assert results == [True] * 20
    assert _counts(item.id) == (20, 20)


def test_two_parallel_supports_from_one_number_count_once(app):
    item = make_request(make_community(), "书法")
    results, errors = _in_parallel(item.id, ["13912345678", "139 1234 5678"])
    assert errors == []
    assert sorted(results) == [False, True]
    assert _counts(item.id) == (1, 1)
