"""make_<thing> helpers for home services."""
from datetime import date
from itertools import count

from blueprints.homeservice import services
from extensions import db
from models import HouseholdTag
from tests.factories import make_building, make_community, make_compound, make_household
from tests.offers.factories import make_offer, make_partner

_seq = count(1)
BARBER = {"title": "上门理发", "schedule": "monthday", "month_day": 28, "place": "home",
          "eligibility": ["over_age", "disabled"], "min_age": 80}


def make_home_offer(partner, places: int = 8, book_until_days: int = 2, **terms):
    """A published barber offer (28th of each month) that takes bookings."""
    offer = make_offer(partner, **{**BARBER, **terms})
    return services.make_bookable(offer, None, places=places, book_until_days=book_until_days)


def make_door(compound, building=None, tags=("over_80",), **overrides):
    """A household with a room number and consented tags."""
    n = next(_seq)
    values = {"address": f"2号楼1单元{n}", "unit": "1", "room": f"{n}",
              "building_id": building.id if building else None}
    values.update(overrides)
    household = make_household(compound, **values)
    for tag in tags:
        db.session.add(HouseholdTag(household=household, tag=tag, consent_by="户主本人"))
    db.session.commit()
    return household


def make_world():
    """A community with a compound, a building, a barber unit and its bookable offer."""
    community = make_community()
    compound = make_compound(community, name="颐和新园")
    building = make_building(compound, name="2号楼")
    partner = make_partner(community, name="微发馆", kind="barber")
    return community, compound, building, partner, make_home_offer(partner)


NOV_20 = date(2026, 11, 20)
