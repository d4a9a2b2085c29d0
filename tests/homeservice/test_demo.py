"""seed-demo: 微发馆's next 28th in 颐和新园 and 明珠公寓, meals by card, households never reached."""
from sqlalchemy import func, select

from blueprints.auth.services import authenticate
from blueprints.core import clock
from blueprints.homeservice import figures, roster
from extensions import db
from models import Community, HomeBooking, Partner, ServiceUse
from tests.core.test_demo import run_seed


def test_the_demo_has_the_barbers_roster_meals_and_gaps(app):
    output = run_seed(app)
    assert "liujin-barber" in output and authenticate("liujin-barber", "doorstep-demo")
    liujin = db.session.scalar(select(Community).where(Community.slug == "liujin"))
    barber = db.session.scalar(select(Partner).where(Partner.name == "微发馆"))
    days = roster.visit_days(barber, clock.today())
    assert days and days[0][1] == 5
    lines = roster.day_roster(barber, days[0][0])
    assert len(lines) == 5 and {line.compound for line in lines} <= {"颐和新园", "明珠公寓"}
    outcomes = db.session.scalars(select(HomeBooking.outcome)
                                  .where(HomeBooking.outcome != "")).all()
    assert sorted(outcomes) == ["done", "done", "done", "not_home"]
    assert db.session.scalar(select(func.count(ServiceUse.id))) > 50
    assert figures.gap_page(liujin, clock.today(), 1).items
    run_seed(app)
    assert db.session.scalar(select(func.count(HomeBooking.id))) == 9
