"""The day-before reminder of a home visit, written to the shared outbox (volunteers/outbox.py).

`flask send-reminders` queues them with the shift reminders and sends them the same run;
the key makes each booking's reminder for a day unique, so a second run adds none.
"""
from datetime import date, timedelta

from flask import current_app, has_request_context
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from blueprints.core import clock
from blueprints.homeservice.services import booking_token
from extensions import db
from models import OutboxMessage
from models.homeservice import HomeBooking, HomeOffer, VisitDate
from printing.links import public_url


def _body(booking: HomeBooking) -> str:
    if not has_request_context():  # from the daily command: links need the public address
        with current_app.test_request_context(base_url=current_app.config["PUBLIC_BASE_URL"]):
            return _body(booking)
    offer = booking.visit_date.home_offer.offer
    url = public_url("homeservice.mine", slug=offer.community.slug, token=booking_token(booking))
    return (f"【{offer.community.name}】{booking.contact_name}您好，{offer.partner.name}明天"
            f"（{booking.visit_date.day:%m月%d日}）上门提供“{offer.title}”，地址："
            f"{booking.household.address}。查看或取消：{url}")


def queue_reminders(today: date | None = None) -> int:
    """A reminder to the contact of each confirmed booking of tomorrow; returns how many."""
    tomorrow = (today or clock.today()) + timedelta(days=1)
    bookings = db.session.scalars(
        select(HomeBooking).join(VisitDate).where(
            VisitDate.day == tomorrow, HomeBooking.status == "confirmed",
            HomeBooking.person_id.is_not(None))
        .options(selectinload(HomeBooking.person), selectinload(HomeBooking.household),
                 selectinload(HomeBooking.visit_date).selectinload(VisitDate.home_offer)
                 .selectinload(HomeOffer.offer))).all()
    keys = {f"home_reminder:{b.id}:{tomorrow:%Y%m%d}": b for b in bookings}
    known = set(db.session.scalars(select(OutboxMessage.key).where(OutboxMessage.key.in_(keys))))
    for key, booking in keys.items():
        if key not in known:
            db.session.add(OutboxMessage(
                community_id=booking.community_id, person_id=booking.person_id, kind="home_visit",
                key=key, recipient=booking.person.mobile, body=_body(booking)))
    db.session.commit()
    return len(set(keys) - known)
