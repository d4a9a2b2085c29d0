"""Households, their members and consented tags: searching the register and every write.

Every function takes the account acting, and finds households only through scope.py:
a grid worker can neither read nor change a household outside their grids. A tag is
never stored without its consent record (who, when, how); withdrawing keeps the record.
"""
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, or_, select
from sqlalchemy.orm import selectinload

from blueprints.community.grids import in_grids, walking_order
from blueprints.core import clock
from blueprints.core.audit import record_event
from blueprints.core.paging import Page, paginate
from blueprints.core.transaction import transactional
from blueprints.register import scope
from extensions import db
from models import Building, Community, Compound, Household, HouseholdTag, Person, User
from models.people import (
    CONSENT_METHODS,
    HOUSEHOLD_STATUSES,
    HOUSEHOLD_TAGS,
    is_mobile,
    normalize_mobile,
)

PER_PAGE = 50  # households on one page of the register
HOUSEHOLD_FIELDS = ("compound_id", "building_id", "unit", "floor", "room", "size", "status")
FLOORS = range(-5, 100)  # basements to towers; anything else is a typing mistake


class RegisterError(Exception):
    """A register change refused; `field` is where the form shows `message`."""

    def __init__(self, field: str, message):
        super().__init__(str(message))
        self.field, self.message = field, message


@dataclass
class Filters:
    """What the register list is narrowed by (each None or "" when not asked for)."""

    q: str = ""
    compound_id: int | None = None
    grid_id: int | None = None
    status: str = ""
    tag: str = ""


def search(user: User, community: Community, filters: Filters, number: int,
           per_page: int = PER_PAGE) -> Page[Household]:
    """One page of the households this account may see, matching the filters, in walking order."""
    query = scope.households(user, community)
    if filters.q:
        query = query.where(_matches(filters.q, whole_numbers=not scope.sees_all(user)))
    if filters.compound_id:
        query = query.where(Household.compound_id == filters.compound_id)
    if filters.grid_id:
        query = query.where(in_grids([filters.grid_id]))
    if filters.status in HOUSEHOLD_STATUSES:
        query = query.where(Household.status == filters.status)
    if filters.tag in HOUSEHOLD_TAGS:
        query = query.where(exists().where(HouseholdTag.household_id == Household.id,
                                           HouseholdTag.tag == filters.tag,
                                           HouseholdTag.withdrawn_at.is_(None)))
    query = query.options(selectinload(Household.compound), selectinload(Household.building),
                          selectinload(Household.members), selectinload(Household.tags))
    return paginate(query.order_by(*walking_order()), number, per_page)


def _matches(text: str, whole_numbers: bool = False):
    """Households whose address, or a member's name or number, contains the text.

    `whole_numbers`: a number matches only when typed in full, so that someone shown
    masked numbers (a grid worker) cannot uncover the hidden digits by searching for them.
    """
    words = text.strip()[:40]
    digits = normalize_mobile(words)
    member = [Person.name.contains(words, autoescape=True)]
    if whole_numbers:
        member.append(Person.mobile == digits)
    elif digits.isdigit() and len(digits) >= 3:
        member.append(Person.mobile.contains(digits, autoescape=True))
    return or_(Household.address.contains(words, autoescape=True),
               exists().where(Person.household_id == Household.id, or_(*member)))


def household_page(user: User, community: Community, household_id: int) -> Household | None:
    """A household the account may see, with its members and tags loaded."""
    return db.session.scalar(
        scope.households(user, community).where(Household.id == household_id)
        .options(selectinload(Household.members), selectinload(Household.tags),
                 selectinload(Household.compound), selectinload(Household.building)))


def compounds_of(community: Community) -> list[Compound]:
    """The community's compounds with their buildings, in their order."""
    return list(db.session.scalars(
        select(Compound).where(Compound.community_id == community.id)
        .options(selectinload(Compound.buildings)).order_by(Compound.position, Compound.id)))


def address_of(building: Building | None, unit: str, room: str) -> str:
    """The household's address as staff write it: 3号楼2单元401."""
    parts = [building.name if building else "", f"{unit}单元" if unit else "", room]
    return "".join(parts) or "—"


def _place(user: User, community: Community, values: dict) -> tuple[Compound, Building | None]:
    """The compound and building named by the values, checked against the community and scope."""
    compound = db.session.get(Compound, values.get("compound_id") or 0)
    if compound is None or compound.community_id != community.id:
        raise RegisterError("compound_id", _l("请选择本社区的小区"))
    building = None
    if values.get("building_id"):
        building = db.session.get(Building, values["building_id"])
        if building is None or building.compound_id != compound.id:
            raise RegisterError("building_id", _l("这栋楼不在所选小区"))
    if not scope.place_allowed(user, community, compound.id, building and building.id):
        raise RegisterError("compound_id", _l("这个地址不在您负责的网格"))
    return compound, building


def _check_values(values: dict) -> None:
    """Floor, size and status within reason."""
    if values.get("floor") is not None and values["floor"] not in FLOORS:
        raise RegisterError("floor", _l("楼层应在 -5 到 99 之间"))
    if not 0 <= (values.get("size") or 0) <= 30:
        raise RegisterError("size", _l("人数应在 0 到 30 之间"))
    if values.get("status") not in HOUSEHOLD_STATUSES:
        raise RegisterError("status", _l("请选择居住状态"))


