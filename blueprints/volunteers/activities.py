"""Staff work on teams and activities: create, copy, cancel; joining teams; revoking links."""
from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from blueprints.core import clock
from blueprints.core.audit import record_event
from blueprints.core.transaction import transactional
from blueprints.rooms import services as rooms
from blueprints.volunteers import listing, outbox
from blueprints.volunteers.services import SignupError, find_or_add_person
# Their old home: the community page imports them from here.
from blueprints.volunteers.upcoming import (  # noqa: F401
    next_shift,
    open_shifts,
    upcoming_activities,
    upcoming_with_next_shift,
)
from extensions import db
from models import (
    Activity,
    Community,
    Partner,
    Person,
    Room,
    Shift,
    Signup,
    Team,
    TeamMember,
    User,
    VolunteerLink,
)
from models.base import utcnow
from models.volunteers import ACTIVE_STATUSES


def get_activity(community: Community, activity_id: int) -> Activity | None:
    """The community's activity with this id (None for another community's)."""
    return db.session.scalar(select(Activity).where(
        Activity.id == activity_id, Activity.community_id == community.id))


def get_shift(community: Community, shift_id: int) -> Shift | None:
    """The community's shift with this id."""
    return db.session.scalar(select(Shift).join(Activity).where(
        Shift.id == shift_id, Activity.community_id == community.id))


def get_signup(community: Community, signup_id: int) -> Signup | None:
    """The community's sign-up with this id."""
    return db.session.scalar(select(Signup).join(Shift).join(Activity).where(
        Signup.id == signup_id, Activity.community_id == community.id))


@transactional
def create_activity(community: Community, actor: User, shift: dict, room: Room | None = None,
                    **fields) -> Activity:
    """A new activity with its first shift (starts_at, ends_at, capacity, role).

    With a room, the shift's time is booked in it in the same transaction: a refused
    booking (rooms.services.BookingRefused, naming the clash) creates nothing.
    """
    activity = Activity(community_id=community.id, **fields)
    if room is not None and not activity.venue:
        activity.venue = room.name
    first = Shift(**shift)
    activity.shifts.append(first)
    db.session.add(activity)
    db.session.flush()
    if room is not None:
        rooms.book(room, actor, first.starts_at, first.ends_at, activity.title,
                   purpose="activity", purpose_id=first.id, people=first.capacity)
    record_event(actor, "activity.created", activity, community, title=activity.title)
    return activity


@transactional
def add_shift(activity: Activity, actor: User, **fields) -> Shift:
    """Another shift of an activity."""
    shift = Shift(activity=activity, **fields)
    db.session.add(shift)
    db.session.flush()
    record_event(actor, "shift.added", shift, activity.community, activity=activity.id)
    return shift


@transactional
def copy_activity(activity: Activity, day: date, actor: User) -> Activity:
    """The same activity and shifts (same times of day) on another date, with no sign-ups."""
    first_day = min(clock.today(s.starts_at) for s in activity.shifts)
    offset = day - first_day
    copy = Activity(community_id=activity.community_id, title=activity.title,
                    category=activity.category, campaign=activity.campaign,
                    description=activity.description, compound_id=activity.compound_id,
                    venue=activity.venue, team_id=activity.team_id)
    for shift in activity.shifts:
        if shift.cancelled_at is None:
            copy.shifts.append(Shift(starts_at=_shifted(shift.starts_at, offset),
                                     ends_at=_shifted(shift.ends_at, offset),
                                     capacity=shift.capacity, role=shift.role))
    db.session.add(copy)
    db.session.flush()
    record_event(actor, "activity.copied", copy, activity.community, source=activity.id)
    return copy


def _shifted(moment: datetime, offset: timedelta) -> datetime:
    """The same Shanghai wall-clock time `offset` days later."""
    return (clock.local(moment).replace(tzinfo=None) + offset).replace(tzinfo=clock.ZONE)


@transactional
def cancel_shift(shift: Shift, actor: User) -> int:
    """Cancel one shift; everyone on it is told. Returns how many were signed up."""
    if shift.cancelled_at is None:
        shift.cancelled_at = utcnow()
    rooms.release("activity", [shift.id], actor)
    told = _tell_cancelled(shift)
    record_event(actor, "shift.cancelled", shift, shift.activity.community)
    return told


@transactional
def cancel_activity(activity: Activity, actor: User) -> int:
    """Cancel an activity and all its shifts."""
    activity.cancelled_at = activity.cancelled_at or utcnow()
    told = 0
    for shift in activity.shifts:
        shift.cancelled_at = shift.cancelled_at or activity.cancelled_at
        told += _tell_cancelled(shift)
    rooms.release("activity", [shift.id for shift in activity.shifts], actor)
    record_event(actor, "activity.cancelled", activity, activity.community)
    return told


def _tell_cancelled(shift: Shift) -> int:
    """Queue a cancellation notice for each active sign-up (their page shows it too)."""
    active = [s for s in shift.signups if s.status in ACTIVE_STATUSES]
    for signup in active:
        outbox.notify_cancelled(signup)
    return len(active)


