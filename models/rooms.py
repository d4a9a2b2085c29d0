"""Rooms (微阵地 / 活动室) and their bookings; bookings of one room never overlap.

The "never overlap" rule lives in the database, not only in Python, so that two
bookings made at the same moment cannot both succeed (migration 0016_rooms): an
EXCLUDE USING gist constraint on PostgreSQL and two triggers on SQLite, both over
live (not cancelled) bookings and half-open intervals [starts_at, ends_at).
"""
from datetime import datetime, time

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db
from models.base import UTCDateTime, utcnow
from models.community import Community
from models.user import User

# What a booking is for: a staff meeting today; class sessions and volunteer activities
# book through the same service and name their row in `purpose_id`.
PURPOSES = ("meeting", "session", "activity", "other")
OVERLAP_CONSTRAINT = "ex_room_bookings_no_overlap"  # PostgreSQL's name for the rule


class Room(db.Model):
    """A bookable room of the community, with its capacity and opening hours."""

    __tablename__ = "rooms"
    __table_args__ = (
        UniqueConstraint("community_id", "name"),
        CheckConstraint("capacity >= 1", name="capacity_positive"),
        CheckConstraint("closes_at > opens_at", name="closes_after_opening"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    capacity: Mapped[int] = mapped_column(default=20)
    # The same hours every open day; `closed_days` holds ISO weekdays (1 = Monday … 7).
    opens_at: Mapped[time] = mapped_column(Time(), default=time(8, 30))
    closes_at: Mapped[time] = mapped_column(Time(), default=time(17, 30))
    closed_days: Mapped[list] = mapped_column(JSON, default=list)
    description: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(default=True)
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    community: Mapped[Community] = relationship()

    def is_open_on(self, weekday: int) -> bool:
        """Open on this ISO weekday (1 = Monday)."""
        return weekday not in (self.closed_days or [])

    def __repr__(self) -> str:
        return f"<Room {self.name}>"


class RoomBooking(db.Model):
    """A 预约 of a room: a meeting, a class session, an activity … from start to end."""

    __tablename__ = "room_bookings"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    title: Mapped[str] = mapped_column(String(120))
    purpose: Mapped[str] = mapped_column(String(20), default="meeting")
    purpose_id: Mapped[int | None] = mapped_column()  # the session's or shift's id, if any
    people: Mapped[int | None] = mapped_column()  # how many are expected, when known
    booked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    room: Mapped[Room] = relationship()
    booked_by: Mapped[User | None] = relationship()

    @property
    def is_live(self) -> bool:
        """Holding its time (not cancelled)."""
        return self.cancelled_at is None

    def __repr__(self) -> str:
        return f"<RoomBooking {self.id} of room {self.room_id}>"
