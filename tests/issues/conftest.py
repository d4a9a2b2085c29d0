"""Fixtures of the issue-board tests."""
import pytest

from tests.factories import make_community, make_compound


@pytest.fixture
def place(app):
    """兴元社区 (slug xy) with one compound, 水产宿舍: where most issues are reported."""
    community = make_community(slug="xy", name="兴元社区")
    compound = make_compound(community, name="水产宿舍")
    return community, compound
