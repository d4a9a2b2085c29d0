"""Background renders of print documents (render_jobs): one row per job, whatever runs it.

The row is the one truth about a job, so every web worker and host reports the same
state whether a thread of one process or an RQ worker elsewhere renders it.
"""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db
from models.base import UTCDateTime, utcnow
from models.community import Community

RENDER_STATES = ("queued", "rendering", "done", "failed")


class RenderJob(db.Model):
    """One render of a document for a community with some options."""

    __tablename__ = "render_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    document: Mapped[str] = mapped_column(String(40))
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    options: Mapped[dict] = mapped_column(JSON, default=dict)
    # The language the document is printed in (its labels are translated).
    locale: Mapped[str] = mapped_column(String(10), default="zh")
    state: Mapped[str] = mapped_column(String(10), default="queued")
    error: Mapped[str] = mapped_column(Text, default="")
    # Set while queued or rendering, NULL after: the unique index lets only one job per
    # document+community+options+locale wait at a time (NULLs never collide).
    active_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    enqueued_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The PDF's key in the print cache once done (printing/cache.py).
    content_key: Mapped[str | None] = mapped_column(String(64))
    filename: Mapped[str] = mapped_column(String(120), default="")

    community: Mapped[Community] = relationship()

    @property
    def finished(self) -> bool:
        """Done or failed: nothing more will happen to this job."""
        return self.state in ("done", "failed")

    def __repr__(self) -> str:
        return f"<RenderJob {self.id} {self.document} {self.state}>"
