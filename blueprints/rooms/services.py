"""Rooms and bookings: the rules of booking a room, and every write.

`book` is the one way into a room's calendar, for staff meetings and for other domains
(a class session, a volunteer activity), which call it inside their own transaction:
a refusal (BookingRefused) then undoes their whole change. No two live bookings of a
room overlap; the database enforces it (models/rooms.py), so two bookings made at the
same moment cannot both succeed: the loser is refused, naming the winner.
"""
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from blueprints.core import clock
from blueprints.core.audit import record_event
from blueprints.core.transaction import transactional
from blueprints.core.wording import join_words
from blueprints.rooms.week import Week
from extensions import db
from models import Community, Room, RoomBooking, User
from models.rooms import PURPOSES

BOOK_AHEAD = timedelta(days=366)  # the furthest a booking may lie ahead
ROOMS_LIMIT = 100  # rooms listed on one page; a community has a handful
WEEK_LIMIT = 150  # bookings shown in one room's week (a booking an hour, 7 am to 10 pm)
OVERVIEW_LIMIT = 300  # this week's bookings read for the rooms page, all rooms together
OVERVIEW_PER_ROOM = 6  # shown under each room there; the week page shows the rest
WEEKDAY_NAMES = {1: _l("周一"), 2: _l("周二"), 3: _l("周三"), 4: _l("周四"), 5: _l("周五"),
                 6: _l("周六"), 7: _l("周日")}
ROOM_FIELDS = ("name", "capacity", "opens_at", "closes_at", "closed_days", "description",
               "active")


class RoomError(Exception):
    """A room change refused; `field` is where the form shows `message`."""

    def __init__(self, field: str, message):
        super().__init__(str(message))
        self.field, self.message = field, message


class BookingRefused(RoomError):
    """A booking the room cannot take; `clash` is the booking it collides with, if any."""

    def __init__(self, field: str, message, clash: RoomBooking | None = None):
        super().__init__(field, message)
        self.clash = clash


def span(booking: RoomBooking) -> str:
    """When a booking is, in Shanghai time: 12-03 14:00–16:00."""
    start, end = clock.local(booking.starts_at), clock.local(booking.ends_at)
    return f"{start:%m-%d %H:%M}–{end:%H:%M}"


def hours(room: Room) -> str:
    """The room's opening hours: 08:30–17:30."""
    return f"{room.opens_at:%H:%M}–{room.closes_at:%H:%M}"


def opening(room: Room) -> str:
    """The room's hours in words: 08:30–17:30（周六、周日不开放）."""
    closed = [WEEKDAY_NAMES[day] for day in sorted(room.closed_days or []) if day in WEEKDAY_NAMES]
    if not closed:
        return str(_l("每天 %(hours)s", hours=hours(room)))
    return str(_l("%(hours)s（%(days)s不开放）", hours=hours(room), days=join_words(closed)))


def room_in(community: Community, room_id: int) -> Room | None:
    """The community's room with this id (None for another community's)."""
    return db.session.scalar(select(Room).where(Room.id == room_id,
                                                Room.community_id == community.id))


def booking_in(room: Room, booking_id: int) -> RoomBooking | None:
    """The room's booking with this id."""
    return db.session.scalar(select(RoomBooking).where(RoomBooking.id == booking_id,
                                                       RoomBooking.room_id == room.id))


def rooms_of(community: Community, active_only: bool = True) -> list[Room]:
    """The community's rooms in their order (only the open ones unless asked)."""
    query = select(Room).where(Room.community_id == community.id)
    if active_only:
        query = query.where(Room.active.is_(True))
    return list(db.session.scalars(query.order_by(Room.position, Room.id).limit(ROOMS_LIMIT)))


def _live(room_ids, starts_at: datetime, ends_at: datetime):
    """Live bookings of these rooms that overlap [starts_at, ends_at), earliest first."""
    return (select(RoomBooking)
            .where(RoomBooking.room_id.in_(room_ids), RoomBooking.cancelled_at.is_(None),
                   RoomBooking.starts_at < ends_at, RoomBooking.ends_at > starts_at)
            .order_by(RoomBooking.starts_at, RoomBooking.id))


def week_bookings(room: Room, week: Week, with_booker: bool = False) -> tuple[list[RoomBooking], bool]:
    """The room's live bookings in the week (at most WEEK_LIMIT) and whether there are more."""
    query = _live([room.id], *week.bounds).limit(WEEK_LIMIT + 1)
    if with_booker:
        query = query.options(selectinload(RoomBooking.booked_by))
    found = list(db.session.scalars(query))
    return found[:WEEK_LIMIT], len(found) > WEEK_LIMIT


def week_overview(rooms: list[Room], week: Week) -> dict[int, tuple[list[RoomBooking], bool]]:
    """For each room: the week's first few bookings and whether it has more (one query)."""
    found: dict[int, list[RoomBooking]] = {room.id: [] for room in rooms}
    if rooms:
        for booking in db.session.scalars(_live(list(found), *week.bounds).limit(OVERVIEW_LIMIT)):
            found[booking.room_id].append(booking)
    return {room_id: (items[:OVERVIEW_PER_ROOM], len(items) > OVERVIEW_PER_ROOM)
            for room_id, items in found.items()}


def clash_with(room: Room, starts_at: datetime, ends_at: datetime,
               other_than: int | None = None) -> RoomBooking | None:
    """The first live booking of the room that overlaps [starts_at, ends_at)."""
    query = _live([room.id], starts_at, ends_at)
    if other_than is not None:
        query = query.where(RoomBooking.id != other_than)
    return db.session.scalars(query.limit(1)).first()


