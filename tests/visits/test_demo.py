"""seed-demo: 流津's finished winter round with 明珠公寓's temperatures and the gym need solved,
兴元's round under way; a second run adds nothing."""
from sqlalchemy import func, select

from blueprints.visits.coverage import coverage
from demo.visits import GYM_NEED, NAME
from extensions import db
from models import Community
from models.visits import Visit, VisitCampaign
from tests.core.test_demo import run_seed


def _round(slug):
    community = db.session.scalar(select(Community).where(Community.slug == slug))
    return db.session.scalar(select(VisitCampaign).where(
        VisitCampaign.community_id == community.id, VisitCampaign.name == NAME))


def test_demo_rounds(app):
    run_seed(app)
    finished = _round("liujin")
    figures = coverage(finished)
    assert figures.total.pending == 0 and figures.total.visited > 100
    cold = dict((name, n) for name, n, *_ in figures.numbers[finished.questions[0].id])
    assert cold["明珠公寓"] > 30
    assert any(compound == "明珠公寓" for _l, compound, *_ in figures.flagged)
    gym = db.session.scalar(select(Visit).where(Visit.need == GYM_NEED))
    assert gym.household.compound.name == "颐和新园"
    assert (gym.issue.channel, gym.issue.status) == ("visit", "resolved")
    ongoing = coverage(_round("xingyuan")).total
    assert ongoing.pending > 0 and ongoing.not_home > 0 and ongoing.visited > 0
    by_member = db.session.scalar(select(func.count(Visit.id)).where(
        Visit.visitor_team_member_id.is_not(None)))
    assert by_member > 0  # the 敲门队 member's knocks, through their link
    visits = db.session.scalar(select(func.count(Visit.id)))
    run_seed(app)
    assert db.session.scalar(select(func.count(Visit.id))) == visits
