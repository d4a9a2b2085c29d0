"""Which households a grid covers, and which grids a grid worker has.

A grid (网格) is made of whole compounds and/or single buildings; a household belongs to
every grid that holds its compound or its building. The register, the door-knocking rounds
and home services all scope a grid worker's view with these clauses.
"""
from sqlalchemy import or_, select

from extensions import db
from models import Community, Compound, Grid, Household, User
from models.community import grid_buildings, grid_compounds, grid_workers


def in_grids(grid_ids):
    """A WHERE clause: the household lies in one of these grids (ids or a subquery)."""
    return or_(
        Household.compound_id.in_(select(grid_compounds.c.compound_id)
                                  .where(grid_compounds.c.grid_id.in_(grid_ids))),
        Household.building_id.in_(select(grid_buildings.c.building_id)
                                  .where(grid_buildings.c.grid_id.in_(grid_ids))),
    )


def worker_grid_ids(user: User, community: Community):
    """A subquery of the ids of the community's grids this user works in."""
    return (select(Grid.id).join(grid_workers, grid_workers.c.grid_id == Grid.id)
            .where(grid_workers.c.user_id == user.id, Grid.community_id == community.id))


def grid_households(grid_ids) -> list[Household]:
    """The households of these grids, in walking order (see walking_order)."""
    return list(db.session.scalars(select(Household).where(in_grids(grid_ids))
                                   .order_by(*walking_order())))


def walking_order():
    """ORDER BY terms for a walk through the doors: compound, building, unit, floor, room."""
    compound_position = (select(Compound.position).where(Compound.id == Household.compound_id)
                         .scalar_subquery())
    return (compound_position, Household.compound_id, Household.building_id, Household.unit,
            Household.floor, Household.room, Household.id)
