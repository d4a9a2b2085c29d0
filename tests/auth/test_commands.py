"""`flask create-user`, also for a partner unit's account."""
from click.testing import CliRunner
from flask.cli import ScriptInfo

from blueprints.auth.services import authenticate
from commands.accounts import create_user_command
from tests.factories import make_community
from tests.offers.factories import make_partner


def run(app, *args):
    return CliRunner().invoke(create_user_command, list(args), obj=ScriptInfo(create_app=lambda: app))


def test_creates_a_staff_account_that_can_log_in(app):
    make_community(slug="liujin")
    result = run(app, "--username", "xu", "--name", "徐", "--role", "staff", "--community", "liujin",
                 "--password", "long-password")
    assert result.exit_code == 0, result.output
    assert authenticate("xu", "long-password").role == "staff"


def test_partner_account_is_attached_to_its_unit(app):
    community = make_community(slug="liujin")
    unit = make_partner(community, name="温州饭吧")
    result = run(app, "--username", "wz", "--name", "店长", "--role", "partner", "--community",
                 "liujin", "--partner", "温州饭吧", "--password", "long-password")
    assert result.exit_code == 0, result.output
    assert authenticate("wz", "long-password").partner_id == unit.id


def test_unknown_partner_or_community_is_refused(app):
    make_community(slug="liujin")
    nowhere = run(app, "--username", "a", "--name", "A", "--role", "staff", "--community", "nowhere",
                  "--password", "long-password")
    assert nowhere.exit_code != 0 and "nowhere" in nowhere.output
    ghost = run(app, "--username", "b", "--name", "B", "--role", "partner", "--community", "liujin",
                "--partner", "不存在的店", "--password", "long-password")
    assert ghost.exit_code != 0 and "不存在的店" in ghost.output
