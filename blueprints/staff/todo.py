"""What needs doing, for the console's start page: counts, each with the page where it is done.

Every count comes from a handful of aggregate queries (conditional sums, GROUP BY), never one
query per line or per row, so the page costs the same whatever the community's size
(DESIGN §10). A grid worker's counts cover their grids only, their own queue first.
"""
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, case, exists, func, or_, select, union
from sqlalchemy.exc import IntegrityError

from blueprints.community.grids import worker_grid_ids
from blueprints.core import clock
from blueprints.core.transaction import transactional
from blueprints.issues.board import overdue_clause
from blueprints.offers.services import VISIT_INTERVAL
from extensions import db
from models import (
    Activity,
    BoxOpening,
    Community,
    Compound,
    ConsoleSeen,
    Course,
    HomeOffer,
    Household,
    Issue,
    Offer,
    OfferRevision,
    OutboxMessage,
    Partner,
    Shift,
    User,
    Visit,
    VisitCampaign,
    VisitDate,
)
from models.community import grid_buildings, grid_compounds
from models.issues import CHANNELS
from models.visits import campaign_grids, campaign_households

FIRST_LOOK = timedelta(days=7)  # "new" for an account that has never opened the page
SITTING = timedelta(minutes=30)  # visits closer together than this are one sitting
BOX_DAYS = 7  # an opinion box unopened for longer than this is late (issues/boxes.py)
ROUNDS_SHOWN = 5  # door-knocking rounds in progress listed, the latest first
DONE_OUTCOMES = ("visited", "refused", "vacant")  # doors needing no more knocking (visits/coverage)
_MIDNIGHT = time(0, 0)


@dataclass
class Round:
    """A door-knocking round in progress and how far it has got."""

    id: int
    name: str
    ends_on: date
    total: int = 0
    done: int = 0

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


@dataclass
class DayPlaces:
    """One day's shifts, course sessions and home-service visit dates still to fill."""

    day: date
    shifts_open: int = 0
    shifts_empty: int = 0  # no one signed up yet
    sessions_open: int = 0
    home_dates_open: int = 0

    @property
    def anything(self) -> bool:
        return bool(self.shifts_open or self.sessions_open or self.home_dates_open)


@dataclass
class Todo:
    """Everything the start page counts for one account in one community."""

    since: datetime
    grid_only: bool
    mine: int = 0
    new_by_channel: dict[str, int] = field(default_factory=dict)
    overdue: int = 0
    awaiting_verdict: int = 0
    revisions: int = 0
    partners_due: int = 0
    boxes_late: int = 0
    days: list[DayPlaces] = field(default_factory=list)
    rounds: list[Round] = field(default_factory=list)
    outbox_failed: int = 0
    scope: dict = field(default_factory=dict)  # the issue lists' filter matching the counts

    @property
    def new_total(self) -> int:
        return sum(self.new_by_channel.values())


def last_seen(user: User, community: Community) -> datetime | None:
    """When the account last opened this community's start page (None: never)."""
    return db.session.scalar(select(ConsoleSeen.seen_at).where(
        ConsoleSeen.user_id == user.id, ConsoleSeen.community_id == community.id))


@transactional
def visit(user: User, community: Community, now: datetime) -> datetime | None:
    """Record a visit to the start page; the moment its "new" counts from (None: never seen).

    A visit after a break of more than SITTING moves that moment to the previous visit; a
    reload, or coming back from a linked page, within one sitting keeps it, so what was new
    when the secretary sat down stays listed until they are done."""
    row = db.session.scalar(select(ConsoleSeen).where(
        ConsoleSeen.user_id == user.id, ConsoleSeen.community_id == community.id))
    if row is None:
        try:
            with db.session.begin_nested():  # two first visits at once: one row wins
                db.session.add(ConsoleSeen(user_id=user.id, community_id=community.id,
                                           seen_at=now))
        except IntegrityError:
            pass
        return None
    if now - row.seen_at > SITTING:
        row.since_at = row.seen_at
    row.seen_at = now
    return row.since_at


