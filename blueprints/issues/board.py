"""The staff board: issues by status column, with filters and the grid worker's queue first."""
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from blueprints.issues.services import is_overdue
from extensions import db
from models import Community, Grid, Issue, User
from models.base import utcnow
from models.issues import STATUSES

BOARD_COLUMNS = ("new", "accepted", "assigned", "in_progress", "resolved")


@dataclass
class BoardFilters:
    """What the staff board is narrowed to."""

    compound_id: int | None = None
    grid_id: int | None = None
    category: str | None = None
    channel: str | None = None
    overdue: bool = False


def board_columns(community: Community, filters: BoardFilters, user: User) -> list[dict]:
    """One column per open status, each a list of (issue, overdue) — mine first for grid workers."""
    query = (select(Issue).where(Issue.community_id == community.id,
                                 Issue.status.in_(BOARD_COLUMNS))
             .options(selectinload(Issue.compound), selectinload(Issue.assignee))
             .order_by(Issue.created_at))
    query = _narrow(query, community, filters)
    now = utcnow()
    cards = [(issue, is_overdue(issue, now)) for issue in db.session.scalars(query)]
    if filters.overdue:
        cards = [card for card in cards if card[1]]
    if user.role == "grid_worker":
        # A grid worker's phone shows their own queue first (stable sort keeps the age order).
        cards.sort(key=lambda card: card[0].assignee_id != user.id)
    return [{"status": status, "label": STATUSES[status],
             "cards": [c for c in cards if c[0].status == status]} for status in BOARD_COLUMNS]


def _narrow(query, community: Community, filters: BoardFilters):
    """Apply the compound, grid, category and channel filters."""
    if filters.compound_id:
        query = query.where(Issue.compound_id == filters.compound_id)
    if filters.grid_id:
        grid = db.session.get(Grid, filters.grid_id)
        ids = [c.id for c in grid.compounds] if grid and grid.community_id == community.id else []
        query = query.where(Issue.compound_id.in_(ids))
    if filters.category:
        query = query.where(Issue.category == filters.category)
    if filters.channel:
        query = query.where(Issue.channel == filters.channel)
    return query


def my_queue(community: Community, user: User) -> list[Issue]:
    """Open issues assigned to this user, oldest first."""
    query = (select(Issue).where(Issue.community_id == community.id, Issue.assignee_id == user.id,
                                 Issue.status.in_(("assigned", "in_progress")))
             .options(selectinload(Issue.compound)).order_by(Issue.created_at))
    return list(db.session.scalars(query))
