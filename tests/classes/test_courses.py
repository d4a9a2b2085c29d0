"""Courses on the volunteer place engine: series, whole-course sign-up, teacher hours,
ratings, supporters told."""
from datetime import time, timedelta

import pytest
from sqlalchemy import select

from blueprints.classes import courses
from blueprints.classes.courses import CourseError, Series
from blueprints.core import clock
from blueprints.volunteers import services as signups
from blueprints.volunteers.documents import build_certificate
from extensions import db
from models import OutboxMessage, RoomBooking, Signup
from models.base import utcnow
from tests.classes.factories import make_course, make_request, make_teacher
from tests.factories import make_community, make_person, make_user
from tests.rooms.factories import make_booking, make_room


@pytest.fixture(autouse=True)
def in_request(app):
    """Refusals are lazy translations and the /me link a full address: as a request has."""
    with app.test_request_context():
        yield


def test_a_weekly_series_makes_one_session_a_week_each_with_its_room_booked(app):
    community = make_community()
    room = make_room(community, capacity=20)
    course = make_course(community, weeks=8, capacity=12, room=room,
                         teacher=make_teacher(community), materials="钩针一根、毛线两团")
    sessions = course.activity.shifts
    assert len(sessions) == 8 and course.activity.category == "class"
    days = [clock.local(s.starts_at).date() for s in sessions]
    assert all(b - a == timedelta(weeks=1) for a, b in zip(days, days[1:]))
    assert {(clock.local(s.starts_at).time(), s.capacity) for s in sessions} == {(time(14), 12)}
    booked = db.session.scalars(select(RoomBooking).where(RoomBooking.purpose == "session")).all()
    assert sorted(b.purpose_id for b in booked) == sorted(s.id for s in sessions)


def test_a_clash_in_any_week_creates_nothing_and_names_the_booking_and_the_day(app):
    community = make_community()
    room = make_room(community)
    clash_day = clock.today() + timedelta(days=21)
    make_booking(room, clash_day, (15, 0), (17, 0), title="居民议事会")
    with pytest.raises(CourseError) as refused:
        make_course(community, weeks=4, room=room)
    assert refused.value.field == "room"
    assert "居民议事会" in str(refused.value.message) and f"{clash_day:%m-%d}" in str(refused.value.message)
    assert db.session.scalars(select(Signup)).all() == []
    assert courses.course_in(community, 1) is None


@pytest.mark.parametrize("change, field", [
    ({"ends": time(13)}, "ends"), ({"weeks": 0}, "weeks"), ({"weeks": 21}, "weeks"),
    ({"capacity": 0}, "capacity"), ({"first_day_offset": -1}, "first_day"),
    ({"first_day_offset": 400}, "first_day"), ({"capacity": 31, "room": True}, "capacity"),
])
def test_a_series_that_cannot_be_held_is_refused_at_its_field(app, change, field):
    community = make_community()
    offset = change.pop("first_day_offset", 7)
    room = make_room(community, capacity=30) if change.pop("room", False) else None
    values = {"first_day": clock.today() + timedelta(days=offset), "starts": time(14),
              "ends": time(16), "room": room, **change}
    series = Series(**values)
    with pytest.raises(CourseError) as refused:
        courses.create_course(community, make_user("staff", [community]), "面塑", series)
    assert refused.value.field == field


def test_signing_up_for_the_whole_course_takes_a_place_on_every_session_to_come(app):
    community = make_community()
    course = make_course(community, weeks=3, capacity=1)
    first = make_person(community)
    done = courses.enrol(course, first, send_link=True)
    assert [s.status for s in done.signups] == ["confirmed"] * 3 and done.refused == []
    links = db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "me_link")).all()
    assert len(links) == 1  # one link, not one per session
    again = courses.enrol(course, first)
    assert [s.id for s in again.signups] == [s.id for s in done.signups]
    late = courses.enrol(course, make_person(community))
    assert [s.status for s in late.signups] == ["waitlisted"] * 3


