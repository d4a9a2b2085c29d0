"""The 兴元社区 demo issues: the article's stories, and safe to seed twice."""
from sqlalchemy import func, select

from blueprints.issues import costs
from demo import foundation
from demo import issues as demo_issues
from extensions import db
from models import BoxOpening, Issue, User


def test_demo_issues_tell_the_articles_stories_and_seed_twice(app):
    foundation.seed()
    assert demo_issues.seed()["issues"] == 16
    assert demo_issues.seed()["issues"] == 0
    assert db.session.scalar(select(func.count(Issue.id))) == 17  # with the merged duplicate
    tank = db.session.scalar(select(Issue).where(Issue.what.like("%化粪池往外溢%")))
    summary = costs.cost_summary(tank)
    assert tank.compound.name == "水产宿舍" and len(costs.quotes_of(tank)) == 2
    assert summary.quote.amount_fen == costs.lowest_quote(tank).amount_fen
    assert summary.collected_fen * 2 == summary.total_fen
    assert len(costs.meetings_of(tank)) == 1
    wire = db.session.scalar(select(Issue).where(Issue.what.like("%电线%")))
    assert wire.compound.name == "外贸小区" and wire.reporter_name.startswith("保洁员")
    for text in ("井盖", "路面破损"):
        fixed = db.session.scalar(select(Issue).where(Issue.what.like(f"%{text}%")))
        assert fixed.resolved_at.date() == fixed.created_at.date() or \
            (fixed.resolved_at - fixed.created_at).total_seconds() < 12 * 3600
    grid = db.session.scalar(select(User).where(User.username == "xingyuan-grid"))
    assert db.session.scalar(select(func.count(Issue.id)).where(Issue.assignee_id == grid.id)) >= 5
    channels = set(db.session.scalars(select(Issue.channel)))
    assert channels == {"box", "web", "phone", "patrol", "visit"}
    assert db.session.scalar(select(func.count(BoxOpening.id))) >= 10
