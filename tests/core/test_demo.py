"""seed-demo builds the article's two communities and is safe to run twice."""
from click.testing import CliRunner
from flask.cli import ScriptInfo
from sqlalchemy import func, select

from blueprints.auth.services import authenticate
from commands.demo import seed_demo_command
from demo.foundation import ACCOUNTS
from extensions import db
from models import Community, Compound, Household, Person, User


def run_seed(app) -> str:
    result = CliRunner().invoke(seed_demo_command, obj=ScriptInfo(create_app=lambda: app))
    assert result.exit_code == 0, result.output
    return result.output


def count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_seed_builds_the_article_communities_and_can_run_again(app):
    output = run_seed(app)
    xingyuan = db.session.scalar(select(Community).where(Community.slug == "xingyuan"))
    liujin = db.session.scalar(select(Community).where(Community.slug == "liujin"))
    names = [c.name for c in xingyuan.compounds]
    assert len(names) == 15 and {"水产宿舍", "外贸小区"} <= set(names)
    assert sum(not c.has_property_manager for c in xingyuan.compounds) == 13
    assert xingyuan.population == 6000
    assert {"明珠公寓", "颐和新园"} <= {c.name for c in liujin.compounds}
    assert all(grid.workers or grid.compounds for grid in xingyuan.grids)
    households = count(Household)
    assert 200 <= households <= 1000
    people = count(Person)
    for username in ("admin", "liujin-staff", "liujin-grid", "liujin-partner", "xingyuan-staff"):
        assert username in output
        assert authenticate(username, "doorstep-demo") is not None
    run_seed(app)
    assert (count(Household), count(Person), count(Compound), count(User)) == (
        households, people, 18, len(ACCOUNTS))
