"""Door-knocking rounds (敲门行动): campaigns, their questions, who walks which grid, visits.

A visit is one knock on one door: its outcome (visited, not home, refused, vacant), the
answers to the campaign's questions and any need heard. A household's state in a round is
the outcome of its latest visit; every "not home" is one try. Each visit carries an id made
on the phone (`client_id`, unique), so a visit sent twice from an offline queue is stored once.
"""
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import (JSON, Column, Date, Float, ForeignKey, String, Table, Text,
                        UniqueConstraint, false)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db
from models.base import UTCDateTime, utcnow
from models.community import Community, Grid
from models.issues import Issue
from models.people import Household
from models.user import User
from models.volunteers import TeamMember

# What a question asks for: a number with a unit and bounds, one choice, yes/no, free text.
QUESTION_KINDS = {
    "number": _l("数字"),
    "choice": _l("单选"),
    "yes_no": _l("是/否"),
    "text": _l("文字"),
}
# The outcome of one knock; "not_home" puts the household on the revisit list.
OUTCOMES = {
    "visited": _l("已访"),
    "not_home": _l("不在家"),
    "refused": _l("拒访"),
    "vacant": _l("空置"),
}
# A household's state in a round: its latest outcome, or not yet visited.
STATES = {"pending": _l("未访"), **OUTCOMES}
# Where a visit was typed: on the doorstep (a phone) or from a paper sheet.
SOURCES = ("phone", "paper")

campaign_grids = Table(
    "visit_campaign_grids",
    db.metadata,
    Column("campaign_id", ForeignKey("visit_campaigns.id", ondelete="CASCADE"), primary_key=True),
    Column("grid_id", ForeignKey("grids.id", ondelete="CASCADE"), primary_key=True),
)
# The doors of a targeted round (e.g. made from the home-service gap list): only these
# households of its grids are on its rosters. A round that is not targeted has no rows here.
campaign_households = Table(
    "visit_campaign_households",
    db.metadata,
    Column("campaign_id", ForeignKey("visit_campaigns.id", ondelete="CASCADE"), primary_key=True),
    Column("household_id", ForeignKey("households.id", ondelete="CASCADE"), primary_key=True,
           index=True),
)


