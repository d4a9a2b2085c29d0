"""Rendering PDFs outside the request: enqueue_render and its two backends.

With RENDER_QUEUE_URL set (redis://…), jobs go to an RQ queue on Redis that
`flask --app app render-worker` (or `rq worker doorstep-print`) works off, on any host.
Without it, a small pool of threads in each web process renders them. Either way the
job's state lives in render_jobs (jobs.py) and the PDF in the print cache.
RENDER_QUEUE_INLINE runs jobs at once in the caller: for tests and one-off scripts.
"""
import logging
from concurrent.futures import Future, ThreadPoolExecutor, wait
from threading import Lock

from flask import Flask, current_app, has_app_context
from flask_babel import force_locale, get_locale
from sqlalchemy import select

from blueprints.printing import jobs
from extensions import db
from models import Community
from models.printing import RenderJob
from printing.render import render_pdf

log = logging.getLogger(__name__)
QUEUE_NAME = "doorstep-print"


class LocalBackend:
    """A few threads of this process render the jobs (or the caller does, when inline)."""

    def __init__(self, app: Flask, threads: int, inline: bool):
        self.app, self.inline = app, inline
        self.executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="render")
        self.futures: set[Future] = set()
        self.lock = Lock()

    def submit(self, job_id: int) -> None:
        if self.inline:
            run_render_job(job_id)
            return
        future = self.executor.submit(self._run, job_id)
        with self.lock:
            self.futures.add(future)
        future.add_done_callback(self._forget)

    def _run(self, job_id: int) -> None:
        with self.app.app_context():
            run_render_job(job_id)

    def _forget(self, future: Future) -> None:
        with self.lock:
            self.futures.discard(future)

    def wait(self, timeout: float | None = None) -> None:
        """Block until every job submitted so far has run (tests, the bench, shutdown)."""
        with self.lock:
            pending = set(self.futures)
        wait(pending, timeout=timeout)


class RqBackend:
    """Jobs go to an RQ queue on Redis; a render worker on any host runs them."""

    def __init__(self, url: str, timeout: int):
        from redis import Redis
        from rq import Queue

        self.queue = Queue(QUEUE_NAME, connection=Redis.from_url(url))
        self.timeout = timeout

    def submit(self, job_id: int) -> None:
        # By dotted name: the worker imports it; the row, not RQ's result, says how it went.
        self.queue.enqueue("blueprints.printing.queue.run_render_job", job_id, job_id=f"render-{job_id}",
                           job_timeout=self.timeout, result_ttl=0, failure_ttl=86400)


def backend(app: Flask | None = None) -> LocalBackend | RqBackend:
    """The app's backend for its current settings, made once per process."""
    app = app or current_app._get_current_object()
    config = app.config
    settings = (config["RENDER_QUEUE_URL"], config["RENDER_THREADS"], config["RENDER_QUEUE_INLINE"])
    made = app.extensions.setdefault("render_queue", {})
    if settings not in made:
        url, threads, inline = settings
        made[settings] = (RqBackend(url, config["RENDER_JOB_LOST_AFTER"]) if url and not inline
                          else LocalBackend(app, threads, inline))
    return made[settings]


def enqueue_render(name: str, community_slug: str, options: dict | None = None) -> RenderJob:
    """Queue a render of the document (one job waits per document, options and language)."""
    community = db.session.scalar(select(Community).where(Community.slug == community_slug))
    if community is None:
        raise LookupError(f"no community {community_slug!r}")
    job, new = jobs.open_job(name, community, dict(options or {}), str(get_locale() or "zh"))
    if not new:
        return job
    job_id = job.id
    try:
        backend().submit(job_id)  # inline, the job is done when this returns
    except Exception as error:  # Redis unreachable: say so on the job; pages serve what they have
        log.exception("render job %s could not be queued", job_id)
        db.session.rollback()
        return jobs.fail(job_id, f"not queued: {type(error).__name__}: {error}")
    return job


def run_render_job(job_id: int) -> None:
    """The job itself: render_pdf inside an app context, its outcome written to render_jobs."""
    if has_app_context():
        _run(job_id)
        return
    with worker_app().app_context():  # a plain `rq worker`: no Flask around it
        _run(job_id)


def _run(job_id: int) -> None:
    job = jobs.start(job_id)
    if job is None:
        return
    app = current_app
    try:
        # Printed addresses come from url_for, which needs a request context.
        with app.test_request_context(base_url=app.config["PUBLIC_BASE_URL"]), force_locale(job.locale):
            result = render_pdf(job.document, job.community, job.options)
    except Exception as error:  # any failure is the job's, not the worker's
        log.exception("render job %s (%s for %s) failed", job_id, job.document, job.community_id)
        db.session.rollback()
        jobs.fail(job_id, f"{type(error).__name__}: {error}")
        return
    jobs.finish(job_id, result.key, result.filename)


_worker_app: Flask | None = None


def worker_app() -> Flask:
    """The app of a worker process started without Flask (`rq worker`), built once."""
    global _worker_app
    if _worker_app is None:
        from app import create_app

        _worker_app = create_app()
    return _worker_app
