"""The rounds' pages send as many queries with 10× the doors, visits and rounds (issue 10).

One "unit": a compound of three doors in the round's grid, one visited with answers and a
need on the board, one not home, one untouched; and another round.
"""
import uuid
from datetime import date

import pytest

from blueprints.visits import services
from extensions import db
from models.visits import VisitCampaign
from tests.factories import login, make_compound, make_household, make_user
from tests.queries import add_units, assert_bounded
from tests.visits.factories import make_round


@pytest.fixture
def world(app):
    r = make_round(doors=2)
    world = {"round": r, "units": 0}
    add_units(world, 1, _unit)
    return world


def _unit(world: dict, n: int) -> None:
    r = world["round"]
    compound = make_compound(r.community, name=f"小区{n}")
    r.grid.compounds.append(compound)
    doors = [make_household(compound, address=f"{n}号楼1单元10{i}", unit="1", floor=1,
                            room=f"10{i}") for i in range(3)]
    services.record_visit(r.campaign, doors[0], r.worker, str(uuid.uuid4()), "visited",
                          {r.temperature.id: "16"}, need=f"需求{n}", make_issue=True)
    services.record_visit(r.campaign, doors[1], r.worker, str(uuid.uuid4()), "not_home")
    services.record_visit(r.campaign, r.doors[0], r.worker, str(uuid.uuid4()), "not_home")
    db.session.add(VisitCampaign(community_id=r.community.id, name=f"走访{n}", grids=[r.grid],
                                 starts_on=date(2026, 1, 1), ends_on=date(2026, 1, 2)))


def test_visitor_pages_stay_bounded(client, world):
    r = world["round"]
    login(client, r.worker)
    base = f"/staff/liujin/visits/{r.campaign.id}"
    urls = ["/staff/liujin/visits", base, f"{base}/grids/{r.grid.id}",
            f"{base}/grids/{r.grid.id}?show=revisit", f"{base}/grids/{r.grid.id}/entry",
            f"{base}/households/{r.doors[0].id}"]
    assert_bounded(client, urls, lambda: add_units(world, 9, _unit))


def test_staff_pages_and_documents_stay_bounded(client, world):
    r = world["round"]
    staff = make_user("staff", [r.community])
    login(client, staff)
    base = f"/staff/liujin/visits/{r.campaign.id}"
    urls = [base, f"{base}/edit",
            f"/staff/liujin/print/visit-sheet.html?campaign={r.campaign.id}&grid={r.grid.id}",
            f"/staff/liujin/print/visit-report.html?campaign={r.campaign.id}"]
    assert_bounded(client, urls, lambda: add_units(world, 9, _unit))