def todo(user: User, community: Community, since: datetime | None,
         now: datetime | None = None) -> Todo:
    """The start page's counts; `since` is the last visit (None: the last FIRST_LOOK)."""
    now = now or clock.now()
    grids = worker_grid_ids(user, community) if user.role == "grid_worker" else None
    result = Todo(since=since or now - FIRST_LOOK, grid_only=grids is not None)
    if grids is not None:
        own = list(db.session.scalars(grids))
        result.scope = {"grid": own[0]} if len(own) == 1 else {}  # the list filters one grid
    _issue_counts(result, user, community, grids, now)
    result.rounds = _rounds(community, grids, clock.today(now))
    if grids is None:  # the rest is the office's work, on pages grid workers do not open
        result.revisions = _count(select(func.count(OfferRevision.id))
                                  .join(Offer, Offer.id == OfferRevision.offer_id)
                                  .where(Offer.community_id == community.id,
                                         OfferRevision.status == "pending"))
        result.partners_due = _count(select(func.count(Partner.id)).where(
            Partner.community_id == community.id,
            or_(Partner.last_visited_at.is_(None), Partner.last_visited_at < now - VISIT_INTERVAL)))
        result.boxes_late = _boxes_late(community, clock.today(now))
        result.days = _places(community, now)
        result.outbox_failed = _count(select(func.count(OutboxMessage.id)).where(
            OutboxMessage.community_id == community.id, OutboxMessage.error != "",
            OutboxMessage.sent_at.is_(None), OutboxMessage.skipped_at.is_(None)))
    return result


def _count(query) -> int:
    return int(db.session.scalar(query) or 0)


def _sum(condition):
    return func.sum(case((condition, 1), else_=0))


def _issue_counts(result: Todo, user: User, community: Community, grids, now: datetime) -> None:
    """Every issue line in one query: new per channel, overdue, awaiting the reporter, mine."""
    new = Issue.created_at > result.since
    columns = [_sum(and_(new, Issue.channel == code)) for code in CHANNELS]
    columns += [_sum(overdue_clause(now)), _sum(Issue.status == "resolved"),
                _sum(and_(Issue.assignee_id == user.id,
                          Issue.status.in_(("assigned", "in_progress"))))]
    query = select(*columns).where(Issue.community_id == community.id,
                                   Issue.merged_into_id.is_(None))
    if grids is not None:
        query = query.where(Issue.compound_id.in_(
            select(grid_compounds.c.compound_id).where(grid_compounds.c.grid_id.in_(grids))))
    row = [int(n or 0) for n in db.session.execute(query).one()]
    result.new_by_channel = dict(zip(CHANNELS, row[:len(CHANNELS)]))
    result.overdue, result.awaiting_verdict, result.mine = row[len(CHANNELS):]


def _boxes_late(community: Community, today: date) -> int:
    """Compounds whose opinion box has not been opened for more than BOX_DAYS days (or ever)."""
    recent = (select(BoxOpening.id).where(BoxOpening.compound_id == Compound.id,
                                          BoxOpening.opened_on >= today - timedelta(days=BOX_DAYS)))
    return _count(select(func.count(Compound.id)).where(Compound.community_id == community.id,
                                                        ~recent.exists()))


def _places(community: Community, now: datetime) -> list[DayPlaces]:
    """Today's (from now on) and tomorrow's shifts and sessions with places left, and
    home-service visit dates with room."""
    today = clock.today(now)
    days = [DayPlaces(today), DayPlaces(today + timedelta(days=1))]
    bounds = [clock.at(d.day + timedelta(days=n), _MIDNIGHT) for d in days for n in (0, 1)]
    bounds[0] = max(bounds[0], now)  # a shift over already has nobody left to find
    is_course = Course.id.is_not(None)
    columns = []
    for start, end in (bounds[0:2], bounds[2:4]):
        on_day = and_(Shift.starts_at >= start, Shift.starts_at < end, Shift.taken < Shift.capacity)
        columns += [_sum(and_(on_day, ~is_course)), _sum(and_(on_day, ~is_course, Shift.taken == 0)),
                    _sum(and_(on_day, is_course))]
    shifts = (select(*columns).join(Activity, Activity.id == Shift.activity_id)
              .outerjoin(Course, Course.activity_id == Activity.id)
              .where(Activity.community_id == community.id, Activity.cancelled_at.is_(None),
                     Shift.cancelled_at.is_(None), Shift.starts_at >= bounds[0],
                     Shift.starts_at < bounds[3]))
    row = [int(n or 0) for n in db.session.execute(shifts).one()]
    dates = dict(db.session.execute(
        select(VisitDate.day, func.count(VisitDate.id))
        .join(HomeOffer, HomeOffer.id == VisitDate.home_offer_id)
        .where(HomeOffer.community_id == community.id, HomeOffer.active.is_(True),
               VisitDate.day.in_([d.day for d in days]), VisitDate.taken < VisitDate.capacity)
        .group_by(VisitDate.day)).all())
    for i, day in enumerate(days):
        day.shifts_open, day.shifts_empty, day.sessions_open = row[3 * i:3 * i + 3]
        day.home_dates_open = int(dates.get(day.day, 0))
    return days


