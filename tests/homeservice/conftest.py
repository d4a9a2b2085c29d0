"""A community with the barber's bookable offer, a door and a second unit."""
import pytest

from tests.homeservice.factories import make_door, make_home_offer, make_world
from tests.offers.factories import make_partner, make_partner_user


@pytest.fixture
def world(app):
    community, compound, building, barber, home = make_world()
    other = make_partner(community, name="别家理发")
    return {"community": community, "compound": compound, "building": building,
            "barber": barber, "home": home, "other": other,
            "other_home": make_home_offer(other, title="别家上门理发"),
            "door": make_door(compound, building, room="301", unit="2", address="2号楼2单元301"),
            "barber_user": make_partner_user(barber), "other_user": make_partner_user(other)}
