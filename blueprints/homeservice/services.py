"""Bookings of home visits: taking a date's place, cancelling, the partner's outcome.

Places are taken by the place engine shared with shifts (volunteers/places.py): a
visit date is its slot, a booking its booking. A full date refuses; no waitlist.
"""
from datetime import date, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from blueprints.core import clock
from blueprints.core.audit import record_event
from blueprints.core.signing import sign, unsign
from blueprints.core.transaction import transactional
from blueprints.homeservice import dates
from blueprints.homeservice.eligibility import eligibility
from blueprints.volunteers.places import release_place, take_place
from blueprints.volunteers.services import find_or_add
from extensions import db
from models import Household, Offer, User
from models.base import utcnow
from models.homeservice import BOOKED_AS, OUTCOMES, HomeBooking, HomeOffer, VisitDate

BOOKING_SALT = "home-booking"
LINK_DAYS_AFTER = 30  # a booking's signed link stops working this long after the visit


class BookingError(Exception):
    """A booking refused, with the form field it belongs next to."""

    def __init__(self, field: str, message):
        super().__init__(str(message))
        self.field, self.message = field, message


@transactional
def make_bookable(offer: Offer, actor: User | None, places: int = 8,
                  book_until_days: int = 2, active: bool = True) -> HomeOffer:
    """Open (or change) bookings for an offer: places per visit date and the booking window."""
    home = db.session.scalar(select(HomeOffer).where(HomeOffer.offer_id == offer.id))
    if home is None:
        home = HomeOffer(offer_id=offer.id, community_id=offer.community_id)
        db.session.add(home)
    home.places, home.book_until_days, home.active = places, book_until_days, active
    db.session.flush()
    record_event(actor, "home_offer.saved", home, offer.community, title=offer.title)
    return home


def home_offer_in(community, offer_id: int) -> HomeOffer | None:
    """The community's bookable, live offer with this offer id, or None."""
    home = db.session.scalar(select(HomeOffer).join(Offer).where(
        HomeOffer.offer_id == offer_id, HomeOffer.community_id == community.id,
        HomeOffer.active.is_(True)))
    return home if home is not None and home.offer.is_live else None


def open_days(home: HomeOffer, today: date | None = None, count: int = 3) -> list[date]:
    """The next visit days that can still be booked."""
    today = today or clock.today()
    start = today + timedelta(days=home.book_until_days)
    return dates.visit_days(home.offer.published, start, count)


def visit_date_for(home: HomeOffer, day: date) -> VisitDate:
    """The visit date row of this day, made on first use (two at once: one row)."""
    found = _visit_date(home, day)
    if found is not None:
        return found
    row = VisitDate(home_offer_id=home.id, day=day, capacity=home.places, taken=0)
    try:
        with db.session.begin_nested():
            db.session.add(row)
            db.session.flush()
    except IntegrityError:
        return _visit_date(home, day)
    return row


def _visit_date(home: HomeOffer, day: date) -> VisitDate | None:
    return db.session.scalar(select(VisitDate).where(VisitDate.home_offer_id == home.id,
                                                     VisitDate.day == day))


def refusal(home: HomeOffer, day: date, household: Household | None,
            today: date | None = None) -> BookingError | None:
    """Why this household cannot book this day, or None."""
    today = today or clock.today()
    if not dates.is_visit_day(home.offer.published, day):
        return BookingError("day", _l("这一天没有上门服务，请选择列出的日期。"))
    if day < today or dates.last_bookable(day, home.book_until_days) < today:
        return BookingError("day", _l("这一天的预约已截止（需提前%(n)s天）。",
                                      n=home.book_until_days))
    if household is None or household.community_id != home.community_id:
        return BookingError("room", _l("在登记册里找不到这个门牌，请核对小区、楼栋和房号。"))
    if eligibility(home.offer.published, household) == "refused":
        return BookingError("room", _l("这户目前无人居住，不能预约上门服务。"))
    return None


