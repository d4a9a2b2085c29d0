"""Which households a grid covers, in walking order."""
from blueprints.community.grids import grid_households, worker_grid_ids
from extensions import db
from tests.factories import (make_building, make_community, make_compound, make_grid,
                             make_household, make_user)


def test_a_grid_holds_whole_compounds_and_single_buildings_in_walking_order(app):
    community = make_community()
    old, new = make_compound(community, position=1), make_compound(community, position=0)
    tower = make_building(old, name="3号楼")
    other_tower = make_building(old, name="4号楼")
    upstairs = make_household(old, building=tower, unit="1", floor=5, room="501")
    downstairs = make_household(old, building=tower, unit="1", floor=1, room="101")
    make_household(old, building=other_tower, unit="1", floor=1, room="101")
    first = make_household(new, unit="2", floor=3, room="302")
    worker = make_user("grid_worker", [community])
    grid = make_grid(community, compounds=[new], workers=[worker])
    grid.buildings = [tower]
    db.session.commit()

    assert grid_households([grid.id]) == [first, downstairs, upstairs]
    assert grid_households(worker_grid_ids(worker, community)) == [first, downstairs, upstairs]
    assert grid_households(worker_grid_ids(worker, make_community())) == []
    assert grid_households(worker_grid_ids(make_user("grid_worker", [community]), community)) == []
