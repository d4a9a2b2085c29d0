"""Sign-ups: taking places, the waitlist, cancelling, check-in and volunteer hours.

No `request` here: routes call these functions, each commits once, and refusals
are raised as SignupError with the field they belong to and a message.
"""
from collections import defaultdict
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from blueprints.core import clock
from blueprints.core.audit import record_event
from blueprints.core.transaction import transactional
from blueprints.volunteers import listing, outbox, places
from extensions import db
from models import Activity, Community, Person, Shift, Signup, Team, TeamMember, User
from models.base import utcnow
from models.people import normalize_mobile
from models.volunteers import ACTIVE_STATUSES, CLASS

# Check-in opens this long before a shift starts (volunteers arrive early to set up).
CHECKIN_OPENS_BEFORE = timedelta(hours=2)


class SignupError(Exception):
    """A sign-up or change that the rules refuse; `field` is where to show it."""

    def __init__(self, message, field: str = "form"):
        super().__init__(message)
        self.message = message
        self.field = field


def find_or_add(community: Community, name: str, mobile: str) -> tuple[Person, bool]:
    """The resident with this number in the community, and whether this call created them.

    An existing person keeps their stored name: whoever types a number into a public
    or partner form never renames its owner.
    """
    mobile = normalize_mobile(mobile)
    person = db.session.scalar(
        select(Person).where(Person.community_id == community.id, Person.mobile == mobile)
    )
    if person is not None:
        return person, False
    person = Person(community_id=community.id, name=name.strip(), mobile=mobile)
    try:
        # Added inside the savepoint, so that its rollback also takes the row out of the
        # session: left pending, the next query would flush it again, outside any savepoint.
        with db.session.begin_nested():
            db.session.add(person)
            db.session.flush()
    except IntegrityError:  # the same number arrived at the same moment
        person = db.session.scalar(select(Person).where(
            Person.community_id == community.id, Person.mobile == mobile))
        return person, False
    return person, True


def find_or_add_person(community: Community, name: str, mobile: str) -> Person:
    """The resident with this number in the community, created if new (name kept)."""
    return find_or_add(community, name, mobile)[0]


def refusal_reason(shift: Shift, now: datetime | None = None):
    """Why this shift takes no sign-ups now, or None."""
    if shift.is_cancelled:
        return _l("这个班次已取消，不能报名。")
    if shift.starts_at <= (now or utcnow()):
        return _l("这个班次已经开始或结束，不能报名。")
    return None


def is_member(person: Person, team_id: int) -> bool:
    """Whether the person is an accepted member of this team of their community."""
    return db.session.scalar(
        select(TeamMember.id).join(Team).where(
            TeamMember.person_id == person.id, TeamMember.team_id == team_id,
            TeamMember.status == "accepted", Team.community_id == person.community_id)
    ) is not None


def overlapping(person: Person, shift: Shift) -> Signup | None:
    """The person's active sign-up on another shift at an overlapping time."""
    return db.session.scalar(
        select(Signup).join(Shift).where(
            Signup.person_id == person.id,
            Signup.status.in_(ACTIVE_STATUSES),
            Shift.id != shift.id,
            Shift.cancelled_at.is_(None),
            Shift.starts_at < shift.ends_at,
            Shift.ends_at > shift.starts_at,
        ).limit(1)
    )


