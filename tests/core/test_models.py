"""Core data: masking, mobile numbers, times in UTC, scoping helpers."""
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy.exc import IntegrityError

from extensions import db
from models import HouseholdTag, Person
from models.people import is_mobile, mask_mobile, normalize_mobile
from tests.factories import (
    make_community,
    make_compound,
    make_household,
    make_person,
    make_user,
)


@pytest.mark.parametrize(
    "raw, masked",
    [("13812341234", "138****1234"), ("+86 138-1234-1234", "138****1234"), ("", ""), (None, ""),
     ("12345", "*****")],
)
def test_mask_mobile(raw, masked):
    assert mask_mobile(raw) == masked


@pytest.mark.parametrize("raw", ["13812341234", "+8613812341234", "199 0000 1111"])
def test_mainland_mobiles_are_accepted(raw):
    assert is_mobile(raw)


@pytest.mark.parametrize("raw", ["12812341234", "1381234123", "0317-5550101", "abcdefghijk", ""])
def test_other_numbers_are_refused(raw):
    assert not is_mobile(raw)


def test_normalize_strips_country_code_and_separators():
    assert normalize_mobile("0086 138-1234 1234") == "13812341234"


def test_datetimes_come_back_aware_utc(app):
    community = make_community()
    shanghai_noon = datetime(2026, 11, 28, 12, 0, tzinfo=timezone(timedelta(hours=8)))
    person = make_person(community, created_at=shanghai_noon)
    db.session.expire_all()
    loaded = db.session.get(Person, person.id)
    assert loaded.created_at.tzinfo is not None
    assert loaded.created_at == shanghai_noon
    assert loaded.created_at.utcoffset() == timedelta(0)


def test_naive_datetimes_are_refused(app):
    community = make_community()
    with pytest.raises(Exception, match="naive"):
        make_person(community, created_at=datetime(2026, 1, 1))
    db.session.rollback()


def test_one_number_is_one_person_per_community(app):
    community = make_community()
    make_person(community, mobile="13900000001")
    with pytest.raises(IntegrityError):
        make_person(community, mobile="13900000001")
    db.session.rollback()
    # The same number in another community is another record.
    assert make_person(make_community(), mobile="13900000001").id


def test_household_tag_keeps_its_consent(app):
    household = make_household(make_compound(make_community()))
    staff = make_user("staff", [household.community])
    household.tags.append(HouseholdTag(tag="over_80", consent_by="户主本人", recorded_by_id=staff.id))
    db.session.commit()
    tag = db.session.get(HouseholdTag, household.tags[0].id)
    assert tag.consent_at.tzinfo is not None and tag.consent_by == "户主本人"
    assert household.tag_names == {"over_80"}


def test_user_can_access_only_its_communities(app):
    liujin, xingyuan = make_community(), make_community()
    staff = make_user("staff", [liujin])
    admin = make_user("admin", [liujin, xingyuan])
    assert staff.can_access(liujin) and not staff.can_access(xingyuan)
    assert admin.can_access(liujin) and admin.can_access(xingyuan)


def test_times_are_shown_in_shanghai(app):
    from blueprints.core.templating import local_datetime

    utc_morning = datetime(2026, 11, 28, 4, 30, tzinfo=timezone.utc)
    with app.test_request_context():
        assert local_datetime(utc_morning) == "2026-11-28 12:30"


def test_unknown_household_tags_are_refused():
    with pytest.raises(ValueError, match="unknown household tag"):
        HouseholdTag(tag="rich", consent_by="户主本人")
