"""The render_jobs rows: open a job (one waiting per document), start, finish, fail.

Both queue backends (queue.py) write through these, so a job reads the same on every
web worker and host.
"""
import hashlib
import json
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from blueprints.core.transaction import transactional
from extensions import db
from models import Community
from models.base import utcnow
from models.printing import RenderJob

KEEP_DAYS = 30  # finished jobs only say how a render went: a month is plenty


def _active_key(name: str, community_id: int, options: dict, locale: str) -> str:
    parts = [name, str(community_id), json.dumps(options, sort_keys=True), locale]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _lost(job: RenderJob) -> bool:
    """A job waiting or rendering for longer than RENDER_JOB_LOST_AFTER: its worker died."""
    since = job.started_at or job.enqueued_at
    return utcnow() - since > timedelta(seconds=current_app.config["RENDER_JOB_LOST_AFTER"])


def _waiting(key: str) -> RenderJob | None:
    return db.session.scalar(select(RenderJob).where(RenderJob.active_key == key))


@transactional
def open_job(name: str, community: Community, options: dict, locale: str) -> tuple[RenderJob, bool]:
    """The job already waiting for this document, or a new queued one; (job, is new)."""
    key = _active_key(name, community.id, options, locale)
    if (waiting := _waiting(key)) is not None:
        if not _lost(waiting):
            return waiting, False
        _end(waiting, "failed", error="lost: the worker stopped before it finished")
        db.session.flush()
    _forget_old(community)
    job = RenderJob(document=name, community_id=community.id, options=options, locale=locale,
                    state="queued", error="", filename="", active_key=key, enqueued_at=utcnow())
    try:
        with db.session.begin_nested():  # another web worker may open the same job this instant
            db.session.add(job)
    except IntegrityError:
        return _waiting(key), False
    return job, True


def _forget_old(community: Community) -> None:
    """Finished jobs are kept KEEP_DAYS for the print centre, then deleted with the next one."""
    before = utcnow() - timedelta(days=KEEP_DAYS)
    db.session.execute(delete(RenderJob).where(RenderJob.community_id == community.id,
                                               RenderJob.active_key.is_(None),
                                               RenderJob.enqueued_at < before))


@transactional
def start(job_id: int) -> RenderJob | None:
    """Mark the job rendering; None when it is gone or already finished (ran twice)."""
    job = db.session.get(RenderJob, job_id)
    if job is None or job.finished:
        return None
    job.state, job.started_at = "rendering", utcnow()
    return job


@transactional
def finish(job_id: int, content_key: str, filename: str) -> RenderJob:
    """Record the rendered PDF's cache key: the job is done."""
    job = db.session.get(RenderJob, job_id)
    _end(job, "done", content_key=content_key, filename=filename)
    return job


@transactional
def fail(job_id: int, error: str) -> RenderJob:
    """Record why the render failed."""
    job = db.session.get(RenderJob, job_id)
    _end(job, "failed", error=error[:2000])
    return job


def _end(job: RenderJob, state: str, **fields) -> None:
    job.state, job.finished_at, job.active_key = state, utcnow(), None
    for name, value in fields.items():
        setattr(job, name, value)


def job_in(community: Community, job_id: int) -> RenderJob | None:
    """A render job of this community, or None."""
    job = db.session.get(RenderJob, job_id)
    return job if job is not None and job.community_id == community.id else None
