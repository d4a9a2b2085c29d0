"""Logging out really logs out: old cookies replayed after logout, "everywhere" and deactivation."""
from datetime import timedelta
from http.cookies import SimpleCookie

from blueprints.auth import sessions
from extensions import db
from models import LoginSession
from models.base import utcnow
from tests.factories import PASSWORD, login, make_community, make_user


def _cookies(client) -> dict[str, str]:
    return {cookie.key: cookie.value for cookie in client._cookies.values()}


def _replay(app, cookies: dict[str, str], path: str = "/staff/liujin/"):
    """A fresh browser that only has these cookies (as an attacker who copied them)."""
    other = app.test_client()
    for name, value in cookies.items():
        other.set_cookie(name, value)
    return other.get(path)


def test_logout_ends_the_session_and_the_remember_cookie_on_the_server(app, client):
    user = make_user("staff", [make_community(slug="liujin")], username="xu")
    client.post("/login", data={"identifier": "xu", "password": PASSWORD, "remember": "y"})
    stolen = _cookies(client)
    assert "remember_token" in stolen and "session" in stolen
    assert _replay(app, stolen).status_code == 200
    client.post("/logout")
    assert _replay(app, stolen).status_code == 302  # the old session cookie
    assert _replay(app, {"remember_token": stolen["remember_token"]}).status_code == 302
    assert db.session.query(LoginSession).filter_by(user_id=user.id).count() == 0


def test_the_remember_cookie_lives_weeks_not_a_year(app, client):
    make_user("staff", [make_community(slug="liujin")], username="xu")
    response = client.post("/login", data={"identifier": "xu", "password": PASSWORD, "remember": "y"})
    header = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("remember_token="))
    max_age = int(SimpleCookie(header)["remember_token"]["max-age"] or 0) or None
    expires = SimpleCookie(header)["remember_token"]["expires"]
    assert max_age is None or max_age <= 30 * 24 * 3600
    assert app.config["REMEMBER_COOKIE_DURATION"] <= timedelta(days=30) and expires
    row = db.session.query(LoginSession).one()
    assert row.remember and row.expires_at - row.created_at <= timedelta(days=30)


def test_an_expired_session_is_refused(app, client):
    make_user("staff", [make_community(slug="liujin")], username="xu")
    client.post("/login", data={"identifier": "xu", "password": PASSWORD})
    row = db.session.query(LoginSession).one()
    row.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert client.get("/staff/liujin/").status_code == 302


def test_logging_out_everywhere_ends_the_other_browsers_too(app, client):
    make_user("staff", [make_community(slug="liujin")], username="xu")
    phone = app.test_client()
    phone.post("/login", data={"identifier": "xu", "password": PASSWORD, "remember": "y"})
    lost = _cookies(phone)
    client.post("/login", data={"identifier": "xu", "password": PASSWORD})
    assert client.post("/logout/everywhere").status_code == 303
    assert _replay(app, lost).status_code == 302
    assert _replay(app, {"remember_token": lost["remember_token"]}).status_code == 302
    assert client.get("/staff/liujin/").status_code == 302


def test_staff_end_a_users_sessions_and_deactivation_ends_them_too(app, client):
    liujin = make_community(slug="liujin")
    worker = make_user("grid_worker", [liujin], username="grid")
    phone = app.test_client()
    phone.post("/login", data={"identifier": "grid", "password": PASSWORD, "remember": "y"})
    stolen = _cookies(phone)
    login(client, make_user("staff", [liujin]))
    page = client.get("/staff/liujin/accounts").get_data(as_text=True)
    assert worker.display_name in page and "1 台设备" in page
    assert client.post(f"/staff/liujin/accounts/{worker.id}/end-sessions").status_code == 303
    assert _replay(app, stolen).status_code == 302
    phone.post("/login", data={"identifier": "grid", "password": PASSWORD, "remember": "y"})
    stolen = _cookies(phone)
    assert client.post(f"/staff/liujin/accounts/{worker.id}/active", data={"active": "0"}).status_code == 303
    assert _replay(app, stolen).status_code == 302
    assert phone.post("/login", data={"identifier": "grid", "password": PASSWORD}).status_code == 422
    db.session.refresh(worker)
    assert not worker.active
    client.post(f"/staff/liujin/accounts/{worker.id}/active", data={"active": "1"})
    assert phone.post("/login", data={"identifier": "grid", "password": PASSWORD}).status_code == 303


def test_accounts_are_managed_only_within_the_community_and_not_above_ones_role(app, client):
    liujin, xingyuan = make_community(slug="liujin"), make_community(slug="xingyuan")
    stranger = make_user("grid_worker", [xingyuan])
    admin = make_user("admin", [liujin])
    staff = make_user("staff", [liujin])
    login(client, staff)
    assert client.post(f"/staff/liujin/accounts/{stranger.id}/end-sessions").status_code == 404
    assert client.post(f"/staff/liujin/accounts/{admin.id}/active", data={"active": "0"}).status_code == 404
    refused = client.post(f"/staff/liujin/accounts/{staff.id}/active", data={"active": "0"})
    assert refused.status_code == 422 and "不能停用自己的账号" in refused.get_data(as_text=True)
    client.post("/logout")
    login(client, make_user("grid_worker", [liujin]))
    assert client.get("/staff/liujin/accounts").status_code == 403
    assert client.post(f"/staff/liujin/accounts/{stranger.id}/end-sessions").status_code == 403


def test_the_service_counts_and_ends_sessions(app):
    user = make_user("staff", [make_community(slug="liujin")])
    first, second = sessions.start(user, True), sessions.start(user, False)
    assert sessions.user_for(first) == user and sessions.user_for(second) == user
    live = db.select(db.func.count()).select_from(LoginSession).where(
        LoginSession.user_id == user.id, LoginSession.expires_at > utcnow())
    assert db.session.scalar(live) == 2
    assert sessions.end_all(user, None) == 2
    assert sessions.user_for(first) is None and sessions.user_for(second) is None
    assert sessions.user_for("") is None and sessions.user_for("forged") is None


def test_one_query_finds_the_session_with_its_account_and_every_community_in_order(app):
    """The query every signed-in request runs: the account's communities come in id order,
    an account in no community still has its session, and an unknown token finds none."""
    later, earlier = make_community(slug="later"), make_community(slug="earlier")
    admin = make_user("admin", [later, earlier], username="admin")
    loner = make_user("admin", [], username="loner")
    tokens = {user.username: sessions.start(user, remember=False) for user in (admin, loner)}
    in_order = [c.slug for c in sorted((later, earlier), key=lambda c: c.id)]
    db.session.expunge_all()

    found = sessions.user_for(tokens["admin"])
    assert [c.slug for c in found.communities] == in_order
    assert sessions.user_for(tokens["loner"]).communities == []
    assert sessions.user_for("not-a-token") is None


def test_on_sqlite_the_session_query_reads_each_table_by_index_not_every_link(app):
    """joinedload nested the account-community link's join, and SQLite built the join of
    every account's communities for each request; the flat joins look up one account's."""
    if db.engine.dialect.name != "sqlite":
        return
    from sqlalchemy.dialects import sqlite

    statement = sessions.SESSION_WITH_ACCOUNT.compile(dialect=sqlite.dialect())
    plan = db.session.connection().exec_driver_sql(
        f"EXPLAIN QUERY PLAN {statement}", ("x",)).all()
    steps = [row[-1] for row in plan]
    assert not [s for s in steps if s.startswith(("SCAN", "MATERIALIZE"))], steps
    assert any("login_sessions" in s and "token_hash" in s for s in steps)
