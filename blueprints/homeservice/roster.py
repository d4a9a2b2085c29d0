"""What a partner sees of the households booked for its own offers: the roster of a day.

Only the address, the contact's name and (inside the visibility window) the full number;
never a household without a booking, never another unit's booking.
"""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from blueprints.homeservice.services import number_visible
from extensions import db
from models import Household, Offer, Partner
from models.homeservice import HomeBooking, HomeOffer, VisitDate
from models.people import mask_mobile

ROSTER_LIMIT = 200  # a day's visits; far more than one barber can make


@dataclass(frozen=True)
class RosterLine:
    """One door to knock on."""

    booking: HomeBooking
    compound: str
    address: str
    contact: str
    number: str  # full inside the window, masked outside

    @property
    def offer_title(self) -> str:
        return self.booking.visit_date.home_offer.offer.title


def _own(unit: Partner):
    """Bookings of the unit's own offers, confirmed, eligible (pending ones wait for staff)."""
    return (select(HomeBooking).join(VisitDate).join(HomeOffer).join(Offer)
            .where(Offer.partner_id == unit.id, HomeBooking.status == "confirmed",
                   HomeBooking.eligibility == "eligible"))


def live_offers(unit: Partner, limit: int = 50) -> list[Offer]:
    """The unit's offers residents can see now."""
    return list(db.session.scalars(select(Offer).where(
        Offer.partner_id == unit.id, Offer.published.is_not(None), Offer.paused.is_(False))
        .order_by(Offer.id).limit(limit)))


def bookable_offers(unit: Partner, limit: int = 50) -> list[HomeOffer]:
    """The unit's offers that take bookings, with their settings."""
    return list(db.session.scalars(
        select(HomeOffer).join(Offer).where(Offer.partner_id == unit.id, HomeOffer.active.is_(True))
        .options(selectinload(HomeOffer.offer).selectinload(Offer.revisions))
        .order_by(HomeOffer.id).limit(limit)))


def visit_days(unit: Partner, start: date, limit: int = 12) -> list[tuple[date, int]]:
    """(day, bookings) of the unit's coming visit days, soonest first."""
    rows = db.session.execute(
        select(VisitDate.day, db.func.count(HomeBooking.id))
        .join(HomeBooking, HomeBooking.visit_date_id == VisitDate.id).join(HomeOffer).join(Offer)
        .where(Offer.partner_id == unit.id, VisitDate.day >= start,
               HomeBooking.status == "confirmed", HomeBooking.eligibility == "eligible")
        .group_by(VisitDate.day).order_by(VisitDate.day).limit(limit))
    return [(day, count) for day, count in rows]


def day_roster(unit: Partner, day: date, today: date | None = None) -> list[RosterLine]:
    """The unit's doors for one day, in walking order (compound, building, unit, floor, room)."""
    bookings = db.session.scalars(
        _own(unit).join(Household, HomeBooking.household_id == Household.id)
        .where(VisitDate.day == day)
        .options(selectinload(HomeBooking.household).selectinload(Household.compound),
                 selectinload(HomeBooking.person),
                 selectinload(HomeBooking.visit_date).selectinload(VisitDate.home_offer)
                 .selectinload(HomeOffer.offer))
        .order_by(Household.compound_id, Household.building_id, Household.unit,
                  Household.floor, Household.room, HomeBooking.id)
        .limit(ROSTER_LIMIT)).all()
    visible = number_visible(day, today)
    return [_line(b, visible) for b in bookings]


def line_of(booking: HomeBooking, today: date | None = None) -> RosterLine:
    """One booking as its roster line (after marking it)."""
    return _line(booking, number_visible(booking.visit_date.day, today))


def _line(booking: HomeBooking, visible: bool) -> RosterLine:
    mobile = booking.person.mobile if booking.person else ""
    return RosterLine(booking=booking, compound=booking.household.compound.name,
                      address=booking.household.address, contact=booking.contact_name,
                      number=mobile if visible else mask_mobile(mobile))


def own_booking(unit: Partner, booking_id: int) -> HomeBooking | None:
    """The booking when it is for one of the unit's offers, else None (the route says 404)."""
    return db.session.scalar(_own(unit).where(HomeBooking.id == booking_id))