def _duplicate(community: Community, compound: Compound, building: Building | None,
               unit: str, room: str, other_than: int | None = None) -> Household | None:
    """An existing household at the same door."""
    same_building = (Household.building_id == building.id if building
                     else Household.building_id.is_(None))
    query = select(Household).where(
        Household.community_id == community.id, Household.compound_id == compound.id,
        same_building, Household.unit == unit, Household.room == room)
    if other_than:
        query = query.where(Household.id != other_than)
    return db.session.scalar(query.limit(1))


@transactional
def save_household(user: User, community: Community, values: dict,
                   household: Household | None = None) -> Household:
    """Create a household, or change one, at a door no other household has."""
    _check_values(values)
    compound, building = _place(user, community, values)
    unit, room = (values.get("unit") or "").strip(), (values.get("room") or "").strip()
    if not room:
        raise RegisterError("room", _l("请填写房号"))
    if _duplicate(community, compound, building, unit, room, household and household.id):
        raise RegisterError("room", _l("这个地址已经登记过一户"))
    created = household is None
    household = household or Household(community=community)
    household.compound, household.building = compound, building
    household.unit, household.room, household.floor = unit, room, values.get("floor")
    household.size, household.status = values.get("size") or 0, values["status"]
    household.address = address_of(building, unit, room)
    db.session.add(household)
    db.session.flush()
    record_event(user, "household.created" if created else "household.updated", household,
                 community, address=f"{compound.name}{household.address}")
    return household


@transactional
def add_member(user: User, household: Household, name: str, mobile: str) -> Person:
    """Add a resident to the household; a number already known in the community is linked."""
    name, mobile = _member_values(name, mobile)
    person = db.session.scalar(select(Person).where(Person.community_id == household.community_id,
                                                    Person.mobile == mobile))
    if person is not None and person.household_id not in (None, household.id):
        raise RegisterError("mobile", _l("这个号码已登记在另一户"))
    person = person or Person(community_id=household.community_id, mobile=mobile)
    person.name, person.household = name, household
    db.session.add(person)
    db.session.flush()
    record_event(user, "person.added", person, household.community, address=household.address)
    return person


@transactional
def update_member(user: User, person: Person, name: str, mobile: str | None) -> Person:
    """Change a member's name, and number when one is given (blank keeps it)."""
    name, mobile = _member_values(name, mobile or person.mobile)
    clash = db.session.scalar(select(Person.id).where(
        Person.community_id == person.community_id, Person.mobile == mobile, Person.id != person.id))
    if clash:
        raise RegisterError("mobile", _l("这个号码已登记给另一位居民"))
    person.name, person.mobile = name, mobile
    record_event(user, "person.updated", person, person.community)
    return person


@transactional
def remove_member(user: User, person: Person) -> None:
    """Take a resident off the household (the person and their records stay)."""
    address = person.household.address if person.household else ""
    person.household_id = None
    record_event(user, "person.removed", person, person.community, address=address)


def _member_values(name: str, mobile: str) -> tuple[str, str]:
    """A trimmed name and a well-formed number, or a refusal next to the field."""
    name = (name or "").strip()
    if not name or len(name) > 40:
        raise RegisterError("name", _l("请填写姓名（40字以内）"))
    if not is_mobile(mobile or ""):
        raise RegisterError("mobile", _l("请填写11位手机号"))
    return name, normalize_mobile(mobile)


def member_of(household: Household, person_id: int) -> Person | None:
    """The household's member with this id."""
    return next((p for p in household.members if p.id == person_id), None)


@transactional
def add_tag(user: User, household: Household, tag: str, consent_by: str, method: str,
            note: str = "", consent_at=None) -> HouseholdTag:
    """Record a sensitive tag with its consent; without who consented and how, refused."""
    if tag not in HOUSEHOLD_TAGS:
        raise RegisterError("tag", _l("请选择标签"))
    if not (consent_by or "").strip():
        raise RegisterError("consent_by", _l("没有居民同意，不能登记这个标签：请填写同意人"))
    if method not in CONSENT_METHODS:
        raise RegisterError("consent_method", _l("请选择同意方式"))
    row = next((t for t in household.tags if t.tag == tag), None)
    if row is not None and row.withdrawn_at is None:
        raise RegisterError("tag", _l("这一户已经有这个标签"))
    row = row or HouseholdTag(tag=tag)
    row.consent_by, row.consent_method = consent_by.strip()[:80], method
    row.consent_note, row.consent_at = (note or "").strip(), consent_at or clock.now()
    row.recorded_by_id, row.withdrawn_at = user.id, None
    if row not in household.tags:
        household.tags.append(row)
    db.session.flush()
    record_event(user, "household_tag.added", household, household.community, tag=tag,
                 method=method)
    return row


@transactional
def withdraw_tag(user: User, household: Household, tag_id: int) -> HouseholdTag | None:
    """The resident withdrew their consent: the tag stops applying; the record stays."""
    row = next((t for t in household.tags if t.id == tag_id and t.withdrawn_at is None), None)
    if row is not None:
        row.withdrawn_at = clock.now()
        record_event(user, "household_tag.withdrawn", household, household.community, tag=row.tag)
    return row
