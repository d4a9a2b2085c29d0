"""Blobs every host can read: uploads and cached PDFs (the store in the top-level storage.py)."""
from datetime import datetime

from sqlalchemy import LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from extensions import db
from models.base import UTCDateTime, utcnow


class StoredBlob(db.Model):
    """The bytes of one stored object, under a path-like key ("uploads/issues/<name>.jpg")."""

    __tablename__ = "stored_blobs"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    content_type: Mapped[str] = mapped_column(String(100))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    size: Mapped[int] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)

    def __repr__(self) -> str:
        return f"<StoredBlob {self.key} {self.size} bytes>"
