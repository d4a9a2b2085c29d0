"""The issue board: issues, their timeline and photos, box openings, and cost sharing."""
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db
from models.base import UTCDateTime, utcnow
from models.community import Building, Community, Compound
from models.people import Household, mask_mobile
from models.user import User

# Where an issue came in; "visit" is for needs found on door-knocking visits.
CHANNELS = {
    "box": _l("民意收集箱"),
    "web": _l("扫码反映"),
    "phone": _l("电话"),
    "patrol": _l("网格巡查"),
    "visit": _l("入户走访"),
    "open311": _l("外部系统 (Open311)"),
}

# code -> (label, target hours from report to 已解决)
CATEGORIES = {
    "safety": (_l("安全隐患"), 24),
    "road": (_l("道路井盖"), 48),
    "utilities": (_l("水电气暖"), 48),
    "sewage": (_l("下水与化粪池"), 72),
    "sanitation": (_l("环境卫生"), 72),
    "parking": (_l("停车与电动车"), 120),
    "neighbours": (_l("邻里纠纷"), 120),
    "other": (_l("其他"), 168),
}

STATUSES = {
    "new": _l("新建"),
    "accepted": _l("已受理"),
    "assigned": _l("已派单"),
    "in_progress": _l("处理中"),
    "resolved": _l("已解决"),
    "closed": _l("已关闭"),
    "rejected": _l("不予受理"),
    "duplicate": _l("重复"),
}
OPEN_STATUSES = ("new", "accepted", "assigned", "in_progress")
DONE_STATUSES = ("resolved", "closed")


class BoxOpening(db.Model):
    """One weekly opening of a compound's opinion box: who opened it, how many slips it held
    and how many of them have been typed in."""

    __tablename__ = "box_openings"
    __table_args__ = (UniqueConstraint("compound_id", "opened_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    compound_id: Mapped[int] = mapped_column(ForeignKey("compounds.id"), index=True)
    opened_on: Mapped[date] = mapped_column(Date)
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # who recorded it
    opened_by_name: Mapped[str] = mapped_column(String(40), default="")  # who opened the box
    slips_found: Mapped[int | None] = mapped_column()  # slips in the box, as counted on opening
    slip_count: Mapped[int] = mapped_column(default=0)  # slips typed in so far
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    compound: Mapped[Compound] = relationship()
    opened_by: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<BoxOpening {self.compound_id} {self.opened_on}>"


class Issue(db.Model):
    """A 诉求 on the board: what, where, how it came in, and where it stands."""

    __tablename__ = "issues"

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    compound_id: Mapped[int] = mapped_column(ForeignKey("compounds.id"), index=True)
    building_id: Mapped[int | None] = mapped_column(ForeignKey("buildings.id"))
    channel: Mapped[str] = mapped_column(String(10))
    category: Mapped[str] = mapped_column(String(20), index=True)
    what: Mapped[str] = mapped_column(Text)
    where: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default="new", index=True)
    public: Mapped[bool] = mapped_column(default=False)
    reporter_name: Mapped[str] = mapped_column(String(40), default="")
    reporter_mobile: Mapped[str] = mapped_column(String(20), default="")
    anonymous: Mapped[bool] = mapped_column(default=False)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("issues.id"))
    box_opening_id: Mapped[int | None] = mapped_column(ForeignKey("box_openings.id"))
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str] = mapped_column(Text, default="")  # for 不予受理 and 重复
    me_too_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Raised when staff revoke the reporter's follow link (blueprints/issues/tokens.py).
    follow_version: Mapped[int] = mapped_column(default=1, server_default="1")
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    community: Mapped[Community] = relationship()
    compound: Mapped[Compound] = relationship()
    building: Mapped[Building | None] = relationship()
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])
    entered_by: Mapped[User | None] = relationship(foreign_keys=[entered_by_id])
    merged_into: Mapped["Issue | None"] = relationship(remote_side=[id])
    box_opening: Mapped[BoxOpening | None] = relationship()
    events: Mapped[list["IssueEvent"]] = relationship(
        back_populates="issue", order_by="IssueEvent.id", cascade="all, delete-orphan"
    )
    photos: Mapped[list["IssuePhoto"]] = relationship(
        back_populates="issue", order_by="IssuePhoto.id", cascade="all, delete-orphan"
    )

    @property
    def is_open(self) -> bool:
        """Still being worked on: 我也遇到 and the reporter's comments are taken."""
        return self.status in OPEN_STATUSES

    @property
    def status_label(self) -> str:
        return str(STATUSES[self.status])

    @property
    def category_label(self) -> str:
        return str(CATEGORIES[self.category][0])

    @property
    def channel_label(self) -> str:
        return str(CHANNELS[self.channel])

    @property
    def target_hours(self) -> int:
        return CATEGORIES[self.category][1]

    @property
    def masked_mobile(self) -> str:
        return mask_mobile(self.reporter_mobile)

    def __repr__(self) -> str:
        return f"<Issue {self.id} {self.status}>"


