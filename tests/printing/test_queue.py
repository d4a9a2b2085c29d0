"""Background renders without HTTP: the job row, the inline and thread backends, approvals."""
from datetime import timedelta

import pytest
from flask_babel import force_locale

from blueprints.offers import services
from extensions import db
from models.base import utcnow
from models.printing import RenderJob
from blueprints.printing import jobs
from printing.cache import PdfCache
from blueprints.printing.queue import backend, enqueue_render
from printing.render import last_good_pdf, stored_pdf
from tests.factories import make_community
from tests.offers.factories import make_offer, make_partner
from tests.pdf import assert_cjk_only, pdf_text


@pytest.fixture
def liujin(app):
    community = make_community(slug="liujin", name="流津社区")
    make_offer(make_partner(community, name="温州饭吧"), title="八十岁以上免费午餐")
    return community


def _pdf_of(app, job: RenderJob) -> bytes:
    data = PdfCache(app.config["PRINT_CACHE_DIR"]).get(job.content_key)
    assert data is not None
    return data


def test_inline_job_renders_and_records_every_step(app, liujin):
    job = enqueue_render("services", "liujin", {"size": "A4"})
    assert job.state == "done" and job.error == "" and job.active_key is None
    assert job.enqueued_at <= job.started_at <= job.finished_at
    assert job.filename == "services-liujin-a4.pdf" and job.locale == "zh"
    data = _pdf_of(app, job)
    assert "八十岁以上免费午餐" in pdf_text(data) and "流津社区" in pdf_text(data)
    assert_cjk_only(data)
    with app.test_request_context():
        assert stored_pdf("services", liujin, {"size": "A4"}).data == data
        assert last_good_pdf("services", liujin, {"size": "A4"}).key == job.content_key


def test_one_job_waits_per_document_and_options(app, liujin, held):
    first = enqueue_render("services", "liujin", {"size": "A4"})
    again = enqueue_render("services", "liujin", {"size": "A4"})
    a3 = enqueue_render("services", "liujin", {"size": "A3"})
    assert first.id == again.id != a3.id and first.state == "queued"
    assert held.job_ids == [first.id, a3.id]  # the second ask queued nothing
    held.run()
    assert {j.state for j in RenderJob.query} == {"done"}
    later = enqueue_render("services", "liujin", {"size": "A4"})
    assert later.id not in (first.id, a3.id)  # finished jobs no longer stand in the way


def test_a_job_lost_with_its_worker_is_replaced(app, liujin, held):
    lost = enqueue_render("services", "liujin", {"size": "A4"})
    lost.enqueued_at = utcnow() - timedelta(seconds=app.config["RENDER_JOB_LOST_AFTER"] + 1)
    db.session.commit()
    fresh = enqueue_render("services", "liujin", {"size": "A4"})
    assert fresh.id != lost.id and fresh.state == "queued"
    db.session.refresh(lost)
    assert lost.state == "failed" and "lost" in lost.error


def test_a_failing_render_is_recorded_not_raised(app, liujin):
    job = enqueue_render("services", "liujin", {"size": "A5"})
    assert job.state == "failed" and "A4 or A3" in job.error and job.content_key is None
    assert job.active_key is None  # the next request may try again


def test_a_job_runs_once(app, liujin, held):
    job = enqueue_render("services", "liujin", {"size": "A4"})
    held.job_ids.append(job.id)  # delivered twice, as a queue may do
    held.run()
    assert jobs.start(job.id) is None  # already done: a late duplicate does nothing
    assert RenderJob.query.count() == 1


def test_the_job_prints_in_the_language_it_was_asked_in(app, liujin):
    with app.test_request_context(), force_locale("en"):
        job = enqueue_render("services", "liujin", {"size": "A4"})
    assert job.locale == "en" and job.state == "done"
    text = pdf_text(_pdf_of(app, job))
    assert "Just go there" in text and "八十岁以上免费午餐" in text  # labels in English


def test_the_thread_backend_renders_in_another_thread(app, liujin):
    app.config["RENDER_QUEUE_INLINE"] = False
    job = enqueue_render("services", "liujin", {"size": "A3"})
    # Outside a request every SQLite transaction takes the write lock (extensions.py): end
    # the test's, as a request's ends, so the thread can record its progress.
    db.session.commit()
    backend().wait(timeout=120)
    db.session.refresh(job)
    assert job.state == "done", job.error
    data = _pdf_of(app, job)
    assert "八十岁以上免费午餐" in pdf_text(data)
    assert_cjk_only(data)


def test_approving_a_change_queues_the_poster_after_the_commit(app, liujin, held):
    app.config["RENDER_ON_CHANGE"] = True
    meal = make_offer(make_partner(liujin, name="理发店"), title="上门理发", published=False)
    services.submit(meal, None)
    assert RenderJob.query.count() == 0  # submitted, not approved: nothing changed on paper
    services.approve(services.open_revision(meal), None)
    job = RenderJob.query.one()
    assert (job.document, job.options, job.state) == ("services", {"size": "A4"}, "queued")
    held.run()
    db.session.refresh(job)
    assert "上门理发" in pdf_text(_pdf_of(app, job))


def test_approving_many_queues_one_render_and_a_refused_approval_none(app, liujin, held):
    app.config["RENDER_ON_CHANGE"] = True
    partner = make_partner(liujin, name="理发店")
    offers = [make_offer(partner, title=f"服务{n}", published=False) for n in range(3)]
    revisions = [services.submit(offer, None) for offer in offers]
    with pytest.raises(services.RevisionChanged):
        services.approve(revisions[0], None, seen="not-the-version")
    assert RenderJob.query.count() == 0  # rolled back: nothing to print
    done, _changed = services.approve_many(liujin, {r.id: r.version for r in revisions}, None)
    assert done == 3 and RenderJob.query.count() == 1 and len(held.job_ids) == 1


def test_redis_unreachable_fails_the_job_and_the_poster_still_answers(app, liujin, client):
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    app.config.update(RENDER_QUEUE_URL=f"redis://127.0.0.1:{port}/0", RENDER_QUEUE_INLINE=False)
    job = enqueue_render("services", "liujin", {"size": "A4"})
    assert job.state == "failed" and job.error.startswith("not queued: ConnectionError")
    response = client.get("/c/liujin/services.pdf")
    assert response.status_code == 503 and "正在准备中" in response.get_data(as_text=True)


def test_finished_jobs_are_forgotten_after_a_month(app, liujin, held):
    old = enqueue_render("services", "liujin", {"size": "A4"})
    held.run()
    old.enqueued_at = utcnow() - timedelta(days=jobs.KEEP_DAYS + 1)
    db.session.commit()
    waiting = enqueue_render("services", "liujin", {"size": "A3"})
    assert RenderJob.query.all() == [waiting]
