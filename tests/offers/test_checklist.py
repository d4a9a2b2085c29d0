"""The checklist's SQL filters say exactly what the Python rules in schedule.py say."""
from datetime import date, timedelta

import pytest
from click.testing import CliRunner
from flask.cli import ScriptInfo
from sqlalchemy import select

from blueprints.offers import checklist, schedule
from commands.seed_city import seed_city_command
from extensions import db
from models import Offer
from tests.factories import make_community
from tests.migrations.helpers import migration_module
from tests.offers.factories import make_offer, make_partner, terms

VARIANTS = [
    {},
    {"schedule": "weekdays", "weekdays": [5, 6]},
    {"schedule": "weekdays", "weekdays": [0]},
    {"schedule": "monthday", "month_day": 28},
    {"schedule": "monthday", "month_day": 30},
    {"schedule": "monthday", "month_day": 31},
    {"schedule": "monthday", "month_day": 1, "valid_to": "2027-02-20"},
    {"schedule": "dates", "start_date": "2027-02-10", "end_date": "2027-02-14"},
    {"schedule": "dates", "start_date": "2027-01-30", "end_date": "2027-03-02",
     "valid_from": "2027-02-05", "valid_to": "2027-02-25"},
    {"valid_from": "2027-02-27"},
    {"eligibility": ["over_age"], "min_age": 70},
    {"eligibility": ["over_age", "disabled"], "min_age": 80},
    {"eligibility": ["living_alone", "low_income"], "schedule": "weekdays", "weekdays": [2, 3]},
    {"eligibility": ["custom"], "custom_rule": "退役军人"},
    {"eligibility": ["over_age"], "min_age": 60, "schedule": "monthday", "month_day": 29},
]
DAYS = [date(2027, 1, 25) + timedelta(days=n) for n in range(40)] + [
    date(2028, 2, 28), date(2028, 2, 29), date(2027, 4, 30)]


@pytest.fixture
def offers(app):
    community = make_community(slug="liujin")
    partner = make_partner(community)
    made = [make_offer(partner, **variant) for variant in VARIANTS]
    make_offer(partner, published=False)  # never published: never listed
    return community, made


def test_available_on_is_occurs_on_for_every_day(offers):
    community, made = offers
    for day in DAYS:
        expected = {o.title for o in made if schedule.occurs_on(o.published, day)}
        assert {o.title for o in checklist.available_on(community, day)} == expected, day


def test_live_offers_is_valid_on_and_matches_who(offers):
    community, made = offers
    for day in (date(2027, 2, 1), date(2027, 2, 26), date(2027, 2, 28)):
        for who in (None, *schedule.WHO_FILTERS):
            expected = {o.title for o in made if schedule.valid_on(o.published, day)
                        and schedule.matches_who(o.published, who)}
            found = {o.title for o in checklist.live_offers(community, who=who, on=day)}
            assert found == expected, (day, who)


def test_today_and_who_together_and_limited(offers):
    community, made = offers
    day = date(2027, 2, 27)  # a Saturday
    expected = [o for o in made if schedule.occurs_on(o.published, day)
                and schedule.matches_who(o.published, "over_80")]
    assert len(expected) >= 2
    assert checklist.available_on(community, day, who="over_80") == expected
    assert checklist.available_on(community, day, who="over_80", limit=1) == expected[:1]


def test_the_migration_fills_the_columns_as_publishing_does():
    migration = migration_module("0012_offer_search_columns")
    for variant in VARIANTS + [{"schedule": "dates"}, {"schedule": "weekdays", "weekdays": []}]:
        published = terms(**variant)
        assert migration.columns(published) == schedule.search_columns(published), variant


def test_the_city_seed_writes_the_columns_as_publishing_does(app):
    arguments = ["--communities", "2", "--scale", "0.1", "--big-factor", "2", "--today", "2026-06-01"]
    result = CliRunner().invoke(seed_city_command, arguments, obj=ScriptInfo(create_app=lambda: app))
    assert result.exit_code == 0, result.output
    offers = db.session.scalars(select(Offer)).all()
    assert len(offers) >= 20 and any(o.month_day for o in offers)
    for offer in offers:
        expected = schedule.search_columns(offer.published if offer.published_at else None)
        assert {name: getattr(offer, name) for name in expected} == expected, offer.published
