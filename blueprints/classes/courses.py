"""Courses and their sessions: creating a weekly series, signing up for a whole course,
crediting the teacher's time, ratings, and telling a request's supporters.

A course is an activity of category "class" whose shifts are its sessions (models/courses.py):
taking a place on a session is volunteers.services.sign_up, the same place engine, waitlist,
/me link, calendar and reminders as a volunteer shift. Nothing here copies those rules.
"""
from dataclasses import dataclass
from datetime import date, time, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from blueprints.core import clock
from blueprints.core.audit import record_event
from blueprints.core.transaction import transactional
from blueprints.rooms import services as rooms
from blueprints.rooms.services import BookingRefused
from blueprints.volunteers import outbox, services as signups
from blueprints.volunteers.services import SignupError
from extensions import db
from models import (Activity, Community, Course, CourseRequest, CourseSupport, Person, Room,
                    SessionRating, Shift, Signup, Teacher, User)
from models.base import utcnow
from models.volunteers import CLASS

MAX_WEEKS = 20  # a weekly series of at most 20 sessions (a school term)
MAX_CAPACITY = 200
PLAN_AHEAD = timedelta(days=366)


class CourseError(Exception):
    """A course change the rules refuse; `field` is where the form shows `message`."""

    def __init__(self, message, field: str = "form"):
        super().__init__(str(message))
        self.message, self.field = message, field


@dataclass
class Series:
    """When a course's sessions are: `weeks` sessions, one a week from `first_day`."""

    first_day: date
    starts: time
    ends: time
    weeks: int = 1
    capacity: int = 12
    room: Room | None = None

    def moments(self):
        """(starts_at, ends_at) of each session, in UTC."""
        for week in range(self.weeks):
            day = self.first_day + timedelta(weeks=week)
            yield clock.at(day, self.starts), clock.at(day, self.ends)


def check_series(series: Series) -> None:
    """Refuse a series that cannot be held, naming the field."""
    if series.ends <= series.starts:
        raise CourseError(_l("下课时间要晚于上课时间"), "ends")
    if not 1 <= series.weeks <= MAX_WEEKS:
        raise CourseError(_l("每周一次，最多 %(n)d 次课", n=MAX_WEEKS), "weeks")
    if not 1 <= series.capacity <= MAX_CAPACITY:
        raise CourseError(_l("名额要在 1 到 %(n)d 之间", n=MAX_CAPACITY), "capacity")
    if series.room is not None and series.capacity > series.room.capacity:
        raise CourseError(_l("名额不能超过场地可容纳的 %(n)d 人", n=series.room.capacity), "capacity")
    first_start = clock.at(series.first_day, series.starts)
    if first_start <= utcnow():
        raise CourseError(_l("第一次课的时间已经过去了"), "first_day")
    if first_start > utcnow() + PLAN_AHEAD:
        raise CourseError(_l("只能安排一年以内的课程"), "first_day")


@transactional
def create_course(community: Community, actor: User, title: str, series: Series,
                  teacher: Teacher | None = None, description: str = "", materials: str = "",
                  request: CourseRequest | None = None) -> Course:
    """A course with its sessions; each session's room is booked in the same transaction,
    so a refused booking (named, with its date) creates nothing. Made from a request, the
    request is closed as scheduled and each of its supporters is told once."""
    check_series(series)
    if teacher is not None and (teacher.community_id != community.id or teacher.retired_at):
        raise CourseError(_l("请选择本社区的授课能人"), "teacher")
    activity = Activity(community_id=community.id, title=title.strip(), category=CLASS,
                        description=description.strip(),
                        venue=series.room.name if series.room else "")
    for starts_at, ends_at in series.moments():
        activity.shifts.append(Shift(starts_at=starts_at, ends_at=ends_at,
                                     capacity=series.capacity))
    course = Course(community_id=community.id, activity=activity, teacher=teacher,
                    materials=materials.strip(), request=request)
    db.session.add(course)
    db.session.flush()
    if series.room is not None:
        _book_sessions(series.room, activity, actor)
    if request is not None:
        _schedule_request(request, course)
    record_event(actor, "course.created", course, community, title=activity.title,
                 lessons=len(activity.shifts))
    return course


