"""The volunteer list pages, one bounded page each (issue 10, DESIGN §10).

Every function reads one page of rows with what its template shows, in a fixed number of
queries: shifts shown under an activity, a remembered volunteer's sign-ups, waitlist
positions and rosters come from one query per page, never one per row.
"""
from datetime import date, datetime, time

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from blueprints.core import clock
from blueprints.core.paging import Page, paginate
from blueprints.volunteers import places
from blueprints.volunteers.upcoming import (
    current_first,
    open_conditions,
    shift_previews,
    upcoming_query,
)
from extensions import db
from models import Activity, Community, Partner, Person, Shift, Signup, Team, TeamMember
from models.base import utcnow
from models.volunteers import CLASS

ACTIVITIES_PER_PAGE = 20  # activity cards on the public list, rows of the staff list
SHIFTS_PER_PAGE = 10  # shift cards (each with its form) or rosters under one activity
TEAMS_PER_PAGE = 20
PEOPLE_PER_PAGE = 50  # sign-ups on /me, people on the hours page
SHIFTS_PREVIEWED = 3  # shifts named under an activity in a list
ROSTER_ORDER = {"attended": 0, "confirmed": 0, "no_show": 1, "waitlisted": 2, "cancelled": 3}


def public_activities(community: Community, number: int, category: str | None = None,
                      day: date | None = None, first_teams=()) -> Page:
    """A page of (activity, its next open shifts, how many more) for the public list."""
    now = utcnow()
    page = paginate(upcoming_query(community, category, day, now, first_teams), number,
                    ACTIVITIES_PER_PAGE, scalars=False)
    activities = [row[0] for row in page.items]
    previews = shift_previews([a.id for a in activities], open_conditions(Shift, now, day),
                              [Shift.starts_at, Shift.id], SHIFTS_PREVIEWED)
    page.items = [(a, *_shown(previews, a.id)) for a in activities]
    return page


def staff_activities(community: Community, number: int) -> Page:
    """A page of (activity, a few shifts: current first, how many more), newest first."""
    page = paginate(select(Activity).where(Activity.community_id == community.id,
                                           Activity.category != CLASS)
                    .order_by(Activity.id.desc()), number, ACTIVITIES_PER_PAGE)
    previews = shift_previews([a.id for a in page], [], current_first(utcnow()), SHIFTS_PREVIEWED)
    page.items = [(a, *_shown(previews, a.id)) for a in page.items]
    return page


def _shown(previews: dict, activity_id: int) -> tuple[list[Shift], int]:
    shifts, total = previews.get(activity_id, ([], 0))
    return shifts, total - len(shifts)


def shift_page(activity: Activity, number: int, since: datetime | None = None) -> Page[Shift]:
    """A page of the activity's shifts: those ending after `since` soonest first, then the past."""
    return paginate(select(Shift).where(Shift.activity_id == activity.id)
                    .order_by(*current_first(since or utcnow())), number, SHIFTS_PER_PAGE)


def signups_of(person: Person | None, shifts: list[Shift]) -> dict[int, Signup]:
    """{shift id: the person's sign-up} on these shifts, cancelled ones left out."""
    if person is None or not shifts:
        return {}
    signups = db.session.scalars(select(Signup).where(
        Signup.person_id == person.id, Signup.shift_id.in_([s.id for s in shifts]),
        Signup.status != "cancelled", Signup.role == ""))
    return {signup.shift_id: signup for signup in signups}


def waitlist_positions(signups) -> dict[int, int]:
    """{sign-up id: waitlist position} of the waitlisted ones among `signups`."""
    return places.waitlist_positions(Signup, Signup.shift_id, signups)


def rosters(shifts: list[Shift]) -> dict[int, list[Signup]]:
    """{shift id: everyone still on it}: places first, then the waitlist in its order (a
    teacher's credited time is not a place on the roster)."""
    found: dict[int, list[Signup]] = {shift.id: [] for shift in shifts}
    if not shifts:
        return found
    signups = db.session.scalars(
        select(Signup).where(Signup.shift_id.in_(list(found)), Signup.status != "cancelled",
                             Signup.role == "")
        .options(selectinload(Signup.person)))
    for signup in sorted(signups, key=lambda s: (ROSTER_ORDER[s.status], s.queued_at, s.id)):
        found[signup.shift_id].append(signup)
    return found


def person_signups(person: Person, number: int) -> Page[Signup]:
    """A page of a person's sign-ups, latest shift first, with their activities and places."""
    return paginate(
        select(Signup).join(Shift).where(Signup.person_id == person.id)
        .options(joinedload(Signup.shift).joinedload(Shift.activity)
                 .joinedload(Activity.compound))
        .order_by(Shift.starts_at.desc(), Signup.id.desc()), number, PEOPLE_PER_PAGE)


def team_page(community: Community, number: int, members: bool = False) -> Page[Team]:
    """A page of the community's teams by name (with members and partners for staff)."""
    query = select(Team).where(Team.community_id == community.id).order_by(Team.name, Team.id)
    if members:
        query = query.options(selectinload(Team.members).selectinload(TeamMember.person),
                              joinedload(Team.partner))
    return paginate(query, number, TEAMS_PER_PAGE)


def partner_team_page(partner: Partner, number: int) -> Page[Team]:
    """A page of a partner unit's teams with their members."""
    return paginate(select(Team).where(Team.partner_id == partner.id)
                    .options(selectinload(Team.members).selectinload(TeamMember.person))
                    .order_by(Team.name, Team.id), number, TEAMS_PER_PAGE)


def service_time():
    """The attended sign-ups that are volunteer time: not a learner's place on a class (a
    teacher's time on one is)."""
    return (Activity.category != CLASS) | (Signup.role == "teacher")


def hours_query(community: Community, year: int):
    """(person, minutes, shifts) of everyone with attended shifts in the year, most first."""
    start = clock.at(date(year, 1, 1), time(0))
    end = clock.at(date(year + 1, 1, 1), time(0))
    minutes, shifts = func.sum(Signup.minutes), func.count(Signup.id)
    return (select(Person, minutes, shifts).join(Signup, Signup.person_id == Person.id)
            .join(Shift, Signup.shift_id == Shift.id).join(Activity, Shift.activity_id == Activity.id)
            .where(Activity.community_id == community.id, Signup.status == "attended",
                   service_time(), Shift.starts_at >= start, Shift.starts_at < end)
            .group_by(Person.id).order_by(minutes.desc(), Person.name, Person.id))


def hours_page(community: Community, year: int, number: int) -> Page[tuple[Person, float, int]]:
    """A page of (person, hours, shifts) for the year, most hours first."""
    page = paginate(hours_query(community, year), number, PEOPLE_PER_PAGE, scalars=False)
    page.items = [(person, minutes / 60, count) for person, minutes, count in page.items]
    return page