def sign_up(shift: Shift, person: Person, team_id: int | None = None,
            send_link: bool = False) -> Signup:
    """Take a place on the shift, or a place on its waitlist when it is full.

    `send_link`: the browser may not see the person's /me link, so it is queued as an
    SMS to their number instead.
    """
    if reason := refusal_reason(shift):
        raise SignupError(reason)
    if team_id is not None and not is_member(person, team_id):
        raise SignupError(_l("只能选择您已加入的队伍。"), "team")
    existing = db.session.scalar(
        select(Signup).where(Signup.shift_id == shift.id, Signup.person_id == person.id)
    )
    if existing is not None and existing.status != "cancelled":
        raise SignupError(_l("这个手机号已经报名了这个班次。"), "mobile")
    if clash := overlapping(person, shift):
        raise SignupError(_l("与您已报名的“%(title)s”时间冲突，同一时间只能参加一个班次。",
                             title=clash.shift.activity.title), "overlap")
    if existing is not None:
        signup = _reopen(existing, team_id)
    else:
        signup = Signup(shift_id=shift.id, person_id=person.id, team_id=team_id,
                        status="waitlisted", queued_at=utcnow())
        db.session.add(signup)
    if places.take_place(Shift, shift.id):
        signup.status = "confirmed"
    try:
        db.session.flush()
        if send_link:
            outbox.notify_me_link(signup)
        db.session.commit()
    except IntegrityError:  # a second tap of the same person raced the first one
        db.session.rollback()
        raise SignupError(_l("这个手机号已经报名了这个班次。"), "mobile")
    return signup


def _reopen(signup: Signup, team_id: int | None) -> Signup:
    """A cancelled sign-up waits again, flipped by one conditional UPDATE: of two taps
    reusing the same cancelled row, only the one that flips it goes on to take a place."""
    flipped = db.session.execute(
        update(Signup).where(Signup.id == signup.id, Signup.status == "cancelled")
        .values(status="waitlisted", team_id=team_id, queued_at=utcnow(), cancelled_at=None,
                promoted_at=None)
        .execution_options(synchronize_session=False)
    ).rowcount
    if flipped != 1:
        db.session.rollback()
        raise SignupError(_l("这个手机号已经报名了这个班次。"), "mobile")
    db.session.refresh(signup)
    return signup


def sign_up_by_number(shift: Shift, name: str, mobile: str, team_id: int | None = None) -> Signup:
    """A sign-up typed by a browser that does not know this person yet.

    It answers the same whether the number is new or a known resident's, so a public
    form cannot tell which numbers are registered: the /me link goes by SMS to the
    number in both cases, and a number already on this shift gets its sign-up back
    (its link sent again) instead of a refusal. A clash with another of the person's
    shifts is refused without naming it.
    """
    person, _created = find_or_add(shift.activity.community, name, mobile)
    try:
        return sign_up(shift, person, team_id=team_id, send_link=True)
    except SignupError as refused:
        if refused.field == "overlap":
            raise SignupError(_l("这个号码在同一时间已报名了另一个班次，同一时间只能参加一个班次。"),
                              "overlap") from None
        if refused.field != "mobile":
            raise
    existing = db.session.scalar(select(Signup).where(
        Signup.shift_id == shift.id, Signup.person_id == person.id, Signup.status != "cancelled"))
    outbox.notify_me_link(existing)
    db.session.commit()
    return existing


def waitlist_position(signup: Signup) -> int:
    """This sign-up's place on its shift's waitlist (1 = next in line)."""
    return places.waitlist_position(Signup, Signup.shift_id, signup)


def cancellation_refusal(signup: Signup, now: datetime | None = None):
    """Why this sign-up cannot be cancelled now, or None when it can.

    The one rule for the cancel service and the cancel button of the /me page: a
    sign-up still holding or waiting for a place, on a shift that has not started
    (a cancelled shift's sign-up may still be withdrawn; nobody is promoted then).
    """
    if signup.status not in ACTIVE_STATUSES:
        return _l("这个报名已经不能取消。")
    if signup.shift.starts_at <= (now or utcnow()):
        return _l("班次已经开始，不能再取消。")
    return None


def cancellable(signup: Signup, now: datetime | None = None) -> bool:
    """True when the volunteer may cancel this sign-up now."""
    return cancellation_refusal(signup, now) is None


