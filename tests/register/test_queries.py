"""The register pages send as many queries with 10× the households as with 1× (issue 10)."""
import pytest

from extensions import db
from models import Household, HouseholdTag, Person
from tests.factories import login
from tests.queries import add_units, assert_bounded

BASE = "/staff/liujin/register"


def _unit(world: dict, n: int) -> None:
    """One more household in each compound, with two members and a consented tag."""
    for compound, building in ((world["pearl"], world["pearl_one"]), (world["yihe"], world["yihe_two"])):
        household = Household(community=world["community"], compound=compound, building=building,
                               unit="9", floor=n % 30, room=f"{compound.id}-{n}",
                               address=f"{building.name}9单元{n}", size=2)
        household.tags.append(HouseholdTag(tag="over_80", consent_by="户主本人",
                                           consent_method="paper"))
        db.session.add(household)
        for k in range(2):
            db.session.add(Person(community=world["community"], household=household,
                                  name=f"居民{n}-{k}", mobile=f"13{compound.id % 10}{n:06d}{k}0"))


@pytest.mark.parametrize("who", ["staff", "worker"])
def test_register_pages_are_bounded(client, world, who):
    world["units"] = 0
    add_units(world, 3, _unit)
    login(client, world[who])
    urls = [BASE, f"{BASE}?q=居民&tag=over_80", f"{BASE}/households/{world['home'].id}"]
    if who == "staff":
        urls += [f"{BASE}/places", f"{BASE}/residents?q=居民"]
    assert_bounded(client, urls, lambda: add_units(world, 27, _unit))
    assert_bounded(client, urls, lambda: add_units(world, 100, _unit))  # past a page of the list
