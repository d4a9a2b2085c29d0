"""Whose households a signed-in account may read and change in the register.

Staff and admins: the whole community. A grid worker: only the households of the grids
they work in (community/grids.py). Every register query starts from `households`, so no
route can forget the rule.
"""
from sqlalchemy import Select, select

from blueprints.auth.access import STAFF_ROLES
from blueprints.community.grids import in_grids, worker_grid_ids
from extensions import db
from models import Community, Grid, Household, User


def sees_all(user: User) -> bool:
    """Staff and admins see every household of their community."""
    return user.role in STAFF_ROLES


def households(user: User, community: Community) -> Select:
    """SELECT of the community's households this account may see."""
    query = select(Household).where(Household.community_id == community.id)
    if not sees_all(user):
        query = query.where(in_grids(worker_grid_ids(user, community)))
    return query


def household_for(user: User, community: Community, household_id: int) -> Household | None:
    """The household with this id if the account may see it (None otherwise)."""
    return db.session.scalar(households(user, community).where(Household.id == household_id))


def grids_for(user: User, community: Community) -> list[Grid]:
    """The grids this account may filter by: all for staff, a worker's own."""
    query = select(Grid).where(Grid.community_id == community.id).order_by(Grid.name)
    if not sees_all(user):
        query = query.where(Grid.id.in_(worker_grid_ids(user, community)))
    return list(db.session.scalars(query))


def place_allowed(user: User, community: Community, compound_id: int,
                  building_id: int | None) -> bool:
    """May this account put a household at this compound/building? (a worker: in a grid of theirs)"""
    if sees_all(user):
        return True
    return any(compound_id in {c.id for c in grid.compounds}
               or (building_id is not None and building_id in {b.id for b in grid.buildings})
               for grid in grids_for(user, community))
