"""The classes list pages and the home page send as many queries with 10× the requests (issue 10).

One "unit" of data: three open requests with supporters, one declined and one merged.
"""
import pytest

from extensions import db
from models import CourseRequest, CourseSupport
from tests.factories import login, make_community, make_person, make_user
from tests.queries import add_units, assert_bounded


@pytest.fixture
def world(app):
    community = make_community(slug="liujin", name="流津社区")
    world = {"community": community, "units": 0,
             "people": [make_person(community) for _ in range(3)]}
    add_units(world, 1, _unit)
    return world



def _unit(world: dict, n: int) -> None:
    community = world["community"]
    rows = [CourseRequest(community_id=community.id, subject=f"课{n}-{i}", support_count=i + 1)
            for i in range(3)]
    db.session.add_all(rows)
    db.session.flush()
    rows.append(CourseRequest(community_id=community.id, subject=f"杯花{n}", status="declined",
                              decline_reason="材料太贵", decided_at=db.func.now()))
    rows.append(CourseRequest(community_id=community.id, subject=f"钩织{n}", status="merged",
                              merged_into_id=rows[0].id, decided_at=db.func.now()))
    db.session.add_all(rows[3:])
    db.session.flush()
    db.session.add_all([CourseSupport(request_id=r.id, person_id=p.id)
                        for r in rows[:3] for p in world["people"][:r.support_count]])


PUBLIC = ["/c/liujin/classes", "/c/liujin/classes?closed=1", "/c/liujin/"]


def test_public_pages_stay_bounded(client, world):
    assert_bounded(client, PUBLIC + [f"/c/liujin/classes/requests/{_first(world)}"],
                   lambda: add_units(world, 9, _unit))


def test_staff_pages_stay_bounded(client, world):
    login(client, make_user("staff", [world["community"]]))
    urls = ["/staff/liujin/classes/requests", "/staff/liujin/classes/requests?status=merged",
            f"/staff/liujin/classes/requests/{_first(world)}"]
    assert_bounded(client, urls, lambda: add_units(world, 9, _unit))


def _first(world) -> int:
    return db.session.scalar(db.select(CourseRequest.id).where(CourseRequest.subject == "课0-0"))
