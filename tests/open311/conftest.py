"""Fixtures of the Open311 tests: a community with a compound, staff and a live key."""
import pytest

from blueprints.open311 import keys
from tests.factories import make_community, make_compound, make_user


@pytest.fixture
def place(app):
    """兴元社区 (slug xy) with one compound, 水产宿舍."""
    community = make_community(slug="xy", name="兴元社区")
    return community, make_compound(community, name="水产宿舍")


@pytest.fixture
def staff(place):
    return make_user("staff", communities=[place[0]])


@pytest.fixture
def api_key(place, staff) -> str:
    """A live key of 兴元社区, in plain text as the other system holds it."""
    return keys.create_key(place[0], "12345 市民热线", staff)[1]
