"""seed-demo gives both communities course requests: supported, declined, merged; twice is safe."""
from sqlalchemy import func, select

from blueprints.classes import services
from extensions import db
from models import Community, CourseRequest, CourseSupport
from tests.core.test_demo import run_seed


def _requests(slug: str) -> dict[str, CourseRequest]:
    community = db.session.scalar(select(Community).where(Community.slug == slug))
    return {r.subject: r for r in db.session.scalars(
        select(CourseRequest).where(CourseRequest.community_id == community.id))}


def test_seed_demo_adds_the_articles_requests_and_can_run_again(app, client):
    output = run_seed(app)
    assert "course requests added: liujin 7, xingyuan 4" in output
    liujin = _requests("liujin")
    crochet = liujin["钩针编织"]
    # The article's chain: residents asked for crochet, 叶胜新 teaches it (demo/courses.py).
    assert crochet.status == "scheduled" and crochet.support_count == services.supporters(crochet) >= 14
    assert liujin["学钩织"].merged_into_id == crochet.id
    assert liujin["油画"].status == "declined" and "能人" in liujin["油画"].decline_reason
    assert _requests("xingyuan")["太极拳"].merged_into_id == _requests("xingyuan")["太极"].id
    supports = db.session.scalar(select(func.count()).select_from(CourseSupport))
    run_seed(app)
    assert db.session.scalar(select(func.count()).select_from(CourseSupport)) == supports
    html = client.get("/c/liujin/classes").get_data(as_text=True)
    asked = html[html.index("<h2>居民点课</h2>"):]  # below the courses
    assert asked.index("智能手机使用") < asked.index("杯花") < asked.index("面塑")
    assert "社区暂时没有会油画的能人" in html
