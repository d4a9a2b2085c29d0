"""seed-demo gives both communities their courses: the article's crochet with 叶胜新, over
twenty teachers in 流津, past sessions with attendance, ratings and teaching hours; once."""
from sqlalchemy import func, select

from blueprints.classes import courses
from blueprints.volunteers import services as signups
from extensions import db
from models import Community, Course, SessionRating, Signup, Teacher
from tests.core.test_demo import run_seed


def _community(slug):
    return db.session.scalar(select(Community).where(Community.slug == slug))


def test_seed_demo_adds_the_articles_courses_and_teachers_once(app, client):
    output = run_seed(app)
    assert "courses added: liujin 12, xingyuan 3" in output
    liujin = _community("liujin")
    assert db.session.scalar(select(func.count(Teacher.id))
                             .where(Teacher.community_id == liujin.id)) > 20
    crochet = db.session.scalar(select(Course).join(Course.activity)
                                .where(Course.community_id == liujin.id)
                                .where(Course.activity.has(title="钩针编织入门")))
    assert crochet.teacher.name == "叶胜新" and crochet.teacher.compound.name == "颐和新园"
    assert crochet.request.subject == "钩针编织" and crochet.request.status == "scheduled"
    assert len(courses.taught(crochet)) == 3  # three sessions held, each credited
    assert courses.ratings_summary(crochet)
    assert signups.hours_by_year(crochet.teacher.person)
    assert db.session.scalar(select(func.count(SessionRating.id))) > 10
    page = client.get("/c/liujin/classes").get_data(as_text=True)
    assert "钩针编织入门" in page and "叶胜新" in page
    assert "365百姓故事会" in client.get("/c/xingyuan/classes").get_data(as_text=True)
    counted = db.session.scalar(select(func.count(Signup.id)))
    run_seed(app)
    assert db.session.scalar(select(func.count(Signup.id))) == counted
