"""Logging in and out, role and community checks, invites through HTTP."""
import re

import pytest

from tests.factories import PASSWORD, login, make_community, make_user


@pytest.fixture
def two_communities(app):
    liujin = make_community(slug="liujin", name="流津社区")
    xingyuan = make_community(slug="xingyuan", name="兴元社区")
    return liujin, xingyuan


def test_login_lands_on_the_console_and_logout_ends_it(client, two_communities):
    liujin, _ = two_communities
    user = make_user("staff", [liujin], username="xu")
    response = login(client, user)
    assert response.headers["Location"] == "/staff/"
    page = client.get("/staff/liujin/")
    assert "流津社区工作台" in page.get_data(as_text=True)
    response = client.post("/logout")
    assert response.status_code == 303
    assert client.get("/staff/liujin/").status_code == 302


def test_partner_lands_on_the_portal(client, two_communities):
    partner = make_user("partner", [two_communities[0]])
    assert login(client, partner).headers["Location"] == "/partner/"


def test_wrong_password_or_unknown_user_gets_the_same_message(client, two_communities):
    make_user("staff", [two_communities[0]], username="xu")
    wrong = client.post("/login", data={"identifier": "xu", "password": "nope"})
    unknown = client.post("/login", data={"identifier": "ghost", "password": PASSWORD})
    for response in (wrong, unknown):
        html = response.get_data(as_text=True)
        assert response.status_code == 422
        assert "账号或密码不正确" in html
    # What was typed is kept, the password is not echoed back.
    assert 'value="xu"' in wrong.get_data(as_text=True)
    assert "nope" not in wrong.get_data(as_text=True)


def test_empty_login_form_says_what_is_missing(client, two_communities):
    html = client.post("/login", data={}).get_data(as_text=True)
    assert "请填写手机号或用户名" in html and "请填写密码" in html


def test_next_parameter_only_goes_to_local_pages(client, two_communities):
    user = make_user("staff", [two_communities[0]], username="xu")
    data = {"identifier": "xu", "password": PASSWORD}
    assert client.post("/login?next=/staff/liujin/invites", data=data).headers["Location"] == "/staff/liujin/invites"
    client.post("/logout")
    assert client.post("/login?next=https://evil.example/", data=data).headers["Location"] == "/staff/"
    client.post("/logout")
    assert client.post("/login?next=//evil.example/", data=data).headers["Location"] == "/staff/"


# (role, url, expected status) — each role reaches its own pages and is refused the others.
ACCESS = [
    ("admin", "/staff/liujin/", 200), ("admin", "/staff/xingyuan/", 200),
    ("admin", "/staff/liujin/invites", 200), ("admin", "/partner/", 403),
    ("staff", "/staff/liujin/", 200), ("staff", "/staff/liujin/invites", 200),
    ("staff", "/staff/liujin/print/", 200), ("staff", "/partner/", 403),
    ("staff", "/staff/xingyuan/", 403), ("staff", "/staff/xingyuan/invites", 403),
    ("staff", "/staff/xingyuan/print/opinion-box.pdf", 403),
    ("grid_worker", "/staff/liujin/", 200), ("grid_worker", "/staff/liujin/invites", 403),
    ("grid_worker", "/staff/liujin/print/", 403), ("grid_worker", "/partner/", 403),
    ("partner", "/partner/", 200), ("partner", "/staff/", 403),
    ("partner", "/staff/liujin/", 403), ("partner", "/staff/liujin/invites", 403),
]


@pytest.mark.parametrize("role, url, status", ACCESS)
def test_role_access(client, two_communities, role, url, status):
    liujin, xingyuan = two_communities
    communities = [liujin, xingyuan] if role == "admin" else [liujin]
    login(client, make_user(role, communities))
    assert client.get(url).status_code == status


@pytest.mark.parametrize("url", ["/staff/", "/staff/liujin/", "/staff/liujin/invites", "/partner/",
                                 "/staff/liujin/print/opinion-box.pdf"])
