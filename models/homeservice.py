"""Home services (上门服务): bookable offers, their visit dates, bookings, service cards, uses.

A visit date is a "slot" and a booking a "booking" of the place engine
(blueprints/volunteers/places.py): `capacity`/`taken` on the date, `status`,
`queued_at` and `promoted_at` on the booking.
"""
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db
from models.base import UTCDateTime, utcnow
from models.offers import Offer
from models.people import Household, Person

BOOKED_AS = ("resident", "relative", "staff")
# eligible: a consented tag of the household matches the offer; pending: the register
# does not know, staff confirm it.
ELIGIBILITY = ("eligible", "pending")
OUTCOMES = ("done", "not_home", "cancelled")
USE_KINDS = ("card", "tally")


class HomeOffer(db.Model):
    """An offer that takes bookings: places per visit date and how late one may book."""

    __tablename__ = "home_offers"

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id", ondelete="CASCADE"), unique=True)
    places: Mapped[int] = mapped_column(default=8)
    book_until_days: Mapped[int] = mapped_column(default=2)  # days before the visit
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    offer: Mapped[Offer] = relationship()

    def __repr__(self) -> str:
        return f"<HomeOffer {self.offer_id}>"


class VisitDate(db.Model):
    """One day a bookable offer visits homes; the slot whose places bookings take."""

    __tablename__ = "home_visit_dates"
    __table_args__ = (UniqueConstraint("home_offer_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    home_offer_id: Mapped[int] = mapped_column(ForeignKey("home_offers.id", ondelete="CASCADE"),
                                               index=True)
    day: Mapped[date] = mapped_column(Date)
    capacity: Mapped[int] = mapped_column(default=8)
    taken: Mapped[int] = mapped_column(default=0)

    home_offer: Mapped[HomeOffer] = relationship()

    def __repr__(self) -> str:
        return f"<VisitDate {self.home_offer_id} {self.day}>"


class HomeBooking(db.Model):
    """A household's place on a visit date (预约), with the contact who booked it."""

    __tablename__ = "home_bookings"
    # A household once per date: a cancelled booking is taken up again, not duplicated.
    __table_args__ = (UniqueConstraint("visit_date_id", "household_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    visit_date_id: Mapped[int] = mapped_column(
        ForeignKey("home_visit_dates.id", ondelete="CASCADE"), index=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id", ondelete="CASCADE"),
                                              index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    contact_name: Mapped[str] = mapped_column(String(40))
    booked_as: Mapped[str] = mapped_column(String(10), default="resident")
    # confirmed or cancelled (the place engine also knows waitlisted; a full date refuses).
    status: Mapped[str] = mapped_column(String(12), default="confirmed")
    eligibility: Mapped[str] = mapped_column(String(10), default="eligible")
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    promoted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    outcome: Mapped[str] = mapped_column(String(10), default="", server_default="")
    outcome_note: Mapped[str] = mapped_column(Text, default="", server_default="")
    outcome_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    visit_date: Mapped[VisitDate] = relationship()
    household: Mapped[Household] = relationship()
    person: Mapped[Person | None] = relationship()

    @property
    def is_active(self) -> bool:
        """Holds or waits for a place."""
        return self.status in ("confirmed", "waitlisted")

    def __repr__(self) -> str:
        return f"<HomeBooking {self.id} {self.status}>"


class ServiceCard(db.Model):
    """A printed A6 card (服务卡) of an eligible resident; its QR carries a signed id."""

    __tablename__ = "service_cards"

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id", ondelete="CASCADE"),
                                              index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    household: Mapped[Household] = relationship()
    person: Mapped[Person | None] = relationship()

    def __repr__(self) -> str:
        return f"<ServiceCard {self.id}>"


class ServiceUse(db.Model):
    """One walk-in service given (a meal served): by card scan, or a tally without a card."""

    __tablename__ = "service_uses"
    # Once per day per offer per household; tallies have no household and are not limited.
    __table_args__ = (UniqueConstraint("offer_id", "household_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id", ondelete="CASCADE"), index=True)
    household_id: Mapped[int | None] = mapped_column(
        ForeignKey("households.id", ondelete="CASCADE"), index=True)
    card_id: Mapped[int | None] = mapped_column(ForeignKey("service_cards.id", ondelete="SET NULL"))
    day: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(8), default="card")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    household: Mapped[Household | None] = relationship()

    def __repr__(self) -> str:
        return f"<ServiceUse {self.offer_id} {self.day}>"
