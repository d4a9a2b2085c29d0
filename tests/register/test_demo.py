"""The demo register: every grid has a grid worker and households; empty flats; consents."""
from sqlalchemy import select

from blueprints.community.grids import grid_households
from demo import foundation
from extensions import db
from models import Grid, Household, HouseholdTag


def test_every_demo_grid_has_a_worker_and_households(app):
    foundation.seed()
    grids = list(db.session.scalars(select(Grid)))
    assert len(grids) == 6
    for grid in grids:
        assert grid.workers, grid.name
        assert grid_households([grid.id]), grid.name
    statuses = set(db.session.scalars(select(Household.status)))
    assert statuses == {"occupied", "vacant", "moved_out"}
    assert set(db.session.scalars(select(HouseholdTag.consent_method))) == {"paper", "in_person", "phone"}
    doors = db.session.scalars(select(Household).limit(20))
    assert all(h.unit and h.floor and h.room for h in doors)