def test_anonymous_visitors_are_sent_to_login(client, two_communities, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_anonymous_htmx_request_gets_a_redirect_header_not_a_page(client, two_communities):
    response = client.get("/staff/liujin/", headers={"HX-Request": "true"})
    assert response.status_code == 401
    assert response.headers["HX-Redirect"].startswith("/login?next=")
    assert response.data == b""


def test_unknown_community_is_404(client, two_communities):
    login(client, make_user("admin", list(two_communities)))
    assert client.get("/staff/nowhere/").status_code == 404
    assert client.get("/c/nowhere/").status_code == 404


def test_staff_invites_a_grid_worker_who_sets_a_password(client, two_communities):
    liujin, _ = two_communities
    login(client, make_user("staff", [liujin]))
    response = client.post("/staff/liujin/invites", data={
        "display_name": "王网格", "username": "wang", "mobile": "13912345678", "role": "grid_worker"})
    html = response.get_data(as_text=True)
    link = re.search(r'value="(http://[^"]+/invite/[^"]+)"', html).group(1)
    assert "139****5678" in html and "13912345678" not in html
    client.post("/logout")
    path = link.split("localhost", 1)[1]
    mismatch = client.post(path, data={"password": "abcdefgh", "confirm": "abcdefgX"})
    assert mismatch.status_code == 422 and "两次输入的密码不一致" in mismatch.get_data(as_text=True)
    done = client.post(path, data={"password": "abcdefgh", "confirm": "abcdefgh"})
    assert done.status_code == 303 and done.headers["Location"] == "/staff/"
    assert client.get("/staff/liujin/").status_code == 200
    client.post("/logout")
    assert client.get(path).status_code == 404  # one time only
    assert client.post("/login", data={"identifier": "wang", "password": "abcdefgh"}).status_code == 303


def test_invite_form_keeps_values_and_explains_errors(client, two_communities):
    liujin, _ = two_communities
    login(client, make_user("staff", [liujin], username="taken"))
    response = client.post("/staff/liujin/invites", data={
        "display_name": "李四", "username": "taken", "mobile": "12345", "role": "partner"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "请填写11位手机号" in html
    assert 'value="李四"' in html and 'value="12345"' in html


def test_invite_for_a_taken_username_is_refused_next_to_the_field(client, two_communities):
    liujin, _ = two_communities
    login(client, make_user("staff", [liujin], username="taken"))
    response = client.post("/staff/liujin/invites", data={
        "display_name": "李四", "username": "taken", "mobile": "", "role": "grid_worker"})
    assert response.status_code == 422
    assert "该用户名已被使用" in response.get_data(as_text=True)


def test_tampered_invite_link_is_404(client, two_communities):
    assert client.get("/invite/not-a-real-token").status_code == 404


def test_losing_the_session_cookie_logs_out(client, two_communities):
    login(client, make_user("staff", [two_communities[0]]))
    assert client.get("/staff/liujin/").status_code == 200
    client.delete_cookie("session")
    assert client.get("/staff/liujin/").status_code == 302


def test_remembered_login_survives_a_new_network_address(client, two_communities):
    user = make_user("staff", [two_communities[0]], username="grid")
    client.post("/login", data={"identifier": "grid", "password": PASSWORD, "remember": "y"},
                environ_base={"REMOTE_ADDR": "10.1.1.1"})
    # The phone moves from Wi-Fi to 4G: same cookies, another address.
    response = client.get("/staff/liujin/", environ_base={"REMOTE_ADDR": "10.2.2.2"})
    assert response.status_code == 200


def test_username_may_not_look_like_a_mobile_number(client, two_communities):
    login(client, make_user("staff", [two_communities[0]]))
    response = client.post("/staff/liujin/invites", data={
        "display_name": "王五", "username": "13912345678", "mobile": "", "role": "grid_worker"})
    assert response.status_code == 422 and "用户名不能是手机号" in response.get_data(as_text=True)
