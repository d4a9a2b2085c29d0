"""The district view: an admin's communities side by side, one row each, sortable.

Every figure is one query grouped by community over all the admin's communities, so the
page sends the same number of queries for 2 communities or 100.
"""
from dataclasses import dataclass, field
from datetime import timedelta
from statistics import median

from sqlalchemy import and_, func, or_, select

from blueprints.core import clock
from blueprints.figures.period import month_period
from extensions import db
from models import Community, Household, Issue, User
from models.homeservice import HomeBooking, ServiceUse, VisitDate
from models.issues import CATEGORIES, OPEN_STATUSES
from models.user import user_communities
from models.visits import Visit
from models.volunteers import Activity, Shift, Signup

MAX_COMMUNITIES = 200  # a district has ~100; more are listed by name only (see `more`)
COLUMNS = ("name", "open", "overdue", "median_hours", "hours", "services", "coverage")


@dataclass
class DistrictRow:
    """One community's headline figures this month."""

    community: Community
    open: int = 0
    overdue: int = 0
    median_hours: float | None = None
    hours: float = 0.0
    services: int = 0
    households: int = 0
    visited: int = 0

    @property
    def name(self) -> str:
        return self.community.name

    @property
    def coverage(self) -> int | None:
        """Households visited this month, in percent of the community's households."""
        return round(100 * self.visited / self.households) if self.households else None


@dataclass
class District:
    rows: list[DistrictRow]
    month: str
    more: int = 0  # communities beyond MAX_COMMUNITIES, not shown
    extra: dict = field(default_factory=dict)


def _grouped(query) -> dict:
    return {key: value for key, value in db.session.execute(query)}


def _overdue(now):
    """Open issues older than their category's target hours."""
    return or_(*[and_(Issue.category == code, Issue.created_at < now - timedelta(hours=hours))
                 for code, (_label, hours) in CATEGORIES.items()])


def district(admin: User, sort: str = "name", descending: bool = False) -> District:
    """The admin's communities with this month's figures, sorted by `sort` (a COLUMNS name)."""
    now = clock.now()
    today = clock.today(now)
    period = month_period((today.year, today.month), (today.year, today.month))
    ids = select(user_communities.c.community_id).where(user_communities.c.user_id == admin.id)
    communities = list(db.session.scalars(
        select(Community).where(Community.id.in_(ids)).order_by(Community.name, Community.id)
        .limit(MAX_COMMUNITIES + 1)))
    more = max(0, len(communities) - MAX_COMMUNITIES)
    communities = communities[:MAX_COMMUNITIES]
    rows = {c.id: DistrictRow(c) for c in communities}
    mine = list(rows)
    start, end = period.start, period.end
    open_issues = and_(Issue.community_id.in_(mine), Issue.status.in_(OPEN_STATUSES))
    for cid, n in _grouped(select(Issue.community_id, func.count(Issue.id)).where(open_issues)
                           .group_by(Issue.community_id)).items():
        rows[cid].open = n
    for cid, n in _grouped(select(Issue.community_id, func.count(Issue.id))
                           .where(open_issues, _overdue(now)).group_by(Issue.community_id)).items():
        rows[cid].overdue = n
    durations: dict = {}
    for cid, created, resolved in db.session.execute(
            select(Issue.community_id, Issue.created_at, Issue.resolved_at)
            .where(Issue.community_id.in_(mine), Issue.resolved_at >= start, Issue.resolved_at < end)):
        durations.setdefault(cid, []).append((resolved - created).total_seconds() / 3600)
    for cid, values in durations.items():
        rows[cid].median_hours = median(values)
    for cid, minutes in _grouped(
            select(Activity.community_id, func.sum(Signup.minutes)).select_from(Signup)
            .join(Shift, Shift.id == Signup.shift_id).join(Activity, Activity.id == Shift.activity_id)
            .where(Activity.community_id.in_(mine), Signup.status == "attended",
                   Shift.starts_at >= start, Shift.starts_at < end)
            .group_by(Activity.community_id)).items():
        rows[cid].hours = (minutes or 0) / 60
    for cid, n in _grouped(
            select(HomeBooking.community_id, func.count(HomeBooking.id))
            .join(VisitDate, VisitDate.id == HomeBooking.visit_date_id)
            .where(HomeBooking.community_id.in_(mine), HomeBooking.outcome == "done",
                   VisitDate.day >= period.first_day, VisitDate.day < period.last_day)
            .group_by(HomeBooking.community_id)).items():
        rows[cid].services += n
    for cid, n in _grouped(
            select(ServiceUse.community_id, func.count(ServiceUse.id))
            .where(ServiceUse.community_id.in_(mine), ServiceUse.day >= period.first_day,
                   ServiceUse.day < period.last_day)
            .group_by(ServiceUse.community_id)).items():
        rows[cid].services += n
    for cid, n in _grouped(select(Household.community_id, func.count(Household.id))
                           .where(Household.community_id.in_(mine))
                           .group_by(Household.community_id)).items():
        rows[cid].households = n
    for cid, n in _grouped(
            select(Visit.community_id, func.count(func.distinct(Visit.household_id)))
            .where(Visit.community_id.in_(mine), Visit.visited_at >= start, Visit.visited_at < end,
                   Visit.outcome != "not_home")
            .group_by(Visit.community_id)).items():
        rows[cid].visited = n
    return District(sort_rows(list(rows.values()), sort, descending), period.months[0], more)


def sort_rows(rows: list[DistrictRow], sort: str, descending: bool) -> list[DistrictRow]:
    """Rows by one column; empty figures (no median, no households) always last."""
    key = sort if sort in COLUMNS else "name"
    present = [r for r in rows if getattr(r, key) is not None]
    missing = [r for r in rows if getattr(r, key) is None]
    present.sort(key=lambda r: (getattr(r, key), r.name), reverse=descending)
    return present + missing