def _rounds(community: Community, grids, today: date) -> list[Round]:
    """Rounds in progress (at most ROUNDS_SHOWN) and their coverage: two queries in all."""
    query = (select(VisitCampaign.id, VisitCampaign.name, VisitCampaign.ends_on)
             .where(VisitCampaign.community_id == community.id,
                    VisitCampaign.starts_on <= today, VisitCampaign.ends_on >= today)
             .order_by(VisitCampaign.starts_on.desc(), VisitCampaign.id.desc())
             .limit(ROUNDS_SHOWN))
    if grids is not None:  # a grid worker: the rounds that knock on their grids' doors
        query = query.where(VisitCampaign.id.in_(
            select(campaign_grids.c.campaign_id).where(campaign_grids.c.grid_id.in_(grids))))
    rounds = [Round(*row) for row in db.session.execute(query)]
    if not rounds:
        return rounds
    covered = _coverage([r.id for r in rounds], grids)
    for item in rounds:
        item.total, item.done = covered.get(item.id, (0, 0))
    return rounds


def _coverage(campaign_ids: list[int], grids) -> dict[int, tuple[int, int]]:
    """Per round: households of its grids (of `grids` only, when given) and those done, each
    household counted by its latest visit of the round."""
    where = [campaign_grids.c.campaign_id.in_(campaign_ids)]
    if grids is not None:
        where.append(campaign_grids.c.grid_id.in_(grids))
    # A targeted round (visits/campaigns.py) knocks only on its own list of doors.
    on_round = or_(VisitCampaign.targeted.is_(False), exists().where(
        campaign_households.c.campaign_id == campaign_grids.c.campaign_id,
        campaign_households.c.household_id == Household.id))
    by_compound = (select(campaign_grids.c.campaign_id, Household.id.label("household_id"))
                   .join(VisitCampaign, VisitCampaign.id == campaign_grids.c.campaign_id)
                   .join(grid_compounds, grid_compounds.c.grid_id == campaign_grids.c.grid_id)
                   .join(Household, Household.compound_id == grid_compounds.c.compound_id)
                   .where(*where, on_round, Household.status != "moved_out"))
    by_building = (select(campaign_grids.c.campaign_id, Household.id.label("household_id"))
                   .join(VisitCampaign, VisitCampaign.id == campaign_grids.c.campaign_id)
                   .join(grid_buildings, grid_buildings.c.grid_id == campaign_grids.c.grid_id)
                   .join(Household, Household.building_id == grid_buildings.c.building_id)
                   .where(*where, on_round, Household.status != "moved_out"))
    doors = union(by_compound, by_building).subquery()
    latest = (select(Visit.campaign_id, Visit.household_id, func.max(Visit.id).label("last_id"))
              .where(Visit.campaign_id.in_(campaign_ids))
              .group_by(Visit.campaign_id, Visit.household_id).subquery())
    done = or_(Visit.outcome.in_(DONE_OUTCOMES), and_(Visit.id.is_(None), Household.status == "vacant"))
    query = (select(doors.c.campaign_id, func.count(), _sum(done))
             .join(Household, Household.id == doors.c.household_id)
             .outerjoin(latest, and_(latest.c.campaign_id == doors.c.campaign_id,
                                     latest.c.household_id == doors.c.household_id))
             .outerjoin(Visit, Visit.id == latest.c.last_id)
             .group_by(doors.c.campaign_id))
    return {row[0]: (int(row[1]), int(row[2] or 0)) for row in db.session.execute(query)}