@transactional
def cancel(signup: Signup, actor: User | None = None) -> Signup | None:
    """Cancel a sign-up; a freed place goes to the first waitlisted person (returned),
    unless the shift itself is cancelled."""
    refusal = cancellation_refusal(signup)
    if refusal is not None:
        raise SignupError(refusal)
    held_place = signup.status == "confirmed"
    signup.status = "cancelled"
    signup.cancelled_at = utcnow()
    db.session.flush()
    promoted = None
    if held_place:
        places.release_place(Shift, signup.shift_id)
        if not signup.shift.is_cancelled:  # nobody is promoted onto a shift that won't happen
            promoted = places.promote_next(Shift, Signup, Signup.shift_id, signup.shift_id)
        if promoted is not None:
            outbox.notify_promoted(promoted)
    if actor is not None:
        record_event(actor, "signup.cancelled", signup, signup.shift.activity.community)
    db.session.refresh(signup.shift)
    return promoted


@transactional
def check_in(signup: Signup, actor: User, now: datetime | None = None) -> Signup:
    """Record attendance: the shift's length becomes confirmed volunteer time.

    Only for a shift that takes place: not cancelled, and starting within
    CHECKIN_OPENS_BEFORE (a future day's shift cannot be credited yet).
    """
    if signup.status not in ("confirmed", "no_show", "attended"):
        raise SignupError(_l("只有已确认的报名才能签到。"))
    if signup.shift.is_cancelled:
        raise SignupError(_l("这个班次已取消，不能签到。"))
    if (now or utcnow()) < signup.shift.starts_at - CHECKIN_OPENS_BEFORE:
        raise SignupError(_l("班次开始前两小时才能签到。"))
    if signup.status != "attended":
        signup.status = "attended"
        signup.checked_in_at = utcnow()
        signup.checked_in_by_id = actor.id
        signup.minutes = signup.shift.minutes
        record_event(actor, "signup.checked_in", signup, signup.shift.activity.community,
                     person=signup.person_id)
    return signup


@transactional
def mark_no_show(signup: Signup, actor: User) -> Signup:
    """Record that a confirmed volunteer did not come (their place stays counted)."""
    if signup.status not in ("confirmed", "attended"):
        raise SignupError(_l("只有已确认的报名才能标记缺席。"))
    signup.status = "no_show"
    signup.minutes = 0
    signup.checked_in_at = None
    record_event(actor, "signup.no_show", signup, signup.shift.activity.community,
                 person=signup.person_id)
    return signup


def person_signups(person: Person) -> list[Signup]:
    """All of a person's sign-ups, newest shift first."""
    return list(db.session.scalars(
        select(Signup).join(Shift).where(Signup.person_id == person.id)
        .options(selectinload(Signup.shift).selectinload(Shift.activity))
        .order_by(Shift.starts_at.desc())
    ))


def attended_records(person: Person, year: int | None = None) -> list[Signup]:
    """Attended sign-ups that are volunteer time (the hours records), oldest first,
    optionally of one year: a class taught counts, a class attended does not."""
    records = [s for s in person_signups(person) if s.status == "attended"
               and (s.role == "teacher" or s.shift.activity.category != CLASS)]
    if year is not None:
        records = [s for s in records if clock.local(s.shift.starts_at).year == year]
    return sorted(records, key=lambda s: s.shift.starts_at)


def hours_by_year(person: Person) -> dict[int, float]:
    """{year: hours} from attended shifts, newest year first (two columns a row, no objects)."""
    totals: dict[int, int] = defaultdict(int)
    rows = db.session.execute(select(Shift.starts_at, Signup.minutes).join(Shift).join(Activity)
                              .where(Signup.person_id == person.id, Signup.status == "attended",
                                     listing.service_time()))
    for starts_at, minutes in rows:
        totals[clock.local(starts_at).year] += minutes
    return {year: minutes / 60 for year, minutes in sorted(totals.items(), reverse=True)}


def community_hours(community: Community, year: int) -> list[tuple[Person, float, int]]:
    """(person, hours, shifts) for everyone with attended shifts in the year, added up in SQL."""
    rows = db.session.execute(listing.hours_query(community, year))
    return [(person, minutes / 60, count) for person, minutes, count in rows]
