"""make_<thing> helpers for room tests, and times a week ahead in Shanghai."""
from datetime import date, time, timedelta

from blueprints.core import clock
from extensions import db
from models import Room, RoomBooking


def make_room(community, **overrides) -> Room:
    values = {"name": "党群服务中心活动室", "capacity": 30, "opens_at": time(8, 0),
              "closes_at": time(21, 0), "closed_days": [], "description": "一楼东侧"}
    values.update(overrides)
    room = Room(community_id=community.id, **values)
    db.session.add(room)
    db.session.commit()
    return room


def ahead(days: int = 7) -> date:
    """A Shanghai date `days` from today."""
    return clock.today() + timedelta(days=days)


def at(day: date, hour: int, minute: int = 0):
    """The aware moment of a Shanghai wall-clock time on `day`."""
    return clock.at(day, time(hour, minute))


def make_booking(room, day: date, start: tuple, end: tuple, **overrides) -> RoomBooking:
    """A booking written directly, without the service's checks."""
    values = {"title": "居民议事会", "purpose": "meeting"}
    values.update(overrides)
    booking = RoomBooking(room_id=room.id, starts_at=at(day, *start), ends_at=at(day, *end),
                          **values)
    db.session.add(booking)
    db.session.commit()
    return booking
