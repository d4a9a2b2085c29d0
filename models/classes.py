"""Talent classes (能人公益课堂): residents' course requests (点课) and their supports.

Recruitment calls, teachers, courses and sessions join this module later (issue 12).
"""
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db
from models.base import UTCDateTime, utcnow
from models.community import Community, Compound
from models.people import Person

# open: takes supports; merged: a duplicate, its supporters moved to `merged_into`;
# declined: refused with a public reason; scheduled: a course was made from it (its
# supporters were told). (Answering with a recruitment call adds a status with the call
# model; the column is plain text, so that needs no migration.)
REQUEST_STATUSES = ("open", "merged", "declined", "scheduled")


class CourseRequest(db.Model):
    """A 点课: a subject residents want to learn, with the number of supporters."""

    __tablename__ = "course_requests"
    __table_args__ = (
        CheckConstraint("support_count >= 0", name="support_count_not_negative"),
        # The public list: a community's open requests, most supported first.
        Index("ix_course_requests_listing", "community_id", "status", "support_count"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    subject: Mapped[str] = mapped_column(String(60))
    details: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(12), default="open")
    decline_reason: Mapped[str] = mapped_column(Text, default="")  # shown to everyone
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("course_requests.id"),
                                                       index=True)
    # Kept in the same transaction as the supports (one UPDATE … + 1), never counted per page.
    support_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    community: Mapped[Community] = relationship()
    merged_into: Mapped["CourseRequest | None"] = relationship(remote_side=[id])

    @property
    def is_open(self) -> bool:
        """True while residents can still support it."""
        return self.status == "open"

    def __repr__(self) -> str:
        return f"<CourseRequest {self.subject} {self.status} {self.support_count}>"


class CourseSupport(db.Model):
    """我也想学: one resident's support of a request, once per person (number)."""

    __tablename__ = "course_supports"
    __table_args__ = (UniqueConstraint("request_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("course_requests.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    request: Mapped[CourseRequest] = relationship()
    person: Mapped[Person] = relationship()

    def __repr__(self) -> str:
        return f"<CourseSupport {self.person_id} for {self.request_id}>"


class Teacher(db.Model):
    """A 能人: a resident who teaches a class for free. In public only the name, the skill
    and the compound show; the number stays with the person record."""

    __tablename__ = "class_teachers"
    __table_args__ = (UniqueConstraint("community_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    name: Mapped[str] = mapped_column(String(40))
    skill: Mapped[str] = mapped_column(String(60))
    compound_id: Mapped[int | None] = mapped_column(ForeignKey("compounds.id"))
    bio: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    community: Mapped[Community] = relationship()
    person: Mapped[Person] = relationship()
    compound: Mapped[Compound | None] = relationship()

    def __repr__(self) -> str:
        return f"<Teacher {self.name} {self.skill}>"