def roster(shift: Shift) -> list[Signup]:
    """Everyone on a shift: confirmed and attended first, then the waitlist (not the cancelled)."""
    return listing.rosters([shift])[shift.id]


# Teams

def community_teams(community: Community) -> list[Team]:
    """The community's teams by name, with members and their people (staff pages)."""
    return list(db.session.scalars(
        select(Team).where(Team.community_id == community.id)
        .options(selectinload(Team.members).selectinload(TeamMember.person)).order_by(Team.name)
    ))


def team_list(community: Community) -> list[Team]:
    """The community's teams by name, without their members (for public pages)."""
    return list(db.session.scalars(
        select(Team).where(Team.community_id == community.id).order_by(Team.name)
    ))


def partner_choices(community: Community) -> list[tuple[int, str]]:
    """(id, name) of the community's partner units by name: the team form's choices."""
    return list(db.session.execute(
        select(Partner.id, Partner.name).where(Partner.community_id == community.id)
        .order_by(Partner.name, Partner.id)).tuples())


def get_team(community: Community, team_id: int) -> Team | None:
    """The community's team with this id."""
    return db.session.scalar(select(Team).where(Team.id == team_id,
                                                Team.community_id == community.id))


@transactional
def create_team(community: Community, actor: User, name: str, kind: str,
                description: str = "", partner: Partner | None = None) -> Team:
    """A new team, optionally a partner unit's; the name is unique within the community."""
    if db.session.scalar(select(Team.id).where(Team.community_id == community.id,
                                               Team.name == name)):
        raise SignupError(_l("已经有同名的队伍。"), "name")
    if partner is not None and partner.community_id != community.id:
        raise SignupError(_l("请选择本社区的共建单位。"), "partner_id")
    team = Team(community_id=community.id, name=name, kind=kind, description=description,
                partner=partner)
    db.session.add(team)
    db.session.flush()
    record_event(actor, "team.created", team, community, name=name)
    return team


@transactional
def request_membership(team: Team, person: Person) -> TeamMember:
    """A resident asks to join; asking again after a decline asks again."""
    member = db.session.scalar(select(TeamMember).where(
        TeamMember.team_id == team.id, TeamMember.person_id == person.id))
    if member is None:
        member = TeamMember(team_id=team.id, person_id=person.id)
        db.session.add(member)
    elif member.status == "accepted":
        raise SignupError(_l("您已经是这个队伍的成员。"), "mobile")
    member.status = "pending"
    member.requested_at = utcnow()
    member.decided_at = None
    return member


def partner_teams(partner: Partner) -> list[Team]:
    """The teams of a partner unit by name, without their members (the form's choices)."""
    return list(db.session.scalars(
        select(Team).where(Team.partner_id == partner.id).order_by(Team.name, Team.id)))


@transactional
def enrol_partner_staff(team: Team, name: str, mobile: str, actor: User) -> TeamMember:
    """A partner enrols one of its own staff: they join the unit's team at once."""
    person = find_or_add_person(team.community, name, mobile)
    db.session.flush()
    member = db.session.scalar(select(TeamMember).where(
        TeamMember.team_id == team.id, TeamMember.person_id == person.id))
    if member is None:
        member = TeamMember(team=team, person=person)
        db.session.add(member)
    member.status, member.decided_at = "accepted", utcnow()
    db.session.flush()
    record_event(actor, "team_member.enrolled", member, team.community, team=team.id)
    return member


@transactional
def decide_membership(member: TeamMember, accept: bool, actor: User) -> TeamMember:
    """Staff accept or decline a request to join."""
    member.status = "accepted" if accept else "declined"
    member.decided_at = utcnow()
    record_event(actor, f"team_member.{member.status}", member, member.team.community,
                 person=member.person_id)
    return member


def accepted_team_ids(person: Person | None) -> set[int]:
    """Teams the person belongs to."""
    if person is None:
        return set()
    return set(db.session.scalars(select(TeamMember.team_id).where(
        TeamMember.person_id == person.id, TeamMember.status == "accepted")))


def member_teams(person: Person | None) -> list[Team]:
    """The teams the person is an accepted member of, by name (none for nobody)."""
    if person is None:
        return []
    return list(db.session.scalars(
        select(Team).join(TeamMember).where(TeamMember.person_id == person.id,
                                            TeamMember.status == "accepted")
        .order_by(Team.name)
    ))


def memberships(person: Person) -> list[TeamMember]:
    """A person's team requests and memberships."""
    return list(db.session.scalars(select(TeamMember).where(TeamMember.person_id == person.id)
                                   .options(selectinload(TeamMember.team))))


@transactional
def revoke_link(person: Person, actor: User) -> int:
    """Invalidate every /me link of the person (and this browser's memory of them)."""
    link = db.session.get(VolunteerLink, person.id)
    if link is None:
        link = VolunteerLink(person_id=person.id, version=1)
        db.session.add(link)
    link.version += 1
    link.revoked_at = utcnow()
    record_event(actor, "volunteer_link.revoked", person, person.community)
    return link.version
