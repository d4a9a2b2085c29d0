"""The RQ backend against a real redis-server (tests/conftest.py starts one on a free port)."""
import shutil
from pathlib import Path

import pytest

from extensions import db
from models.printing import RenderJob
from printing.cache import PdfCache
from blueprints.printing.queue import QUEUE_NAME, RqBackend, backend, enqueue_render
from tests.factories import make_community
from tests.offers.factories import make_offer, make_partner
from tests.pdf import assert_cjk_only, pdf_text

pytestmark = pytest.mark.skipif(
    not (shutil.which("redis-server") or Path("/usr/bin/redis-server").exists()),
    reason="redis-server is not installed (Debian: apt-get install redis-server); "
           "the RQ backend is only tested against a real Redis")


@pytest.fixture
def rq_app(app, redis_url):
    """The app with RENDER_QUEUE_URL pointing at the test's Redis, its queue empty."""
    from redis import Redis

    url = redis_url.rsplit("/", 1)[0] + "/1"  # database 0 holds the rate-limit tests' counters
    Redis.from_url(url).flushdb()
    app.config.update(RENDER_QUEUE_URL=url, RENDER_QUEUE_INLINE=False)
    community = make_community(slug="liujin", name="流津社区")
    make_offer(make_partner(community, name="温州饭吧"), title="八十岁以上免费午餐")
    return app


def _worker():
    """An RQ worker that runs jobs in this process, in the test's app context."""
    from flask import current_app

    from commands.render_worker import make_worker

    db.session.commit()  # a worker's transactions must not wait for the test's (SQLite)
    return make_worker(current_app.config["RENDER_QUEUE_URL"], simple=True)


def _rendered(app, job_id: int) -> bytes:
    """The PDF the job rendered (the worker ended the test's session: read the row anew)."""
    db.session.remove()
    job = db.session.get(RenderJob, job_id)
    assert job.state == "done", job.error
    return PdfCache(app.config["PRINT_CACHE_DIR"]).get(job.content_key)


def test_jobs_wait_in_redis_until_a_worker_renders_them(rq_app):
    job = enqueue_render("services", "liujin", {"size": "A4"})
    queue = backend().queue
    assert isinstance(backend(), RqBackend) and queue.name == QUEUE_NAME
    assert job.state == "queued" and queue.job_ids == [f"render-{job.id}"]
    assert enqueue_render("services", "liujin", {"size": "A4"}).id == job.id
    assert queue.count == 1  # asked twice, queued once
    job_id = job.id
    assert _worker().work(burst=True)
    data = _rendered(rq_app, job_id)
    assert "八十岁以上免费午餐" in pdf_text(data) and "流津社区" in pdf_text(data)
    assert_cjk_only(data)
    assert queue.count == 0


def test_the_render_worker_command_forks_a_horse_per_job(rq_app):
    job_id = enqueue_render("services", "liujin", {"size": "A3"}).id
    db.session.commit()
    result = rq_app.test_cli_runner().invoke(args=["render-worker", "--burst"])
    assert result.exit_code == 0, result.output
    assert "温州饭吧" in pdf_text(_rendered(rq_app, job_id))


def test_poster_through_redis_prepares_then_serves(rq_app, client):
    waiting = client.get("/c/liujin/services.pdf")
    assert waiting.status_code == 503 and "正在准备中" in waiting.get_data(as_text=True)
    _worker().work(burst=True)
    poster = client.get("/c/liujin/services.pdf")
    assert poster.headers["X-Print-Cache"] == "hit" and "八十岁以上免费午餐" in pdf_text(poster.data)
