"""HTTP: the console's lists (change log, accounts, invites, compounds) one page at a time."""
import re

import pytest

from blueprints.auth import services as accounts
from blueprints.auth import sessions
from tests.factories import login, make_community, make_compound, make_user
from tests.staff.factories import make_log


@pytest.fixture
def liujin(app):
    return make_community(slug="liujin", name="流津社区")


def _titles(html: str, word: str = "服务") -> list[str]:
    """The numbered names on the page, in order, each once (a row may name it twice)."""
    return list(dict.fromkeys(re.findall(word + r"\d\d", html)))


def test_the_change_log_shows_fifty_newest_then_the_rest_with_the_domain_kept(client, liujin):
    make_log(liujin, 55)
    make_log(liujin, 2, action="user.created")  # another domain, filtered out below
    login(client, make_user("staff", [liujin]))
    first = client.get("/staff/liujin/audit?domain=offers").get_data(as_text=True)
    assert _titles(first) == [f"服务{i:02d}" for i in range(54, 4, -1)]
    link = re.search(r'rel="next" href="([^"]+)"', first).group(1)
    assert link == "/staff/liujin/audit?domain=offers&amp;page=2"
    second = client.get(link.replace("&amp;", "&")).get_data(as_text=True)
    assert _titles(second) == ["服务04", "服务03", "服务02", "服务01", "服务00"]
    assert 'rel="prev"' in second and 'rel="next"' not in second


def test_the_change_log_survives_garbage_page_numbers(client, liujin):
    make_log(liujin, 2)
    login(client, make_user("staff", [liujin]))
    for page in ("x", "-1", "12345678", "2.5"):
        html = client.get(f"/staff/liujin/audit?page={page}").get_data(as_text=True)
        assert _titles(html) == ["服务01", "服务00"], page
    past = client.get("/staff/liujin/audit?page=40").get_data(as_text=True)
    assert "没有记录" in past and 'rel="prev"' in past


def test_accounts_page_through_with_their_live_sessions(client, liujin):
    staff = make_user("staff", [liujin], display_name="A工作人员")
    workers = [make_user("grid_worker", [liujin], display_name=f"网格员{i:02d}") for i in range(55)]
    sessions.start(workers[54], False)
    sessions.start(workers[54], True)
    login(client, staff)
    first = client.get("/staff/liujin/accounts").get_data(as_text=True)
    assert _titles(first, "网格员") == [f"网格员{i:02d}" for i in range(50)]  # role, then name
    second = client.get("/staff/liujin/accounts?page=2").get_data(as_text=True)
    assert _titles(second, "网格员") == [f"网格员{i:02d}" for i in range(50, 55)]
    row = second[second.index(f'id="staff-account-{workers[54].id}"'):]
    assert "2 台设备" in row[:row.index("</tr>")]
    assert "<td>A工作人员" in second and "<td>A工作人员" not in first  # grid_worker sorts before staff
    assert client.get("/staff/liujin/accounts?page=abc").status_code == 200


def test_pending_invites_page_through_newest_first(client, liujin):
    staff = make_user("staff", [liujin])
    for i in range(23):
        user = accounts.create_user(username=f"inv{i}", display_name=f"受邀{i:02d}", role="grid_worker",
                                    communities=[liujin], actor=staff)
        accounts.create_invite(user, liujin, staff, 7)
    login(client, staff)
    first = client.get("/staff/liujin/invites").get_data(as_text=True)
    assert _titles(first, "受邀") == [f"受邀{i:02d}" for i in range(22, 2, -1)]
    second = client.get("/staff/liujin/invites?page=2").get_data(as_text=True)
    assert _titles(second, "受邀") == ["受邀02", "受邀01", "受邀00"]


def test_the_dashboard_pages_through_the_compounds(client, liujin):
    for i in range(33):
        make_compound(liujin, name=f"第{i:02d}小区", position=i)
    login(client, make_user("staff", [liujin]))
    first = client.get("/staff/liujin/").get_data(as_text=True)
    assert _titles(first, "第") == [f"第{i:02d}" for i in range(30)]
    second = client.get("/staff/liujin/?page=2").get_data(as_text=True)
    assert _titles(second, "第") == ["第30", "第31", "第32"]
    assert client.get("/staff/liujin/?page=-2").status_code == 200
