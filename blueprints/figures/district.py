"""The district view: an admin's communities side by side, one row each, sortable.

Every figure is one query grouped by community over all the admin's communities, so the
page sends the same number of queries for 2 communities or 100.
"""
from dataclasses import dataclass
from datetime import timedelta
from statistics import median

from sqlalchemy import and_, func, or_, select

from blueprints.core import clock
from blueprints.figures.period import Period, month_period
from blueprints.issues.figures import hours_to_resolve
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
    """The rows of the district view, its month, and how many communities were left off."""

    rows: list[DistrictRow]
    month: str
    more: int = 0  # communities beyond MAX_COMMUNITIES, not shown


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
    month = month_period((today.year, today.month), (today.year, today.month))
    communities = _communities(admin)
    rows = {c.id: DistrictRow(c) for c in communities[:MAX_COMMUNITIES]}
    ids = list(rows)
    figures = {"open": _open_issues(ids), "overdue": _open_issues(ids, _overdue(now)),
               "median_hours": _median_hours(ids, month), "hours": _volunteer_hours(ids, month),
               "services": _services(ids, month), "households": _households(ids),
               "visited": _visited(ids, month)}
    for name, values in figures.items():
        for cid, value in values.items():
            setattr(rows[cid], name, value)
    return District(sort_rows(list(rows.values()), sort, descending), month.months[0],
                    max(0, len(communities) - MAX_COMMUNITIES))


def _communities(admin: User) -> list[Community]:
    """The admin's communities by name, one more than shown (to tell that there are more)."""
    ids = select(user_communities.c.community_id).where(user_communities.c.user_id == admin.id)
    return list(db.session.scalars(
        select(Community).where(Community.id.in_(ids)).order_by(Community.name, Community.id)
        .limit(MAX_COMMUNITIES + 1)))


def _open_issues(ids: list[int], *where) -> dict:
    return _grouped(select(Issue.community_id, func.count(Issue.id))
                    .where(Issue.community_id.in_(ids), Issue.status.in_(OPEN_STATUSES), *where)
                    .group_by(Issue.community_id))


def _median_hours(ids: list[int], month: Period) -> dict:
    """Median hours from report to resolution of the issues resolved this month."""
    durations: dict = {}
    for cid, created, resolved in db.session.execute(
            select(Issue.community_id, Issue.created_at, Issue.resolved_at)
            .where(Issue.community_id.in_(ids), Issue.resolved_at >= month.start,
                   Issue.resolved_at < month.end)):
        durations.setdefault(cid, []).append(hours_to_resolve(created, resolved))
    return {cid: median(values) for cid, values in durations.items()}


def _volunteer_hours(ids: list[int], month: Period) -> dict:
    minutes = _grouped(
        select(Activity.community_id, func.sum(Signup.minutes)).select_from(Signup)
        .join(Shift, Shift.id == Signup.shift_id).join(Activity, Activity.id == Shift.activity_id)
        .where(Activity.community_id.in_(ids), Signup.status == "attended",
               Shift.starts_at >= month.start, Shift.starts_at < month.end)
        .group_by(Activity.community_id))
    return {cid: (n or 0) / 60 for cid, n in minutes.items()}


def _services(ids: list[int], month: Period) -> dict:
    """Home visits done and service-card scans this month (as on the figures page)."""
    visits = _grouped(
        select(HomeBooking.community_id, func.count(HomeBooking.id))
        .join(VisitDate, VisitDate.id == HomeBooking.visit_date_id)
        .where(HomeBooking.community_id.in_(ids), HomeBooking.outcome == "done",
               VisitDate.day >= month.first_day, VisitDate.day < month.last_day)
        .group_by(HomeBooking.community_id))
    uses = _grouped(
        select(ServiceUse.community_id, func.count(ServiceUse.id))
        .where(ServiceUse.community_id.in_(ids), ServiceUse.kind == "card",
               ServiceUse.day >= month.first_day, ServiceUse.day < month.last_day)
        .group_by(ServiceUse.community_id))
    return {cid: visits.get(cid, 0) + uses.get(cid, 0) for cid in {**visits, **uses}}


def _households(ids: list[int]) -> dict:
    return _grouped(select(Household.community_id, func.count(Household.id))
                    .where(Household.community_id.in_(ids)).group_by(Household.community_id))


def _visited(ids: list[int], month: Period) -> dict:
    """Households a door-knocker found (visited, refused or vacant: not "not home")."""
    return _grouped(
        select(Visit.community_id, func.count(func.distinct(Visit.household_id)))
        .where(Visit.community_id.in_(ids), Visit.visited_at >= month.start,
               Visit.visited_at < month.end, Visit.outcome != "not_home")
        .group_by(Visit.community_id))


def sort_rows(rows: list[DistrictRow], sort: str, descending: bool) -> list[DistrictRow]:
    """Rows by one column; empty figures (no median, no households) always last."""
    key = sort if sort in COLUMNS else "name"
    present = [r for r in rows if getattr(r, key) is not None]
    missing = [r for r in rows if getattr(r, key) is None]
    present.sort(key=lambda r: (getattr(r, key), r.name), reverse=descending)
    return present + missing
