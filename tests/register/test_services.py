"""Register services: search, grid scoping, the consent rule, members."""
import pytest

from blueprints.register import scope, services
from blueprints.register.services import Filters, RegisterError
from extensions import db
from models import AuditEvent, Household


def ids(page):
    return [h.id for h in page]


def test_staff_search_finds_by_address_name_and_number(world):
    staff, community = world["staff"], world["community"]
    assert ids(services.search(staff, community, Filters(q="301"), 1)) == [world["home"].id]
    assert ids(services.search(staff, community, Filters(q="赵大爷"), 1)) == [world["away"].id]
    assert ids(services.search(staff, community, Filters(q="139 1234"), 1)) == [world["home"].id]
    assert ids(services.search(staff, community, Filters(q="没有这个人"), 1)) == []


def test_filters_by_compound_grid_status_and_tag(world):
    staff, community = world["staff"], world["community"]
    services.add_tag(staff, world["away"], "over_80", "户主本人", "paper")
    world["home"].status = "vacant"
    db.session.commit()
    in_yihe = Filters(compound_id=world["yihe"].id)
    assert ids(services.search(staff, community, in_yihe, 1)) == [world["away"].id]
    assert ids(services.search(staff, community, Filters(grid_id=world["first"].id), 1)) == [world["home"].id]
    assert ids(services.search(staff, community, Filters(status="vacant"), 1)) == [world["home"].id]
    assert ids(services.search(staff, community, Filters(tag="over_80"), 1)) == [world["away"].id]


def test_grid_worker_sees_only_their_grids_households(world):
    worker, community = world["worker"], world["community"]
    assert ids(services.search(worker, community, Filters(), 1)) == [world["home"].id]
    assert ids(services.search(worker, community, Filters(q="赵大爷"), 1)) == []
    assert services.household_page(worker, community, world["away"].id) is None
    assert scope.household_for(worker, community, world["home"].id) == world["home"]
    # Masked digits cannot be uncovered by searching: only a whole number matches.
    assert ids(services.search(worker, community, Filters(q="1391234"), 1)) == []
    assert ids(services.search(worker, community, Filters(q="13912345678"), 1)) == [world["home"].id]
    # A grid filter naming another grid still shows nothing outside the worker's own.
    assert ids(services.search(worker, community, Filters(grid_id=world["second"].id), 1)) == []


def test_grid_worker_cannot_register_a_household_outside_their_grids(world):
    values = {"compound_id": world["yihe"].id, "building_id": None, "unit": "1", "room": "101",
              "floor": 1, "size": 2, "status": "occupied"}
    with pytest.raises(RegisterError) as refused:
        services.save_household(world["worker"], world["community"], values)
    assert refused.value.field == "compound_id"
    values["compound_id"] = world["pearl"].id
    created = services.save_household(world["worker"], world["community"], values)
    assert created.address == "1单元101"


def test_a_door_is_registered_once(world):
    values = {"compound_id": world["pearl"].id, "building_id": world["pearl_one"].id, "unit": "1",
              "room": "301", "floor": 3, "size": 1, "status": "occupied"}
    with pytest.raises(RegisterError) as refused:
        services.save_household(world["staff"], world["community"], values)
    assert refused.value.field == "room"


def test_a_tag_needs_who_consented_and_how(world):
    staff, home = world["staff"], world["home"]
    with pytest.raises(RegisterError) as refused:
        services.add_tag(staff, home, "living_alone", "", "phone")
    assert refused.value.field == "consent_by"
    with pytest.raises(RegisterError) as refused:
        services.add_tag(staff, home, "living_alone", "户主本人", "")
    assert refused.value.field == "consent_method"
    db.session.expire_all()
    assert home.tags == []
    tag = services.add_tag(staff, home, "living_alone", "户主本人", "phone", "电话里同意")
    assert (tag.consent_by, tag.consent_method, tag.recorded_by_id) == ("户主本人", "phone", staff.id)
    assert home.tag_names == {"living_alone"}


def test_withdrawing_keeps_the_record_and_allows_a_new_consent(world):
    staff, home = world["staff"], world["home"]
    tag = services.add_tag(staff, home, "disabled", "户主本人", "paper")
    services.withdraw_tag(staff, home, tag.id)
    assert tag.withdrawn_at is not None and home.tag_names == set()
    again = services.add_tag(staff, home, "disabled", "女儿代为同意", "in_person")
    assert again.id == tag.id and again.withdrawn_at is None and again.consent_by == "女儿代为同意"
    actions = [e.action for e in db.session.scalars(db.select(AuditEvent).order_by(AuditEvent.id))]
    assert actions == ["household_tag.added", "household_tag.withdrawn", "household_tag.added"]


def test_members_added_checked_and_removed(world):
    staff, home = world["staff"], world["home"]
    with pytest.raises(RegisterError) as refused:
        services.add_member(staff, home, "李四", "12345")
    assert refused.value.field == "mobile"
    with pytest.raises(RegisterError):  # the number belongs to another household
        services.add_member(staff, home, "赵大爷", "138 1234 5678")
    person = services.add_member(staff, home, "李四", "+86 137-0000-1111")
    assert person.mobile == "13700001111" and person.household == home
    services.remove_member(staff, person)
    assert person.household_id is None and db.session.get(Household, home.id) is not None
