"""The staff board: issues by status column, with filters and the grid worker's queue first.

Each column shows at most COLUMN_SIZE cards (overdue first, then newest) and the number of all
of them; the rest are one link away, on the paginated list of that status (`issue_list`). So the
board costs the same few queries however many issues a community has (DESIGN §10).
"""
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import selectinload

from blueprints.core.paging import Page, paginate
from blueprints.issues.services import is_overdue
from extensions import db
from models import Community, Grid, Issue, User
from models.base import utcnow
from models.community import grid_compounds
from models.issues import CATEGORIES, OPEN_STATUSES, STATUSES

BOARD_COLUMNS = ("new", "accepted", "assigned", "in_progress", "resolved")
COLUMN_SIZE = 10  # cards per column: five columns of them are a long scroll on a phone
LIST_SIZE = 30  # rows per page of the list behind a column's "all" link
OPEN = "open"  # the list's "every unfinished status" choice


@dataclass
class BoardFilters:
    """What the staff board (and its lists) are narrowed to."""

    compound_id: int | None = None
    grid_id: int | None = None
    category: str | None = None
    channel: str | None = None
    overdue: bool = False
    mine: bool = False
    status: str | None = None  # the list only: one status, OPEN, or all


def overdue_clause(now: datetime):
    """Open and past its category's target time: is_overdue as SQL, one term per category."""
    late = [and_(Issue.category == code, Issue.created_at < now - timedelta(hours=hours))
            for code, (_label, hours) in CATEGORIES.items()]
    return and_(Issue.status.in_(OPEN_STATUSES), or_(*late))


def board_columns(community: Community, filters: BoardFilters, user: User) -> list[dict]:
    """One column per open status: its total and first cards (issue, overdue), mine first for
    grid workers, then overdue, then newest."""
    now = utcnow()
    where = _where(community, filters, user, now) + [Issue.status.in_(BOARD_COLUMNS)]
    totals = dict(db.session.execute(
        select(Issue.status, func.count(Issue.id)).where(*where).group_by(Issue.status)).all())
    order = _order(user, now)
    rank = func.row_number().over(partition_by=Issue.status, order_by=order).label("rank")
    ranked = select(Issue.id, rank).where(*where).subquery()
    query = (select(Issue).join(ranked, ranked.c.id == Issue.id)
             .where(ranked.c.rank <= COLUMN_SIZE).order_by(*order)
             .options(selectinload(Issue.compound), selectinload(Issue.assignee)))
    cards = [(issue, is_overdue(issue, now)) for issue in db.session.scalars(query)]
    return [{"status": status, "label": STATUSES[status], "total": totals.get(status, 0),
             "cards": [c for c in cards if c[0].status == status]} for status in BOARD_COLUMNS]


def issue_list(community: Community, filters: BoardFilters, user: User,
               number: int) -> Page[tuple[Issue, bool]]:
    """One page of the board's issues of a status (or OPEN, or any), in the columns' order."""
    now = utcnow()
    where = _where(community, filters, user, now)
    if filters.status == OPEN:
        where.append(Issue.status.in_(OPEN_STATUSES))
    elif filters.status in STATUSES:
        where.append(Issue.status == filters.status)
    query = (select(Issue).where(*where).order_by(*_order(user, now))
             .options(selectinload(Issue.compound), selectinload(Issue.assignee)))
    page = paginate(query, number, LIST_SIZE)
    page.items = [(issue, is_overdue(issue, now)) for issue in page.items]
    return page


def _order(user: User, now: datetime) -> list:
    """A grid worker's own cards first, then overdue ones, then newest (ids break ties)."""
    order = [case((overdue_clause(now), 0), else_=1), Issue.created_at.desc(), Issue.id.desc()]
    if user.role == "grid_worker":
        order.insert(0, case((Issue.assignee_id == user.id, 0), else_=1))
    return order


def _where(community: Community, filters: BoardFilters, user: User, now: datetime) -> list:
    """The community and the compound, grid, category, channel, overdue and mine filters."""
    where = [Issue.community_id == community.id]
    if filters.compound_id:
        where.append(Issue.compound_id == filters.compound_id)
    if filters.grid_id:
        where.append(_in_grid(community, filters.grid_id))
    if filters.category:
        where.append(Issue.category == filters.category)
    if filters.channel:
        where.append(Issue.channel == filters.channel)
    if filters.overdue:
        where.append(overdue_clause(now))
    if filters.mine:
        where.append(Issue.assignee_id == user.id)
    return where


def _in_grid(community: Community, grid_id: int):
    """Issues of the grid's compounds, as a subquery (another community's grid: none)."""
    compounds = (select(grid_compounds.c.compound_id)
                 .join(Grid, Grid.id == grid_compounds.c.grid_id)
                 .where(Grid.id == grid_id, Grid.community_id == community.id))
    return Issue.compound_id.in_(compounds)


def my_queue(community: Community, user: User) -> tuple[list[Issue], int]:
    """The newest open issues assigned to this user (at most COLUMN_SIZE) and how many there are."""
    where = [Issue.community_id == community.id, Issue.assignee_id == user.id,
             Issue.status.in_(("assigned", "in_progress"))]
    total = db.session.scalar(select(func.count(Issue.id)).where(*where))
    query = (select(Issue).where(*where).options(selectinload(Issue.compound))
             .order_by(Issue.created_at.desc(), Issue.id.desc()).limit(COLUMN_SIZE))
    return list(db.session.scalars(query)), total
