"""The course lists, one bounded page each: upcoming courses with their next session, and
the staff list. A page of courses is read in a fixed number of queries."""
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from blueprints.core.paging import Page, paginate
from blueprints.volunteers.listing import shift_page
from blueprints.volunteers.upcoming import upcoming_query
from extensions import db
from models import Activity, Community, Course, Shift
from models.volunteers import CLASS

COURSES_PER_PAGE = 12  # course cards on the classes page
STAFF_PER_PAGE = 30
HOME_COURSES = 3  # the community home's "next classes"


@dataclass
class Upcoming:
    """A course with its next session (places left are the session's)."""

    course: Course
    session: Shift


def _with_courses(rows) -> list[Upcoming]:
    """The courses of (activity, next session) rows, with their teachers, in one query."""
    by_activity = {course.activity_id: course for course in db.session.scalars(
        select(Course).where(Course.activity_id.in_([a.id for a, _s in rows]))
        .options(joinedload(Course.teacher), joinedload(Course.activity)))}
    return [Upcoming(by_activity[a.id], s) for a, s in rows if a.id in by_activity]


def upcoming_courses(community: Community, number: int,
                     per_page: int = COURSES_PER_PAGE) -> Page[Upcoming]:
    """A page of courses with a session still to come, the soonest first."""
    page = paginate(upcoming_query(community, CLASS), number, per_page, scalars=False)
    page.items = _with_courses(list(page.items))
    return page


def next_with_places(community: Community, limit: int = HOME_COURSES) -> list[Upcoming]:
    """The soonest courses whose next session still has places (the community home)."""
    query = upcoming_query(community, CLASS).where(Shift.taken < Shift.capacity).limit(limit)
    return _with_courses(list(db.session.execute(query)))


def course_page_sessions(course: Course, number: int) -> Page[Shift]:
    """A page of the course's sessions: those to come first (the volunteers' shift page)."""
    return shift_page(course.activity, number)


def staff_courses(community: Community, number: int) -> Page[Course]:
    """A page of the community's courses, newest first, with teachers and sessions."""
    return paginate(select(Course).where(Course.community_id == community.id)
                    .options(joinedload(Course.teacher),
                             joinedload(Course.activity).selectinload(Activity.shifts))
                    .order_by(Course.id.desc()), number, STAFF_PER_PAGE)
