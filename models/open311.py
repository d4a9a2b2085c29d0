"""Open311 GeoReport v2: the API keys other systems file issues with."""
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db
from models.base import UTCDateTime, utcnow
from models.community import Community
from models.user import User


class Open311Key(db.Model):
    """A community's key for a city hotline or property manager; only its hash is stored."""

    __tablename__ = "open311_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    name: Mapped[str] = mapped_column(String(80))  # who uses it, e.g. 12345 市民热线
    prefix: Mapped[str] = mapped_column(String(12))  # the key's first characters, to tell keys apart
    # SHA-256 of the whole key: keys are 32 random bytes, so a slow hash adds nothing.
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    community: Mapped[Community] = relationship()
    created_by: Mapped[User | None] = relationship()

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    def __repr__(self) -> str:
        return f"<Open311Key {self.prefix} {'active' if self.active else 'revoked'}>"
