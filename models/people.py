"""Residents and households; household tags are sensitive (PIPL)."""
import re
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from extensions import db
from models.base import UTCDateTime, utcnow
from models.community import Building, Community, Compound

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")

# Sensitive household tags: each needs a separately recorded consent.
HOUSEHOLD_TAGS = ("over_80", "disabled", "living_alone", "low_income")
# How a consent was given: on a signed paper form, in person at the door, or by phone.
CONSENT_METHODS = ("paper", "in_person", "phone")
# occupied; vacant (空置, nobody lives there); moved_out (搬离, kept for the history).
HOUSEHOLD_STATUSES = ("occupied", "vacant", "moved_out")


def normalize_mobile(raw: str) -> str:
    """Digits of a mainland mobile number, without spaces, dashes or +86."""
    digits = re.sub(r"[\s\-()]", "", raw or "")
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    return digits


def is_mobile(raw: str) -> bool:
    """True for a well-formed mainland mobile number."""
    return bool(MOBILE_RE.match(normalize_mobile(raw)))


def mask_mobile(number: str | None) -> str:
    """138****1234: the only form a number may take in public or on paper."""
    if not number:
        return ""
    digits = normalize_mobile(number)
    if len(digits) < 8:
        return "*" * len(digits)
    return f"{digits[:3]}****{digits[-4:]}"


class Household(db.Model):
    """A 户: an address in a compound, with its size and consented tags."""

    __tablename__ = "households"

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    compound_id: Mapped[int] = mapped_column(ForeignKey("compounds.id"), index=True)
    building_id: Mapped[int | None] = mapped_column(ForeignKey("buildings.id"), index=True)
    address: Mapped[str] = mapped_column(String(120))
    # Where the door is, for walking order (building, unit, floor, room) and searching.
    unit: Mapped[str] = mapped_column(String(10), default="", server_default="")
    floor: Mapped[int | None] = mapped_column()
    room: Mapped[str] = mapped_column(String(20), default="", server_default="")
    size: Mapped[int] = mapped_column(default=1)
    status: Mapped[str] = mapped_column(String(12), default="occupied", server_default="occupied")

    community: Mapped[Community] = relationship()
    compound: Mapped[Compound] = relationship()
    building: Mapped[Building | None] = relationship()
    members: Mapped[list["Person"]] = relationship(back_populates="household")
    tags: Mapped[list["HouseholdTag"]] = relationship(
        back_populates="household", cascade="all, delete-orphan"
    )

    @property
    def tag_names(self) -> set[str]:
        """The household's consented tags, e.g. {'over_80'}; withdrawn ones no longer count."""
        return {tag.tag for tag in self.tags if tag.withdrawn_at is None}

    def __repr__(self) -> str:
        return f"<Household {self.address}>"


class HouseholdTag(db.Model):
    """A sensitive tag (over 80, disabled …) and the consent that allows it."""

    __tablename__ = "household_tags"
    __table_args__ = (UniqueConstraint("household_id", "tag"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("households.id", ondelete="CASCADE"), index=True
    )
    tag: Mapped[str] = mapped_column(String(20))
    consent_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    consent_by: Mapped[str] = mapped_column(String(80))  # who gave consent
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    consent_note: Mapped[str] = mapped_column(Text, default="")
    consent_method: Mapped[str] = mapped_column(String(12), default="in_person",
                                                server_default="in_person")
    # A withdrawn consent keeps its row (the record of what was held and when), but the
    # tag no longer applies to the household.
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    household: Mapped[Household] = relationship(back_populates="tags")

    @validates("tag")
    def validate_tag(self, _key, tag: str) -> str:
        """Only the known sensitive tags, so that consent rules cover every one."""
        if tag not in HOUSEHOLD_TAGS:
            raise ValueError(f"unknown household tag {tag!r}")
        return tag

    def __repr__(self) -> str:
        return f"<HouseholdTag {self.tag}>"


class Person(db.Model):
    """A resident or volunteer, known by name and mobile number; no password."""

    __tablename__ = "people"
    __table_args__ = (UniqueConstraint("community_id", "mobile"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    household_id: Mapped[int | None] = mapped_column(ForeignKey("households.id"), index=True)
    name: Mapped[str] = mapped_column(String(40))
    mobile: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    community: Mapped[Community] = relationship()
    household: Mapped[Household | None] = relationship(back_populates="members")

    @property
    def masked_mobile(self) -> str:
        return mask_mobile(self.mobile)

    def __repr__(self) -> str:
        return f"<Person {self.name} {self.masked_mobile}>"
