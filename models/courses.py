"""Talent-class courses (能人公益课堂) and their sessions' ratings.

A course is an activity of category "class" whose shifts are its sessions: residents take
places with the same place engine, waitlist, /me link, calendar file and reminders as
volunteers on shifts (blueprints/volunteers). The course row adds what a class has beyond
an activity: its teacher, the materials to bring and the request (点课) it answers. A
teacher's time is credited as a sign-up of role "teacher" on each session taught, so it
counts as volunteer hours and appears on the hours certificate.
"""
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db
from models.base import UTCDateTime, utcnow
from models.classes import CourseRequest, Teacher
from models.community import Community
from models.volunteers import Activity, Signup


class Course(db.Model):
    """A 课程: a subject taught by a teacher in one or more sessions (the activity's shifts)."""

    __tablename__ = "courses"

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("volunteer_activities.id", ondelete="CASCADE"), unique=True)
    teacher_id: Mapped[int | None] = mapped_column(ForeignKey("class_teachers.id"), index=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("course_requests.id"), index=True)
    materials: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    community: Mapped[Community] = relationship()
    activity: Mapped[Activity] = relationship()
    teacher: Mapped[Teacher | None] = relationship()
    request: Mapped[CourseRequest | None] = relationship()

    @property
    def title(self) -> str:
        return self.activity.title

    def __repr__(self) -> str:
        return f"<Course {self.activity_id}>"


class SessionRating(db.Model):
    """A participant's rating of a session they attended: 1–5 stars and a comment."""

    __tablename__ = "session_ratings"
    __table_args__ = (CheckConstraint("stars BETWEEN 1 AND 5", name="stars_one_to_five"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    signup_id: Mapped[int] = mapped_column(
        ForeignKey("volunteer_signups.id", ondelete="CASCADE"), unique=True)
    stars: Mapped[int] = mapped_column()
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    signup: Mapped[Signup] = relationship()

    def __repr__(self) -> str:
        return f"<SessionRating {self.signup_id} {self.stars}>"
