"""Volunteer teams, activities with shifts, sign-ups, /me link versions and the outbox."""
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db
from models.base import UTCDateTime, utcnow
from models.community import Community, Compound
from models.people import Person
from models.user import User

TEAM_KINDS = ("red_vest", "door_knocking", "service", "choir", "dance", "civility", "other")
CATEGORIES = ("lecture", "venue", "action", "stage", "alliance", "campaign")
# An activity of this category is a talent-class course (models/courses.py): its shifts are
# sessions and its sign-ups are learners, whose attendance is not volunteer time.
CLASS = "class"
# A sign-up's role: "" a volunteer (or a learner, on a class); "teacher" the time a teacher
# gave to a session, credited as volunteer hours without taking one of its places.
SIGNUP_ROLES = ("", "teacher")
# Statuses a sign-up moves through; only confirmed and waitlisted hold or wait for a place.
SIGNUP_STATUSES = ("confirmed", "waitlisted", "cancelled", "attended", "no_show")
ACTIVE_STATUSES = ("confirmed", "waitlisted")
MEMBER_STATUSES = ("pending", "accepted", "declined")


class Team(db.Model):
    """A 志愿者队伍: 红马甲 of a partner unit, 敲门队, 合唱队 …"""

    __tablename__ = "volunteer_teams"
    __table_args__ = (UniqueConstraint("community_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(20), default="service")
    description: Mapped[str] = mapped_column(Text, default="")
    # A partner unit's red-vest team: its staff are enrolled by the partner.
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partners.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    community: Mapped[Community] = relationship()
    partner: Mapped["Partner | None"] = relationship()  # noqa: F821
    members: Mapped[list["TeamMember"]] = relationship(
        back_populates="team", cascade="all, delete-orphan", order_by="TeamMember.id"
    )

    def __repr__(self) -> str:
        return f"<Team {self.name}>"


class TeamMember(db.Model):
    """A person's request to join a team, and the staff decision on it."""

    __tablename__ = "volunteer_team_members"
    __table_args__ = (UniqueConstraint("team_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("volunteer_teams.id", ondelete="CASCADE"),
                                         index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(12), default="pending")
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    team: Mapped[Team] = relationship(back_populates="members")
    person: Mapped[Person] = relationship()

    def __repr__(self) -> str:
        return f"<TeamMember {self.person_id} in {self.team_id} {self.status}>"


class Activity(db.Model):
    """A 活动: a clean-up, campaign day, rehearsal … with one or more shifts."""

    __tablename__ = "volunteer_activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    title: Mapped[str] = mapped_column(String(120))
    category: Mapped[str] = mapped_column(String(20), default="action")
    campaign: Mapped[str] = mapped_column(String(40), default="")  # 消防安全, 反诈 …
    description: Mapped[str] = mapped_column(Text, default="")
    compound_id: Mapped[int | None] = mapped_column(ForeignKey("compounds.id"), index=True)
    venue: Mapped[str] = mapped_column(String(120), default="")
    team_id: Mapped[int | None] = mapped_column(ForeignKey("volunteer_teams.id"), index=True)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    community: Mapped[Community] = relationship()
    compound: Mapped[Compound | None] = relationship()
    team: Mapped[Team | None] = relationship()
    shifts: Mapped[list["Shift"]] = relationship(
        back_populates="activity", cascade="all, delete-orphan",
        order_by="Shift.starts_at",
    )

    @property
    def place(self) -> str:
        """Where it happens: the compound, the venue, or both."""
        parts = [self.compound.name if self.compound else "", self.venue]
        return " · ".join(p for p in parts if p)

    def __repr__(self) -> str:
        return f"<Activity {self.title}>"


class Shift(db.Model):
    """A 班次: a time slot with a number of places; `taken` counts confirmed places."""

    __tablename__ = "volunteer_shifts"
    __table_args__ = (
        CheckConstraint("taken >= 0 AND taken <= capacity", name="taken_within_capacity"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("volunteer_activities.id", ondelete="CASCADE"), index=True
    )
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    capacity: Mapped[int] = mapped_column(default=10)
    taken: Mapped[int] = mapped_column(default=0)
    role: Mapped[str] = mapped_column(String(40), default="")
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    activity: Mapped[Activity] = relationship(back_populates="shifts")
    signups: Mapped[list["Signup"]] = relationship(
        back_populates="shift", cascade="all, delete-orphan", order_by="Signup.id"
    )

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.taken, 0)

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None or self.activity.cancelled_at is not None

    def __repr__(self) -> str:
        return f"<Shift {self.id} of activity {self.activity_id}>"


class Signup(db.Model):
    """A 报名: one person on one shift; waitlist order is `queued_at`, then id."""

    __tablename__ = "volunteer_signups"
    __table_args__ = (UniqueConstraint("shift_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    shift_id: Mapped[int] = mapped_column(ForeignKey("volunteer_shifts.id", ondelete="CASCADE"),
                                          index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("volunteer_teams.id"))
    status: Mapped[str] = mapped_column(String(12), index=True)
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    promoted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    checked_in_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    minutes: Mapped[int] = mapped_column(default=0)  # confirmed volunteer time once attended
    role: Mapped[str] = mapped_column(String(10), default="", server_default="")

    shift: Mapped[Shift] = relationship(back_populates="signups")
    person: Mapped[Person] = relationship()
    team: Mapped[Team | None] = relationship()
    checked_in_by: Mapped[User | None] = relationship()

    @property
    def is_active(self) -> bool:
        """Holding a place or waiting for one."""
        return self.status in ACTIVE_STATUSES

    @property
    def holds_place(self) -> bool:
        """One of the shift's places is this person's (signed up or already checked in)."""
        return self.status in ("confirmed", "attended")

    @property
    def can_check_in(self) -> bool:
        """The roster offers 签到: expected (or marked absent by mistake) on a shift that happens."""
        return self.status in ("confirmed", "no_show") and not self.shift.is_cancelled

    @property
    def can_mark_no_show(self) -> bool:
        """The roster offers 未到: expected, or checked in by mistake."""
        return self.status in ("confirmed", "attended")

    def __repr__(self) -> str:
        return f"<Signup {self.person_id} on {self.shift_id} {self.status}>"


class VolunteerLink(db.Model):
    """The version of a person's /me link; staff bump it to revoke old links."""

    __tablename__ = "volunteer_links"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    version: Mapped[int] = mapped_column(default=1)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    person: Mapped[Person] = relationship()

    def __repr__(self) -> str:
        return f"<VolunteerLink {self.person_id} v{self.version}>"


class OutboxMessage(db.Model):
    """A reminder or notice waiting to be sent; `key` makes every message unique."""

    __tablename__ = "volunteer_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    signup_id: Mapped[int | None] = mapped_column(
        ForeignKey("volunteer_signups.id", ondelete="SET NULL"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))  # reminder, promoted, cancelled, me_link
    key: Mapped[str] = mapped_column(String(120), unique=True)
    recipient: Mapped[str] = mapped_column(String(20))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    # Not sent because it no longer applies (the sign-up or the shift was cancelled).
    skipped_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    error: Mapped[str] = mapped_column(Text, default="")

    person: Mapped[Person] = relationship()
    signup: Mapped[Signup | None] = relationship()

    def __repr__(self) -> str:
        return f"<OutboxMessage {self.key}>"
