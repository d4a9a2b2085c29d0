"""The course pages send as many queries with 10× the courses, sessions, learners and ratings
(issue 10). One unit: two courses of three weekly sessions, each with learners; the first
course's first session held, with check-ins and ratings."""
from datetime import timedelta

import pytest

from blueprints.volunteers import tokens
from extensions import db
from models import Course, SessionRating, Signup
from models.base import utcnow
from tests.classes.factories import make_course, make_teacher
from tests.factories import login, make_community, make_person, make_user
from tests.queries import add_units, assert_bounded


@pytest.fixture
def world(app):
    with app.test_request_context():
        community = make_community(slug="liujin", name="流津社区")
        world = {"community": community, "units": 0, "staff": make_user("staff", [community]),
                 "learner": make_person(community, name="李阿姨")}
        add_units(world, 1, _unit)
        yield world


def _unit(world: dict, n: int) -> None:
    community, learner = world["community"], world["learner"]
    teacher = make_teacher(community, name=f"能人{n}", skill="钩针编织")
    for index in range(2):
        course = make_course(community, title=f"课程{n}-{index}", weeks=3, capacity=8,
                             teacher=teacher, actor=world["staff"], days_ahead=2 + n % 5)
        sessions = course.activity.shifts
        people = [make_person(community) for _ in range(3)]
        for shift in sessions:
            for person in people:
                db.session.add(Signup(shift_id=shift.id, person_id=person.id, status="confirmed",
                                      queued_at=utcnow()))
            shift.taken = len(people)
        db.session.add(Signup(shift_id=sessions[1].id, person_id=learner.id, status="confirmed",
                              queued_at=utcnow()))
        held = sessions[0]
        held.starts_at, held.ends_at = utcnow() - timedelta(days=3), utcnow() - timedelta(days=3, hours=-2)
        attended = Signup(shift_id=held.id, person_id=learner.id, status="attended", minutes=120,
                          queued_at=utcnow())
        db.session.add(attended)
        db.session.flush()
        db.session.add(SessionRating(signup_id=attended.id, stars=5, comment=f"好{n}"))
    db.session.commit()


def _course(world) -> int:
    return db.session.scalar(db.select(Course.id).order_by(Course.id))


def test_public_course_pages_stay_bounded(client, world):
    course = _course(world)
    urls = ["/c/liujin/classes", "/c/liujin/classes?courses=2", "/c/liujin/",
            f"/c/liujin/classes/{course}"]
    assert_bounded(client, urls, lambda: add_units(world, 9, _unit))


def test_a_remembered_learners_pages_stay_bounded(client, world):
    client.get(f"/me/{tokens.me_token(world['learner'])}")  # remembered from now on
    urls = [f"/c/liujin/classes/{_course(world)}", f"/me/{tokens.me_token(world['learner'])}"]
    assert_bounded(client, urls, lambda: add_units(world, 9, _unit))


def test_staff_course_pages_stay_bounded(client, world):
    login(client, world["staff"])
    urls = ["/staff/liujin/classes/courses", f"/staff/liujin/classes/courses/{_course(world)}",
            "/staff/liujin/classes/courses/new"]
    assert_bounded(client, urls, lambda: add_units(world, 9, _unit))
