"""seed-demo answers 流津社区's 书法 request with an open 招募令 and two applications; twice is safe."""
from sqlalchemy import func, select

from extensions import db
from models import Application, CourseRequest, RecruitmentCall
from tests.core.test_demo import run_seed


def test_seed_demo_adds_one_open_call_answering_a_request(app, client):
    output = run_seed(app)
    assert "recruitment calls added: liujin 1" in output
    call = db.session.scalar(select(RecruitmentCall))
    assert call.is_open and call.community.slug == "liujin" and "书法" in call.skill
    assert call.request.status == "answered" and call.request.subject == "书法"
    applications = db.session.scalars(select(Application)).all()
    assert len(applications) == 2 and all(a.is_pending for a in applications)
    run_seed(app)
    assert db.session.scalar(select(func.count()).select_from(RecruitmentCall)) == 1
    assert db.session.scalar(select(func.count()).select_from(Application)) == 2
    html = client.get("/c/liujin/classes").get_data(as_text=True)
    assert f"/c/liujin/classes/calls/{call.id}" in html
    page = client.get(f"/c/liujin/classes/calls/{call.id}").get_data(as_text=True)
    assert "毛笔字入门" in page and "提交报名" in page
    for item in applications:
        assert item.person.mobile not in page and item.name not in page
    assert db.session.scalar(select(func.count()).select_from(CourseRequest)
                             .where(CourseRequest.status == "answered")) == 1
