"""The test database starts empty and takes data."""
from sqlalchemy import func, select

from extensions import db
from models import Community
from tests.factories import make_community


def test_each_test_starts_with_an_empty_database(app):
    assert db.session.scalar(select(func.count(Community.id))) == 0
    make_community(slug="liujin")
    assert db.session.scalar(select(func.count(Community.id))) == 1


def test_and_the_next_one_too(app):
    assert db.session.scalar(select(func.count(Community.id))) == 0
