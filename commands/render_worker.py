"""`flask render-worker [--burst]`: render the PDFs queued on Redis (RENDER_QUEUE_URL)."""
import click
from flask import current_app
from flask.cli import with_appcontext

from extensions import db
from blueprints.printing.queue import QUEUE_NAME


def make_worker(url: str, simple: bool = False):
    """An RQ worker on the render queue; each job ends with its database connections closed.

    The default worker forks a work horse per job (a crashed or bloated WeasyPrint dies with
    it); `simple` runs jobs in this process (tests).
    """
    from redis import Redis
    from rq import Queue, SimpleWorker, Worker

    base = SimpleWorker if simple else Worker

    class RenderWorker(base):
        def perform_job(self, job, queue):
            try:
                return super().perform_job(job, queue)
            finally:
                db.session.remove()
                if not simple:  # the horse's own connections, not shared with anyone
                    db.engine.dispose()

    connection = Redis.from_url(url)
    return RenderWorker([Queue(QUEUE_NAME, connection=connection)], connection=connection)


@click.command("render-worker")
@click.option("--burst", is_flag=True, help="Stop once the queue is empty.")
@with_appcontext
def render_worker_command(burst: bool):
    """Render queued PDFs (run one or more beside the web servers when RENDER_QUEUE_URL is set)."""
    url = current_app.config["RENDER_QUEUE_URL"]
    if not url:
        raise click.ClickException("RENDER_QUEUE_URL is not set: each web process renders PDFs "
                                   "in its own threads and needs no worker.")
    # Work horses are forked from this process: they must not inherit open connections.
    db.session.remove()
    db.engine.dispose()
    make_worker(url).work(burst=burst)
