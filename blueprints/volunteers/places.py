"""A general engine for things with places: take, release, promote from a waitlist.

It works on any "slot" model with integer `capacity` and `taken` columns and any
"booking" model with `status`, `queued_at` and a foreign key to the slot (volunteer
shifts today, classes later). Taking a place is one conditional UPDATE, so two
requests can never both take the last place; the caller's transaction commits.
"""
from sqlalchemy import func, select, update
from sqlalchemy.orm import aliased

from extensions import db
from models.base import utcnow


def take_place(slot_model, slot_id: int) -> bool:
    """Take one place if one is left; True when this call got it."""
    result = db.session.execute(
        update(slot_model)
        .where(slot_model.id == slot_id, slot_model.taken < slot_model.capacity)
        .values(taken=slot_model.taken + 1)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def release_place(slot_model, slot_id: int) -> None:
    """Give one place back."""
    db.session.execute(
        update(slot_model)
        .where(slot_model.id == slot_id, slot_model.taken > 0)
        .values(taken=slot_model.taken - 1)
        .execution_options(synchronize_session=False)
    )


def first_waiting(booking_model, slot_column, slot_id: int):
    """The booking at the head of the slot's waitlist, or None."""
    return db.session.scalar(
        select(booking_model)
        .where(slot_column == slot_id, booking_model.status == "waitlisted")
        .order_by(booking_model.queued_at, booking_model.id)
        .limit(1)
    )


def promote_next(slot_model, booking_model, slot_column, slot_id: int):
    """Fill a free place from the waitlist; returns the promoted booking or None."""
    while take_place(slot_model, slot_id):
        candidate = first_waiting(booking_model, slot_column, slot_id)
        if candidate is None:
            release_place(slot_model, slot_id)
            return None
        # Conditional too: a concurrent cancellation may have promoted the same person.
        claimed = db.session.execute(
            update(booking_model)
            .where(booking_model.id == candidate.id, booking_model.status == "waitlisted")
            .values(status="confirmed", promoted_at=utcnow())
            .execution_options(synchronize_session=False)
        ).rowcount
        if claimed:
            db.session.refresh(candidate)
            return candidate
        release_place(slot_model, slot_id)
    return None


def waitlist_position(booking_model, slot_column, booking) -> int:
    """1 for the head of the waitlist, 2 for the next …"""
    ahead = db.session.scalars(
        select(booking_model.id).where(
            slot_column == getattr(booking, slot_column.key),
            booking_model.status == "waitlisted",
            (booking_model.queued_at < booking.queued_at)
            | ((booking_model.queued_at == booking.queued_at) & (booking_model.id < booking.id)),
        )
    ).all()
    return len(ahead) + 1


def waitlist_positions(booking_model, slot_column, bookings) -> dict[int, int]:
    """{id: position} of several waitlisted bookings, counted in one grouped query."""
    waiting = [b.id for b in bookings if b is not None and b.status == "waitlisted"]
    if not waiting:
        return {}
    ahead = aliased(booking_model)
    before = (ahead.queued_at < booking_model.queued_at) | (
        (ahead.queued_at == booking_model.queued_at) & (ahead.id < booking_model.id))
    rows = db.session.execute(
        select(booking_model.id, func.count(ahead.id))
        .outerjoin(ahead, (getattr(ahead, slot_column.key) == slot_column)
                   & (ahead.status == "waitlisted") & before)
        .where(booking_model.id.in_(waiting)).group_by(booking_model.id)
    )
    return {booking_id: count + 1 for booking_id, count in rows}