@transactional
def book(home: HomeOffer, day: date, household: Household | None, contact_name: str,
         mobile: str, booked_as: str = "resident", today: date | None = None) -> HomeBooking:
    """Book a place for the household on the day; pending when the register cannot vouch."""
    problem = refusal(home, day, household, today)
    if problem is not None:
        raise problem
    slot = visit_date_for(home, day)
    booking = db.session.scalar(select(HomeBooking).where(
        HomeBooking.visit_date_id == slot.id, HomeBooking.household_id == household.id))
    if booking is not None and booking.is_active:
        raise BookingError("day", _l("这户已经预约了这一天。"))
    if not take_place(VisitDate, slot.id):
        raise BookingError("day", _l("这一天的名额已满，请选择其他日期。"))
    person, _new = find_or_add(household.community, contact_name, mobile)
    if booking is None:
        booking = HomeBooking(community_id=home.community_id, visit_date_id=slot.id,
                              household_id=household.id)
        db.session.add(booking)
    booking.person_id, booking.contact_name = person.id, contact_name.strip()
    booking.booked_as = booked_as if booked_as in BOOKED_AS else "resident"
    booking.status, booking.queued_at, booking.cancelled_at = "confirmed", utcnow(), None
    booking.outcome, booking.outcome_note, booking.outcome_at = "", "", None
    booking.eligibility = eligibility(home.offer.published, household)
    try:
        db.session.flush()
    except IntegrityError:  # the same household booked the same date at the same moment
        raise BookingError("day", _l("这户已经预约了这一天。")) from None
    record_event(None, "home_booking.created", booking, household.community,
                 address=household.address)
    return booking


@transactional
def cancel(booking: HomeBooking, actor: User | None = None) -> HomeBooking:
    """Give the place back; cancelling twice changes nothing."""
    if not booking.is_active:
        return booking
    booking.status, booking.cancelled_at = "cancelled", utcnow()
    release_place(VisitDate, booking.visit_date_id)
    record_event(actor, "home_booking.cancelled", booking, booking.household.community)
    return booking


@transactional
def confirm_eligibility(booking: HomeBooking, actor: User) -> HomeBooking:
    """Staff vouch for a pending booking's household."""
    booking.eligibility = "eligible"
    record_event(actor, "home_booking.confirmed", booking, booking.household.community)
    return booking


@transactional
def mark(booking: HomeBooking, actor: User, outcome: str, note: str = "") -> HomeBooking:
    """The partner's word on a visit: done, not at home, or cancelled, with a note."""
    if outcome not in OUTCOMES:
        raise BookingError("outcome", _l("请选择上门结果。"))
    booking.outcome, booking.outcome_note, booking.outcome_at = outcome, note.strip(), utcnow()
    record_event(actor, "home_booking.marked", booking, booking.household.community,
                 note=note.strip() or outcome)
    return booking


def number_visible(day: date, today: date | None = None) -> bool:
    """Whether a partner may see the full number for a visit on `day` (DESIGN §8)."""
    today = today or clock.today()
    before = current_app.config["HOME_NUMBER_DAYS_BEFORE"]
    after = current_app.config["HOME_NUMBER_DAYS_AFTER"]
    return -after <= (day - today).days <= before


def booking_token(booking: HomeBooking) -> str:
    """The signed link token to see or cancel this booking."""
    return sign(booking.id, BOOKING_SALT)


def booking_by_token(community, token: str, today: date | None = None) -> HomeBooking | None:
    """The booking a genuine token names, in this community and not long past, or None."""
    booking_id = unsign(token, BOOKING_SALT)
    if not isinstance(booking_id, int):
        return None
    booking = db.session.get(HomeBooking, booking_id)
    if booking is None or booking.community_id != community.id:
        return None
    ends = booking.visit_date.day + timedelta(days=LINK_DAYS_AFTER)
    return booking if (today or clock.today()) <= ends else None


def find_door(community, compound_id: int | None, building_id: int | None, unit: str,
              room: str) -> Household | None:
    """The household at this door of the register (a relative needs no id), or None."""
    found = doors_at(community, compound_id, building_id, unit, room)
    return found[0] if len(found) == 1 else None


def doors_at(community, compound_id: int | None, building_id: int | None, unit: str,
             room: str) -> list[Household]:
    """Up to two households matching what was typed: two means the unit is needed."""
    if not compound_id or not (room or "").strip():
        return []
    query = select(Household).where(Household.community_id == community.id,
                                    Household.compound_id == compound_id,
                                    Household.room == room.strip())
    if building_id:
        query = query.where(Household.building_id == building_id)
    if (unit or "").strip():
        query = query.where(Household.unit == unit.strip())
    return list(db.session.scalars(query.order_by(Household.id).limit(2)))
