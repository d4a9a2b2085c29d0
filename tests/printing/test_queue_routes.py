"""PDF routes that never render in the request: last good poster, "being prepared", progress."""
import pytest

from blueprints.offers import services
from models.printing import RenderJob
from blueprints.printing import jobs
from blueprints.printing.queue import run_render_job
from tests.conftest import HX
from tests.factories import login, make_community, make_user
from tests.offers.factories import make_offer, make_partner, make_partner_user
from tests.pdf import assert_cjk_only, pdf_text


@pytest.fixture
def liujin(app):
    community = make_community(slug="liujin", name="流津社区")
    meal = make_offer(make_partner(community, name="温州饭吧"), title="八十岁以上免费午餐")
    return community, meal


@pytest.fixture
def staff_client(client, liujin):
    login(client, make_user("staff", [liujin[0]]))
    return client


def test_poster_is_the_last_good_one_while_a_newer_render_is_pending(client, liujin, held):
    _community, meal = liujin
    client.get("/c/liujin/services.pdf")  # rendered by the first job
    held.run()
    old = client.get("/c/liujin/services.pdf")
    assert old.headers["X-Print-Cache"] == "hit" and "八十岁以上免费午餐" in pdf_text(old.data)
    services.save_draft(meal, None, {"title": "八十岁以上免费午餐和晚餐"})
    services.approve(services.submit(meal, None), None)

    stale = client.get("/c/liujin/services.pdf")
    assert stale.status_code == 200 and stale.headers["X-Print-Cache"] == "stale"
    assert stale.data == old.data and "午餐和晚餐" not in pdf_text(stale.data)
    assert client.get("/c/liujin/services.pdf").data == old.data  # still pending
    waiting = RenderJob.query.filter_by(state="queued").one()  # asked twice, queued once
    assert held.job_ids == [waiting.id]

    held.run()
    fresh = client.get("/c/liujin/services.pdf")
    assert fresh.headers["X-Print-Cache"] == "hit" and "八十岁以上免费午餐和晚餐" in pdf_text(fresh.data)
    assert_cjk_only(fresh.data)


def test_poster_never_rendered_says_it_is_being_prepared(client, liujin, held):
    response = client.get("/c/liujin/services.pdf?size=A3")
    page = response.get_data(as_text=True)
    assert response.status_code == 503 and response.headers["Retry-After"] == "5"
    assert "便民服务清单海报正在准备中" in page and '<meta http-equiv="refresh" content="5">' in page
    assert 'href="/c/liujin/services"' in page  # the live list meanwhile
    job = RenderJob.query.one()
    assert (job.state, job.options) == ("queued", {"size": "A3"})
    held.run()
    poster = client.get("/c/liujin/services.pdf?size=A3")
    assert poster.mimetype == "application/pdf" and "八十岁以上免费午餐" in pdf_text(poster.data)


def test_staff_download_shows_progress_until_the_pdf_is_ready(staff_client, held):
    response = staff_client.get("/staff/liujin/print/services.pdf")
    page = response.get_data(as_text=True)
    job = RenderJob.query.one()
    assert response.status_code == 202 and "正在准备 PDF" in page and "排队等待生成" in page
    assert f'hx-get="/staff/liujin/print/jobs/{job.id}" hx-trigger="every 2s"' in page

    jobs.start(job.id)
    fragment = staff_client.get(f"/staff/liujin/print/jobs/{job.id}", headers=HX).get_data(as_text=True)
    assert fragment.lstrip().startswith("<div") and "<html" not in fragment  # the fragment alone
    assert "正在生成" in fragment and 'hx-trigger="every 2s"' in fragment

    held.run()  # the worker renders it
    fragment = staff_client.get(f"/staff/liujin/print/jobs/{job.id}", headers=HX).get_data(as_text=True)
    assert "已生成" in fragment and "hx-trigger" not in fragment  # polling stops
    assert 'href="/staff/liujin/print/services.pdf"' in fragment
    pdf = staff_client.get("/staff/liujin/print/services.pdf")
    assert pdf.mimetype == "application/pdf" and "八十岁以上免费午餐" in pdf_text(pdf.data)


def test_print_centre_queues_a_render_and_swaps_in_its_progress(staff_client, held):
    page = staff_client.get("/staff/liujin/print/").get_data(as_text=True)
    assert 'hx-post="/staff/liujin/print/services/render"' in page
    fragment = staff_client.post("/staff/liujin/print/services/render?size=A3", headers=HX)
    job = RenderJob.query.one()
    html = fragment.get_data(as_text=True)
    assert f'id="printing-job-{job.id}"' in html and "排队等待生成" in html and "<html" not in html
    plain = staff_client.post("/staff/liujin/print/services/render?size=A3")
    assert plain.status_code == 303 and plain.headers["Location"].endswith(f"/print/jobs/{job.id}")
    held.run()
    done = staff_client.get(f"/staff/liujin/print/jobs/{job.id}").get_data(as_text=True)
    assert "已生成" in done and 'href="/staff/liujin/print/services.pdf?size=A3"' in done
    assert staff_client.post("/staff/liujin/print/services/render?size=A5").status_code == 404


def test_a_failed_render_says_so_and_stops_polling(staff_client, liujin):
    community, _meal = liujin
    job, _new = jobs.open_job("services", community, {"size": "A5"}, "zh")  # as from an old link
    run_render_job(job.id)
    fragment = staff_client.get(f"/staff/liujin/print/jobs/{job.id}", headers=HX).get_data(as_text=True)
    assert "生成失败" in fragment and "A4 or A3" in fragment and "hx-trigger" not in fragment


def test_job_progress_is_for_this_communitys_staff_only(app, client, liujin, held):
    community, meal = liujin
    job = jobs.open_job("services", community, {}, "zh")[0]
    url = f"/staff/liujin/print/jobs/{job.id}"
    assert client.get(url).status_code == 302  # anonymous: to the login page
    other = make_community(slug="xy", name="兴元社区")
    login(client, make_user("staff", [other]))
    assert client.get(f"/staff/xy/print/jobs/{job.id}").status_code == 404  # not xy's job
    assert client.get(url).status_code == 403
    client.post("/logout")
    for user in (make_user("grid_worker", [community]), make_partner_user(meal.partner)):
        login(client, user)
        assert client.get(url).status_code == 403
        assert client.post("/staff/liujin/print/services/render").status_code == 403
        client.post("/logout")
    assert RenderJob.query.count() == 1