def test_a_learner_leaving_a_full_session_promotes_the_first_waiting_one(app):
    """The same engine as a volunteer shift: cancel frees the place for the waitlist."""
    community = make_community()
    course = make_course(community, capacity=1)
    [session] = course.activity.shifts
    holder = signups.sign_up(session, make_person(community))
    waiting = signups.sign_up(session, make_person(community))
    assert waiting.status == "waitlisted"
    promoted = signups.cancel(holder)
    assert promoted.id == waiting.id and promoted.status == "confirmed"
    assert db.session.scalar(select(OutboxMessage.kind).where(
        OutboxMessage.signup_id == waiting.id)) == "promoted"


def test_a_session_clashing_with_another_signup_is_skipped_and_reported(app):
    community = make_community()
    person = make_person(community)
    crochet = make_course(community, title="钩针编织", weeks=2)
    dough = make_course(community, title="面塑", weeks=1, days_ahead=14)
    signups.sign_up(dough.activity.shifts[0], person)
    done = courses.enrol(crochet, person)
    assert len(done.signups) == 1 and len(done.refused) == 1
    assert done.refused[0][0].id == crochet.activity.shifts[1].id


def _held(course, days_ago=1):
    """Move the course's first session into the past (held)."""
    session = course.activity.shifts[0]
    session.starts_at = utcnow() - timedelta(days=days_ago, hours=2)
    session.ends_at = session.starts_at + timedelta(hours=2)
    db.session.commit()
    return session


def test_teaching_counts_as_volunteer_hours_and_learning_does_not(app):
    community = make_community()
    staff = make_user("staff", [community])
    teacher = make_teacher(community)
    course = make_course(community, weeks=2, teacher=teacher)
    learner = make_person(community)
    signup = signups.sign_up(course.activity.shifts[0], learner)
    session = _held(course)
    with pytest.raises(CourseError):  # the second session has not happened yet
        courses.record_teaching(course, course.activity.shifts[1], staff)
    signups.check_in(signup, staff)
    credit = courses.record_teaching(course, session, staff)
    courses.record_teaching(course, session, staff)  # twice: still one credit
    assert credit.role == "teacher" and credit.minutes == 120
    assert db.session.get(type(session), session.id).taken == 1  # the teacher took no place
    year = clock.local(session.starts_at).year
    assert signups.hours_by_year(teacher.person) == {year: 2.0}
    assert signups.hours_by_year(learner) == {}
    assert [p.id for p, _h, _n in signups.community_hours(community, year)] == [teacher.person_id]
    job = build_certificate(community, {"person": str(teacher.person_id), "year": str(year)})
    assert [r.shift.activity.title for r in job.context["records"]] == ["钩针编织入门"]
    assert courses.taught(course) == {session.id}


def test_only_an_attended_learner_rates_a_session_once(app):
    community = make_community()
    staff = make_user("staff", [community])
    course = make_course(community)
    signup = signups.sign_up(course.activity.shifts[0], make_person(community))
    with pytest.raises(CourseError):
        courses.rate(signup, 5)
    _held(course)
    signups.check_in(signup, staff)
    with pytest.raises(CourseError) as refused:
        courses.rate(signup, 6)
    assert refused.value.field == "stars"
    courses.rate(signup, 4, "针法讲得很细")
    courses.rate(signup, 5, "第二次更熟练了")
    assert courses.ratings_summary(course) == {course.activity.shifts[0].id: (5.0, 1)}
    assert [r.comment for r in courses.recent_comments(course)] == ["第二次更熟练了"]


def test_a_course_from_a_request_closes_it_and_tells_each_supporter_once(app):
    community = make_community()
    request = make_request(community, supporters=3)
    course = make_course(community, request=request)
    assert request.status == "scheduled" and course.request_id == request.id
    notices = db.session.scalars(select(OutboxMessage).where(
        OutboxMessage.kind == "course_opened")).all()
    assert len(notices) == 3 and all("钩针编织入门" in n.body for n in notices)
    with pytest.raises(CourseError):  # a scheduled request cannot become a second course
        make_course(community, title="再开一班", request=request)


def test_a_teacher_of_another_community_cannot_be_chosen(app):
    community = make_community()
    with pytest.raises(CourseError) as refused:
        make_course(community, teacher=make_teacher(make_community()))
    assert refused.value.field == "teacher"
