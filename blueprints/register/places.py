"""Compounds, buildings and grids, as staff keep them on the register's places page."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from blueprints.core.audit import record_event
from blueprints.core.transaction import transactional
from blueprints.register.services import RegisterError
from extensions import db
from models import Building, Community, Compound, Grid, User
from models.user import user_communities

PLACES_LIMIT = 300  # compounds on the places page; a community has a few dozen


def grids_of(community: Community) -> list[Grid]:
    """The community's grids with their compounds, buildings and workers."""
    return list(db.session.scalars(
        select(Grid).where(Grid.community_id == community.id).order_by(Grid.name)
        .options(selectinload(Grid.compounds), selectinload(Grid.buildings),
                 selectinload(Grid.workers)).limit(PLACES_LIMIT)))


def grid_in(community: Community, grid_id: int) -> Grid | None:
    """The community's grid with this id."""
    return db.session.scalar(select(Grid).where(Grid.id == grid_id,
                                                Grid.community_id == community.id))


def compound_in(community: Community, compound_id: int) -> Compound | None:
    """The community's compound with this id."""
    return db.session.scalar(select(Compound).where(Compound.id == compound_id,
                                                    Compound.community_id == community.id))


def grid_workers_of(community: Community) -> list[User]:
    """The community's grid-worker accounts, who may be put on a grid."""
    return list(db.session.scalars(
        select(User).join(user_communities, user_communities.c.user_id == User.id)
        .where(user_communities.c.community_id == community.id, User.role == "grid_worker")
        .order_by(User.display_name).limit(PLACES_LIMIT)))


def _name(name: str, field: str = "name", limit: int = 80) -> str:
    name = (name or "").strip()
    if not name or len(name) > limit:
        raise RegisterError(field, _l("请填写名称（%(n)s字以内）", n=limit))
    return name


@transactional
def save_compound(user: User, community: Community, name: str, has_property_manager: bool,
                  compound: Compound | None = None) -> Compound:
    """Add a compound (at the end of the list) or rename one; the name is unique."""
    name = _name(name)
    clash = db.session.scalar(select(Compound.id).where(
        Compound.community_id == community.id, Compound.name == name,
        Compound.id != (compound.id if compound else 0)))
    if clash:
        raise RegisterError("name", _l("已有同名小区"))
    created = compound is None
    if created:
        last = db.session.scalar(select(func.max(Compound.position))
                                 .where(Compound.community_id == community.id))
        compound = Compound(community=community, position=(last or 0) + 1)
        db.session.add(compound)
    compound.name, compound.has_property_manager = name, bool(has_property_manager)
    db.session.flush()
    record_event(user, "compound.created" if created else "compound.updated", compound,
                 community, name=name)
    return compound


@transactional
def add_building(user: User, compound: Compound, name: str) -> Building:
    """Add a building to a compound; its name is unique there."""
    name = _name(name, limit=40)
    if any(b.name == name for b in compound.buildings):
        raise RegisterError("name", _l("这个小区已有这栋楼"))
    building = Building(compound=compound, name=name)
    db.session.add(building)
    db.session.flush()
    record_event(user, "building.created", building, compound.community,
                 name=f"{compound.name}{name}")
    return building


@transactional
def save_grid(user: User, community: Community, name: str, compound_ids, building_ids,
              worker_ids, grid: Grid | None = None) -> Grid:
    """Create or change a grid: its name, compounds, single buildings and grid workers."""
    name = _name(name)
    clash = db.session.scalar(select(Grid.id).where(
        Grid.community_id == community.id, Grid.name == name,
        Grid.id != (grid.id if grid else 0)))
    if clash:
        raise RegisterError("name", _l("已有同名网格"))
    created = grid is None
    grid = grid or Grid(community=community)
    compounds = [c for c in compounds_with_buildings(community) if c.id in set(compound_ids)]
    buildings = [b for c in compounds_with_buildings(community) for b in c.buildings
                 if b.id in set(building_ids)]
    grid.name, grid.compounds, grid.buildings = name, compounds, buildings
    grid.workers = [w for w in grid_workers_of(community) if w.id in set(worker_ids)]
    db.session.add(grid)
    db.session.flush()
    record_event(user, "grid.created" if created else "grid.updated", grid, community, name=name)
    return grid


def compounds_with_buildings(community: Community) -> list[Compound]:
    """The community's compounds and their buildings, in order."""
    return list(db.session.scalars(
        select(Compound).where(Compound.community_id == community.id)
        .options(selectinload(Compound.buildings)).order_by(Compound.position, Compound.id)
        .limit(PLACES_LIMIT)))