def _book_sessions(room: Room, activity: Activity, actor: User) -> None:
    for shift in activity.shifts:
        try:
            rooms.book(room, actor, shift.starts_at, shift.ends_at, activity.title,
                       purpose="session", purpose_id=shift.id, people=shift.capacity)
        except BookingRefused as refused:
            day = clock.local(shift.starts_at)
            raise CourseError(_l("%(day)s：%(reason)s", day=f"{day:%m-%d}", reason=refused.message),
                              "room") from None


def _schedule_request(request: CourseRequest, course: Course) -> None:
    """Close the request as scheduled and queue one notice per supporter."""
    if request.community_id != course.community_id or request.status not in ("open", "answered"):
        raise CourseError(_l("这个点课已经不能再开课了"), "request")
    db.session.execute(update(CourseRequest).where(CourseRequest.id == request.id)
                       .values(status="scheduled", decided_at=utcnow())
                       .execution_options(synchronize_session=False))
    people = db.session.scalars(select(Person).join(CourseSupport,
                                                    CourseSupport.person_id == Person.id)
                                .where(CourseSupport.request_id == request.id))
    community = course.community
    for person in people:
        body = (f"【{community.name}】{person.name}您好，您支持的点课“{request.subject}”开课了："
                f"“{course.activity.title}”，欢迎报名。")
        outbox.notify_person(person, "course_opened", f"course_opened:{course.id}:{person.id}",
                             body)
    db.session.refresh(request)


def course_in(community: Community, course_id: int) -> Course | None:
    """The community's course with this id."""
    return db.session.scalar(select(Course).where(Course.id == course_id,
                                                  Course.community_id == community.id))


def course_of(activity: Activity) -> Course | None:
    """The course an activity of category class carries."""
    return db.session.scalar(select(Course).where(Course.activity_id == activity.id))


def open_sessions(course: Course) -> list[Shift]:
    """The course's sessions still to come and not cancelled, soonest first (at most
    MAX_WEEKS of them exist)."""
    now = utcnow()
    return [s for s in course.activity.shifts if not s.is_cancelled and s.starts_at > now]


@dataclass
class Enrolment:
    """What signing up for a whole course did, session by session."""

    signups: list[Signup]
    refused: list[tuple[Shift, str]]


def enrol(course: Course, person: Person, send_link: bool = False) -> Enrolment:
    """Sign the person up for every session still to come: a place on each, or the
    waitlist of a full one. A session already signed up for is kept; one that clashes with
    another of the person's sign-ups is skipped and reported. The /me link goes once."""
    sessions = open_sessions(course)
    if not sessions:
        raise SignupError(_l("这门课已经没有可以报名的课次了。"))
    done, refused = [], []
    for shift in sessions:
        try:
            done.append(signups.sign_up(shift, person))
        except SignupError as refusal:
            if refusal.field == "mobile":  # already on this session
                done.append(db.session.scalar(select(Signup).where(
                    Signup.shift_id == shift.id, Signup.person_id == person.id)))
            else:
                refused.append((shift, str(refusal.message)))
    if send_link and done:
        outbox.notify_me_link(done[0])
        db.session.commit()
    return Enrolment(done, refused)


def teaching_refusal(course: Course, shift: Shift):
    """Why the teacher's time on this session cannot be credited now, or None."""
    if course.teacher is None:
        return _l("这门课还没有授课能人")
    if shift.is_cancelled:
        return _l("这次课已取消")
    if utcnow() < shift.starts_at:
        return _l("上课以后才能记录授课时长")
    return None


