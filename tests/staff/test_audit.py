"""Staff read back who changed what in their community (DESIGN §8)."""
import pytest

from blueprints.auth import services as accounts
from blueprints.core.audit import LogFilters, events_page, record_event
from extensions import db
from tests.factories import login, make_community, make_user


@pytest.fixture
def liujin(app):
    return make_community(slug="liujin", name="流津社区")


def test_events_are_listed_newest_first_and_filtered_by_domain(app, liujin):
    staff = make_user("staff", [liujin], display_name="徐工作人员")
    accounts.create_user(username="grid1", display_name="网格员甲", role="grid_worker",
                         communities=[liujin], actor=staff)
    record_event(staff, "offer.approved", None, liujin, title="每天九折")
    db.session.commit()
    def actions(domain=None):
        return [e.action for e in events_page(liujin, LogFilters(domain=domain), 1)]

    assert actions() == ["offer.approved", "user.created"]
    assert actions("accounts") == ["user.created"]
    assert actions("issues") == []


def test_staff_page_shows_own_community_only(client, liujin):
    other = make_community(slug="xingyuan")
    staff = make_user("staff", [liujin], display_name="徐工作人员")
    record_event(staff, "offer.approved", None, liujin, title="每天九折")
    record_event(None, "offer.approved", None, other, title="别的社区的服务")
    db.session.commit()
    login(client, staff)
    html = client.get("/staff/liujin/audit").get_data(as_text=True)
    assert "每天九折" in html and "徐工作人员" in html
    assert "别的社区的服务" not in html
    assert client.get("/staff/xingyuan/audit").status_code == 403


@pytest.mark.parametrize("role", ["grid_worker", "partner"])
def test_other_roles_cannot_read_the_record(client, liujin, role):
    login(client, make_user(role, [liujin]))
    assert client.get("/staff/liujin/audit").status_code == 403


def test_each_line_of_the_change_log_reads_as_a_sentence(client):
    import ast
    from pathlib import Path

    from blueprints.core.audit import record_event
    from blueprints.core.audit_words import ACTIONS
    from extensions import db
    from tests.factories import login, make_community, make_user
    from tests.issues.factories import make_issue

    community = make_community(slug="liujin")
    staff = make_user("staff", [community], display_name="许书记")
    issue = make_issue(community)
    record_event(staff, "issue.payment", issue, community, amount_fen=4167)
    db.session.commit()
    login(client, staff)
    page = client.get("/staff/liujin/audit").get_data(as_text=True)
    assert "许书记登记收款：诉求 #%d，金额 41.67 元。" % issue.id in page
    assert "amount_fen" not in page and "issue.payment" not in page
    # Every action the code records has words.
    recorded = set()
    for path in Path("blueprints").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "record_event":
                for arg in node.args[1:2]:
                    for const in ast.walk(arg):
                        if isinstance(const, ast.Constant) and isinstance(const.value, str):
                            recorded.add(const.value)
    recorded = {a for a in recorded if "." in a and not a.endswith(".")}  # f"team_member.{status}"
    recorded |= {"team_member.accepted", "team_member.declined"}
    assert recorded <= set(ACTIONS), recorded - set(ACTIONS)