class VisitCampaign(db.Model):
    """A round of door-knocking (冬季入户走访): its dates, grids, questions and visitors."""

    __tablename__ = "visit_campaigns"
    __table_args__ = (UniqueConstraint("community_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    # How many "not home" knocks before a household leaves the revisit list.
    max_tries: Mapped[int] = mapped_column(default=3)
    # Only the households in visit_campaign_households, not every door of the grids.
    targeted: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    community: Mapped[Community] = relationship()
    grids: Mapped[list[Grid]] = relationship(secondary=campaign_grids, order_by=Grid.name)
    questions: Mapped[list["VisitQuestion"]] = relationship(
        back_populates="campaign", order_by="VisitQuestion.position, VisitQuestion.id",
        cascade="all, delete-orphan")
    assignments: Mapped[list["VisitAssignment"]] = relationship(
        back_populates="campaign", cascade="all, delete-orphan", order_by="VisitAssignment.id")

    def is_running(self, today: date) -> bool:
        """Between its first and last day (visits are taken after the end too, late ones)."""
        return self.starts_on <= today <= self.ends_on

    def __repr__(self) -> str:
        return f"<VisitCampaign {self.name}>"


class VisitQuestion(db.Model):
    """One question of a campaign's questionnaire."""

    __tablename__ = "visit_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("visit_campaigns.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(String(10))
    label: Mapped[str] = mapped_column(String(80))
    unit: Mapped[str] = mapped_column(String(10), default="")  # ℃, 人 … for numbers
    min_value: Mapped[float | None] = mapped_column(Float)
    max_value: Mapped[float | None] = mapped_column(Float)
    # Answers below this are listed on the coverage page (flats below 18 ℃).
    flag_below: Mapped[float | None] = mapped_column(Float)
    choices: Mapped[list] = mapped_column(JSON, default=list)  # for "choice"

    campaign: Mapped[VisitCampaign] = relationship(back_populates="questions")

    @property
    def kind_label(self) -> str:
        return str(QUESTION_KINDS[self.kind])

    def __repr__(self) -> str:
        return f"<VisitQuestion {self.label}>"


class VisitAssignment(db.Model):
    """Who walks a grid in a round: a grid worker's account, or a 敲门队 member."""

    __tablename__ = "visit_assignments"
    __table_args__ = (UniqueConstraint("campaign_id", "grid_id", "user_id"),
                      UniqueConstraint("campaign_id", "grid_id", "team_member_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("visit_campaigns.id", ondelete="CASCADE"), index=True)
    grid_id: Mapped[int] = mapped_column(ForeignKey("grids.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                                index=True)
    team_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("volunteer_team_members.id", ondelete="CASCADE"), index=True)

    campaign: Mapped[VisitCampaign] = relationship(back_populates="assignments")
    grid: Mapped[Grid] = relationship()
    user: Mapped[User | None] = relationship()
    team_member: Mapped[TeamMember | None] = relationship()

    @property
    def visitor_name(self) -> str:
        """The visitor's name: the account's, or the team member's."""
        if self.user is not None:
            return self.user.display_name
        return self.team_member.person.name if self.team_member else ""

    def __repr__(self) -> str:
        return f"<VisitAssignment {self.campaign_id} grid {self.grid_id}>"


class Visit(db.Model):
    """One knock on one door in a round, with its answers and any need heard."""

    __tablename__ = "visits"

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("visit_campaigns.id", ondelete="CASCADE"), index=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id", ondelete="CASCADE"),
                                              index=True)
    # Made on the phone (a UUID): a resend of the same visit finds this row.
    client_id: Mapped[str] = mapped_column(String(36), unique=True)
    outcome: Mapped[str] = mapped_column(String(10))
    need: Mapped[str] = mapped_column(Text, default="")  # 需求与建议
    issue_id: Mapped[int | None] = mapped_column(ForeignKey("issues.id"), index=True)
    visitor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # A 敲门队 member who knocked through their link (they have no account).
    visitor_team_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("volunteer_team_members.id", ondelete="SET NULL"))
    source: Mapped[str] = mapped_column(String(8), default="phone")
    visited_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    campaign: Mapped[VisitCampaign] = relationship()
    household: Mapped[Household] = relationship()
    issue: Mapped[Issue | None] = relationship()
    visitor: Mapped[User | None] = relationship()
    visitor_team_member: Mapped[TeamMember | None] = relationship()
    answers: Mapped[list["VisitAnswer"]] = relationship(
        back_populates="visit", cascade="all, delete-orphan", order_by="VisitAnswer.id")

    @property
    def outcome_label(self) -> str:
        return str(OUTCOMES[self.outcome])

    @property
    def visitor_name(self) -> str:
        """Who knocked: the account's name, or the 敲门队 member's."""
        if self.visitor is not None:
            return self.visitor.display_name
        member = self.visitor_team_member
        return member.person.name if member is not None else ""

    def __repr__(self) -> str:
        return f"<Visit {self.household_id} {self.outcome}>"


class VisitAnswer(db.Model):
    """The answer to one question on one visit: a number, or a text (choice, 是/否, words)."""

    __tablename__ = "visit_answers"
    __table_args__ = (UniqueConstraint("visit_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"),
                                          index=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("visit_questions.id", ondelete="CASCADE"), index=True)
    number: Mapped[float | None] = mapped_column(Float)
    text: Mapped[str] = mapped_column(String(200), default="")

    visit: Mapped[Visit] = relationship(back_populates="answers")
    question: Mapped[VisitQuestion] = relationship()

    def __repr__(self) -> str:
        return f"<VisitAnswer {self.question_id}>"