@transactional
def record_teaching(course: Course, shift: Shift, actor: User) -> Signup:
    """Credit the teacher with the session's length as volunteer time (once; again is a
    no-op). The credit is a sign-up of role teacher: it takes none of the places."""
    if shift.activity_id != course.activity_id:
        raise CourseError(_l("不是这门课的课次"))
    if reason := teaching_refusal(course, shift):
        raise CourseError(reason)
    person_id = course.teacher.person_id
    credit = db.session.scalar(select(Signup).where(Signup.shift_id == shift.id,
                                                    Signup.person_id == person_id))
    if credit is not None and credit.role != "teacher":
        raise CourseError(_l("授课能人也报名了这次课，请先取消其报名"))
    if credit is None:
        credit = Signup(shift_id=shift.id, person_id=person_id, role="teacher", status="attended",
                        queued_at=utcnow())
        db.session.add(credit)
    if credit.status != "attended" or credit.minutes != shift.minutes:
        credit.status, credit.minutes = "attended", shift.minutes
    credit.checked_in_at, credit.checked_in_by_id = credit.checked_in_at or utcnow(), actor.id
    db.session.flush()
    record_event(actor, "course.taught", credit, course.community, title=course.title,
                 teacher=course.teacher.name, minutes=shift.minutes)
    return credit


def taught(course: Course) -> set[int]:
    """Ids of the course's sessions whose teaching time is credited."""
    return set(db.session.scalars(select(Signup.shift_id).join(Shift).where(
        Shift.activity_id == course.activity_id, Signup.role == "teacher",
        Signup.status == "attended")))


def rating_refusal(signup: Signup):
    """Why this sign-up cannot be rated, or None: only a learner who attended a class."""
    if signup.shift.activity.category != CLASS or signup.role:
        return _l("只有课程的学员可以评价")
    if signup.status != "attended":
        return _l("签到参加了这次课才能评价")
    return None


@transactional
def rate(signup: Signup, stars: int, comment: str = "") -> SessionRating:
    """A learner's rating of a session (rating again replaces it)."""
    if reason := rating_refusal(signup):
        raise CourseError(reason)
    if not 1 <= stars <= 5:
        raise CourseError(_l("请选 1 到 5 颗星"), "stars")
    rating = rating_of(signup)
    if rating is None:
        rating = SessionRating(signup_id=signup.id, stars=stars, comment=comment.strip())
        try:
            with db.session.begin_nested():
                db.session.add(rating)
        except IntegrityError:  # the same rating sent twice at once: the first one stands
            rating = db.session.scalar(select(SessionRating)
                                       .where(SessionRating.signup_id == signup.id))
    rating.stars, rating.comment = stars, comment.strip()
    return rating


def rating_of(signup: Signup) -> SessionRating | None:
    """The learner's rating of this session, if given."""
    return db.session.scalar(select(SessionRating).where(SessionRating.signup_id == signup.id))


def ratings_summary(course: Course) -> dict[int, tuple[float, int]]:
    """{session id: (average stars, how many ratings)} of the course, in one grouped query."""
    rows = db.session.execute(
        select(Signup.shift_id, func.avg(SessionRating.stars), func.count(SessionRating.id))
        .join(Signup, SessionRating.signup_id == Signup.id).join(Shift)
        .where(Shift.activity_id == course.activity_id).group_by(Signup.shift_id))
    return {shift_id: (float(avg), count) for shift_id, avg, count in rows}


RECENT_COMMENTS = 20


def recent_comments(course: Course) -> list[SessionRating]:
    """The latest comments on the course's sessions (bounded)."""
    return list(db.session.scalars(
        select(SessionRating).join(Signup, SessionRating.signup_id == Signup.id).join(Shift)
        .where(Shift.activity_id == course.activity_id, SessionRating.comment != "")
        .options(joinedload(SessionRating.signup).joinedload(Signup.shift))
        .order_by(SessionRating.created_at.desc(), SessionRating.id.desc())
        .limit(RECENT_COMMENTS)))