def _clash_refusal(clash: RoomBooking) -> BookingRefused:
    return BookingRefused("start", _l("与已有预约“%(title)s”（%(when)s）时间冲突",
                                      title=clash.title, when=span(clash)), clash)


def check_booking(room: Room, starts_at: datetime, ends_at: datetime,
                  people: int | None = None) -> None:
    """Raise BookingRefused when the room cannot take this time (the overlap aside)."""
    if ends_at <= starts_at:
        raise BookingRefused("end", _l("结束时间要晚于开始时间"))
    now = clock.now()
    if starts_at < now:
        raise BookingRefused("day", _l("这个时间已经过去了，不能预约"))
    if starts_at > now + BOOK_AHEAD:
        raise BookingRefused("day", _l("最多预约一年以内的日期"))
    if not room.active:
        raise BookingRefused("day", _l("这个场地已停用"))
    start, end = clock.local(starts_at), clock.local(ends_at)
    if not room.is_open_on(start.isoweekday()):
        raise BookingRefused("day", _l("%(room)s%(day)s不开放", room=room.name,
                                       day=WEEKDAY_NAMES[start.isoweekday()]))
    if end.date() != start.date() or start.time() < room.opens_at or end.time() > room.closes_at:
        raise BookingRefused("start", _l("不在开放时间内：开放时间是 %(hours)s", hours=hours(room)))
    if people is not None and not 1 <= people <= room.capacity:
        raise BookingRefused("people", _l("人数要在 1 到 %(n)d 之间（场地可容纳 %(n)d 人）",
                                          n=room.capacity))


@transactional
def book(room: Room, actor: User | None, starts_at: datetime, ends_at: datetime, title: str,
         purpose: str = "meeting", purpose_id: int | None = None,
         people: int | None = None) -> RoomBooking:
    """Book the room from `starts_at` to `ends_at`; BookingRefused names what is in the way."""
    if purpose not in PURPOSES:
        raise ValueError(f"unknown booking purpose {purpose!r}")
    check_booking(room, starts_at, ends_at, people)
    clash = clash_with(room, starts_at, ends_at)
    if clash is not None:
        raise _clash_refusal(clash)
    booking = RoomBooking(room=room, starts_at=starts_at, ends_at=ends_at, title=title,
                          purpose=purpose, purpose_id=purpose_id, people=people,
                          booked_by=actor)
    try:
        with db.session.begin_nested():  # a savepoint: the clash can still be read after it
            db.session.add(booking)
    except IntegrityError:
        # Booked by someone else since the check above; the database refused ours.
        clash = clash_with(room, starts_at, ends_at)
        if clash is None:
            raise
        raise _clash_refusal(clash) from None
    record_event(actor, "room_booking.created", booking, room.community, title=title,
                 room=room.name, when=span(booking))
    return booking


@transactional
def cancel_booking(booking: RoomBooking, actor: User | None) -> RoomBooking:
    """Cancel a booking: its time is free again (cancelling twice changes nothing)."""
    if booking.cancelled_at is None:
        booking.cancelled_at = clock.now()
        record_event(actor, "room_booking.cancelled", booking, booking.room.community,
                     title=booking.title, room=booking.room.name, when=span(booking))
    return booking


@transactional
def release(purpose: str, purpose_ids: list[int], actor: User | None) -> int:
    """Cancel the live bookings made for these rows of another domain (a cancelled shift's)."""
    if not purpose_ids:
        return 0
    found = db.session.scalars(select(RoomBooking).where(
        RoomBooking.purpose == purpose, RoomBooking.purpose_id.in_(purpose_ids),
        RoomBooking.cancelled_at.is_(None)).options(selectinload(RoomBooking.room)))
    released = [cancel_booking(booking, actor) for booking in found]
    return len(released)


def _name_taken(community: Community, name: str, other_than: int | None = None) -> bool:
    query = select(Room.id).where(Room.community_id == community.id, Room.name == name)
    if other_than is not None:
        query = query.where(Room.id != other_than)
    return db.session.scalar(query.limit(1)) is not None


def _check_room(fields: dict) -> None:
    if fields["closes_at"] <= fields["opens_at"]:
        raise RoomError("closes_at", _l("关门时间要晚于开门时间"))


@transactional
def create_room(community: Community, actor: User, **fields) -> Room:
    """A new room of the community."""
    _check_room(fields)
    if _name_taken(community, fields["name"]):
        raise RoomError("name", _l("已经有同名的场地"))
    room = Room(community=community, **{k: fields[k] for k in ROOM_FIELDS if k in fields})
    _flush_named(room, add=True)
    record_event(actor, "room.created", room, community, name=room.name)
    return room


def _flush_named(room: Room, add: bool = False) -> None:
    """Write the room; the same name saved at the same moment by someone else (the unique
    constraint decides) is the refusal the check above gives, not an error."""
    try:
        with db.session.begin_nested():
            if add:
                db.session.add(room)
    except IntegrityError:
        raise RoomError("name", _l("已经有同名的场地")) from None


@transactional
def update_room(room: Room, actor: User, **fields) -> Room:
    """Change a room's name, capacity, hours, description or whether it can be booked.

    Bookings already made stay: staff move or cancel them if the new hours exclude them.
    """
    _check_room(fields)
    if _name_taken(room.community, fields["name"], other_than=room.id):
        raise RoomError("name", _l("已经有同名的场地"))
    for key in ROOM_FIELDS:
        if key in fields:
            setattr(room, key, fields[key])
    _flush_named(room)
    record_event(actor, "room.updated", room, room.community, name=room.name)
    return room
