"""Partner units (共建单位), their offers (服务项目), revisions, visits and printed lists.

An offer's editable terms are a JSON snapshot (see blueprints/offers/terms.py):
the published version lives on the offer, each proposed change in a revision, so
the full history is the list of revisions plus the audit events.
"""
import hashlib
import json
from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db
from models.base import UTCDateTime, utcnow
from models.community import Community
from models.user import User

PARTNER_KINDS = ("restaurant", "barber", "supermarket", "clinic", "pharmacy",
                 "property", "public_unit", "other")
REVISION_STATUSES = ("draft", "pending", "published", "returned")


class Partner(db.Model):
    """A 共建单位: a shop or unit that promises residents something."""

    __tablename__ = "partners"
    __table_args__ = (UniqueConstraint("community_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(20), default="other")
    address: Mapped[str] = mapped_column(String(200), default="")
    contact_name: Mapped[str] = mapped_column(String(40), default="")
    # The unit's public service number: printed on the list and shown to residents.
    phone: Mapped[str] = mapped_column(String(40), default="")
    # The contact person's own number: staff pages only, never public or printed.
    contact_phone: Mapped[str] = mapped_column(String(40), default="", server_default="")
    logo_name: Mapped[str | None] = mapped_column(String(80))
    logo_type: Mapped[str | None] = mapped_column(String(40))
    last_visited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    community: Mapped[Community] = relationship()
    offers: Mapped[list["Offer"]] = relationship(back_populates="partner", order_by="Offer.id")
    visits: Mapped[list["PartnerVisit"]] = relationship(
        back_populates="partner", order_by="PartnerVisit.visited_at.desc()"
    )

    def __repr__(self) -> str:
        return f"<Partner {self.name}>"


class PartnerVisit(db.Model):
    """A staff visit to a partner unit (定期走访)."""

    __tablename__ = "partner_visits"

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id", ondelete="CASCADE"),
                                            index=True)
    visited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    visited_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    note: Mapped[str] = mapped_column(Text, default="")

    partner: Mapped[Partner] = relationship(back_populates="visits")
    visited_by: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<PartnerVisit {self.partner_id} {self.visited_at:%Y-%m-%d}>"


class Offer(db.Model):
    """A 服务项目; `published` holds the reviewed terms residents see (None before review)."""

    __tablename__ = "offers"
    # The public checklist and the home page filter a community's live offers by day.
    __table_args__ = (Index("ix_offers_live", "community_id", "paused", "valid_until"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id"), index=True)
    published: Mapped[dict | None] = mapped_column(JSON)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    paused: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # `published` said in columns SQL can filter on (offers/schedule.search_columns):
    # validity, a bit per "for me" group, a bit per weekday, the day of the month and
    # the date range of a "dates" schedule. Written with `published`, never alone.
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    who_mask: Mapped[int] = mapped_column(default=0, server_default="0")
    weekday_mask: Mapped[int] = mapped_column(default=0, server_default="0")
    month_day: Mapped[int | None] = mapped_column()
    runs_from: Mapped[date | None] = mapped_column(Date)
    runs_until: Mapped[date | None] = mapped_column(Date)

    community: Mapped[Community] = relationship()
    partner: Mapped[Partner] = relationship(back_populates="offers")
    revisions: Mapped[list["OfferRevision"]] = relationship(
        back_populates="offer", order_by="OfferRevision.id", cascade="all, delete-orphan"
    )

    @property
    def is_live(self) -> bool:
        """Shown to residents: reviewed and not paused."""
        return self.published is not None and not self.paused

    @property
    def title(self) -> str:
        """The published title, else the newest proposed one."""
        if self.published:
            return self.published.get("title", "")
        return self.revisions[-1].data.get("title", "") if self.revisions else ""

    def __repr__(self) -> str:
        return f"<Offer {self.id} {self.title}>"


class OfferRevision(db.Model):
    """A proposed version of an offer's terms: 草稿 → 待审核 → 已发布 / 已退回.

    `kind` is "edit", or "resume" for a paused offer asking to come back.
    `base` is the published terms when the revision was submitted (old → new).
    """

    __tablename__ = "offer_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id", ondelete="CASCADE"),
                                          index=True)
    kind: Mapped[str] = mapped_column(String(10), default="edit")
    status: Mapped[str] = mapped_column(String(10), default="draft", index=True)
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    base: Mapped[dict | None] = mapped_column(JSON)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    comment: Mapped[str] = mapped_column(Text, default="")

    offer: Mapped[Offer] = relationship(back_populates="revisions")
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    reviewed_by: Mapped[User | None] = relationship(foreign_keys=[reviewed_by_id])

    @property
    def awaits_the_partner(self) -> bool:
        """Back with the partner (returned, or a draft reopened from it): staff's comment shows."""
        return self.status in ("returned", "draft")

    @property
    def version(self) -> str:
        """A short fingerprint of what staff review (old → new): it changes with any edit."""
        seen = {"kind": self.kind, "data": self.data, "base": self.base}
        text = json.dumps(seen, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def __repr__(self) -> str:
        return f"<OfferRevision {self.id} {self.kind} {self.status}>"


class ChecklistPrint(db.Model):
    """A printing of the checklist and what was on it, to tell what changed since."""

    __tablename__ = "checklist_prints"

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    printed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    printed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    content_key: Mapped[str] = mapped_column(String(64))
    # {"<offer id>": "title · partner"} for every offer on the sheet
    offers: Mapped[dict] = mapped_column(JSON, default=dict)

    printed_by: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<ChecklistPrint {self.community_id} {self.printed_at:%Y-%m-%d}>"