class IssueEvent(db.Model):
    """One line of an issue's timeline: who did what, when, with a note."""

    __tablename__ = "issue_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("issues.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    by_reporter: Mapped[bool] = mapped_column(default=False)
    # created, status, comment, public, private; cost steps: meeting, quote, quote_chosen,
    # split, payment, payment_reversed (shown publicly without names, with amount_fen).
    kind: Mapped[str] = mapped_column(String(20))
    from_status: Mapped[str] = mapped_column(String(20), default="")
    to_status: Mapped[str] = mapped_column(String(20), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    # Staff notes stay in the console unless marked public (numbers are masked even then).
    public_note: Mapped[bool] = mapped_column(default=False)
    amount_fen: Mapped[int | None] = mapped_column()  # of a cost step
    # Who the issue was (re)assigned to by this line: the history keeps each name.
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    issue: Mapped[Issue] = relationship(back_populates="events")
    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])
    photos: Mapped[list["IssuePhoto"]] = relationship(back_populates="event")

    def __repr__(self) -> str:
        return f"<IssueEvent {self.kind} {self.to_status}>"


class IssuePhoto(db.Model):
    """A re-encoded photo in the shared storage (uploads/issues/), served only to those allowed."""

    __tablename__ = "issue_photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("issues.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("issue_events.id"))
    file_name: Mapped[str] = mapped_column(String(60), unique=True)
    content_type: Mapped[str] = mapped_column(String(30))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    issue: Mapped[Issue] = relationship(back_populates="photos")
    event: Mapped[IssueEvent | None] = relationship(back_populates="photos")

    def __repr__(self) -> str:
        return f"<IssuePhoto {self.file_name}>"


class MeToo(db.Model):
    """"我也遇到": one per mobile number and issue."""

    __tablename__ = "issue_me_toos"
    __table_args__ = (UniqueConstraint("issue_id", "mobile"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("issues.id", ondelete="CASCADE"), index=True)
    mobile: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    issue: Mapped[Issue] = relationship()

    def __repr__(self) -> str:
        return f"<MeToo {self.issue_id} {mask_mobile(self.mobile)}>"


class Deliberation(db.Model):
    """A 议事 meeting of resident representatives about an issue."""

    __tablename__ = "deliberations"

    id: Mapped[int] = mapped_column(primary_key=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("issues.id", ondelete="CASCADE"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    attendees: Mapped[str] = mapped_column(Text)
    decision: Mapped[str] = mapped_column(Text)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    issue: Mapped[Issue] = relationship()

    def __repr__(self) -> str:
        return f"<Deliberation {self.issue_id} {self.held_on}>"


class Quote(db.Model):
    """A contractor's 报价 for an issue; at most one per issue is chosen."""

    __tablename__ = "quotes"

    id: Mapped[int] = mapped_column(primary_key=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("issues.id", ondelete="CASCADE"), index=True)
    contractor: Mapped[str] = mapped_column(String(80))
    amount_fen: Mapped[int] = mapped_column()
    note: Mapped[str] = mapped_column(Text, default="")
    scan_file: Mapped[str | None] = mapped_column(String(60))
    scan_type: Mapped[str | None] = mapped_column(String(30))
    chosen: Mapped[bool] = mapped_column(default=False)
    choice_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    issue: Mapped[Issue] = relationship()

    def __repr__(self) -> str:
        return f"<Quote {self.contractor} {self.amount_fen}>"


class CostShare(db.Model):
    """What one household owes towards an issue's chosen quote."""

    __tablename__ = "cost_shares"
    __table_args__ = (UniqueConstraint("issue_id", "household_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("issues.id", ondelete="CASCADE"), index=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"), index=True)
    amount_fen: Mapped[int] = mapped_column()

    household: Mapped[Household] = relationship()
    payments: Mapped[list["Payment"]] = relationship(
        back_populates="share", order_by="Payment.id", cascade="all, delete-orphan"
    )

    @property
    def paid_fen(self) -> int:
        return sum(p.amount_fen for p in self.payments)

    def __repr__(self) -> str:
        return f"<CostShare {self.household_id} {self.amount_fen}>"


class Payment(db.Model):
    """One line of the collection ledger: who paid how much, when, to whom (or a reversal)."""

    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    share_id: Mapped[int] = mapped_column(ForeignKey("cost_shares.id", ondelete="CASCADE"), index=True)
    payer_name: Mapped[str] = mapped_column(String(40), default="")
    amount_fen: Mapped[int] = mapped_column()  # negative for a reversal
    paid_on: Mapped[date] = mapped_column(Date)
    collected_by: Mapped[str] = mapped_column(String(40))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # A wrong line is never deleted: a reversal line (minus the amount) points at it, once.
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("payments.id"), unique=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    share: Mapped[CostShare] = relationship(back_populates="payments")

    def __repr__(self) -> str:
        return f"<Payment {self.share_id} {self.amount_fen}>"
