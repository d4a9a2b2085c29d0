"""Talent classes (能人公益课堂): residents' course requests (点课) and their supports,
teachers (能人), recruitment calls (招募令) and the applications to teach.

Courses and sessions join this module later (issue 12).
"""
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db
from models.base import UTCDateTime, utcnow
from models.community import Community, Compound
from models.people import Person

# open: takes supports; merged: a duplicate, its supporters moved to `merged_into`;
# declined: refused with a public reason; answered: staff published a recruitment call for
# it (RecruitmentCall.request_id), which its public page shows; scheduled: a course was made
# from it (its supporters were told).
REQUEST_STATUSES = ("open", "merged", "declined", "answered", "scheduled")


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
    call: Mapped["RecruitmentCall | None"] = relationship(back_populates="request",
                                                          uselist=False)

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


# open: takes applications; closed: staff ended it (the page stays, without the form).
CALL_STATUSES = ("open", "closed")
# pending: waits for staff; accepted: made a teacher (teacher_id); declined: told politely.
APPLICATION_STATUSES = ("pending", "accepted", "declined")


class RecruitmentCall(db.Model):
    """A 招募令: the skill sought, for whom and how often; residents apply to teach it."""

    __tablename__ = "recruitment_calls"
    __table_args__ = (
        Index("ix_recruitment_calls_listing", "community_id", "status", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    # The 点课 it answers (one call per request), or None for a call staff made on their own.
    request_id: Mapped[int | None] = mapped_column(ForeignKey("course_requests.id"), unique=True)
    skill: Mapped[str] = mapped_column(String(60))
    audience: Mapped[str] = mapped_column(String(60), default="")  # for whom: 老年人、亲子…
    frequency: Mapped[str] = mapped_column(String(60), default="")  # how often: 每周二上午…
    details: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(12), default="open")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    community: Mapped[Community] = relationship()
    request: Mapped[CourseRequest | None] = relationship(back_populates="call")

    @property
    def is_open(self) -> bool:
        """True while residents can apply."""
        return self.status == "open"

    def __repr__(self) -> str:
        return f"<RecruitmentCall {self.skill} {self.status}>"


class Application(db.Model):
    """A resident's offer to teach for a call; once per person (number) and call."""

    __tablename__ = "call_applications"
    __table_args__ = (UniqueConstraint("call_id", "person_id"),
                      Index("ix_call_applications_listing", "call_id", "status", "created_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("recruitment_calls.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(40))  # as typed (the person keeps their stored name)
    skill: Mapped[str] = mapped_column(String(60))
    experience: Mapped[str] = mapped_column(Text, default="")
    availability: Mapped[str] = mapped_column(String(200), default="")  # when they are free
    status: Mapped[str] = mapped_column(String(12), default="pending")
    decline_note: Mapped[str] = mapped_column(Text, default="")  # sent to the applicant only
    teacher_id: Mapped[int | None] = mapped_column(ForeignKey("class_teachers.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    call: Mapped[RecruitmentCall] = relationship()
    person: Mapped[Person] = relationship()
    teacher: Mapped[Teacher | None] = relationship()

    @property
    def is_pending(self) -> bool:
        """True until staff accept or decline it."""
        return self.status == "pending"

    def __repr__(self) -> str:
        return f"<Application {self.person_id} for {self.call_id} {self.status}>"
