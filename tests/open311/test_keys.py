"""API keys: stored as a hash, shown once, revoked by staff, logged; who may manage them."""
from sqlalchemy import select

from blueprints.open311 import keys
from models import AuditEvent, Open311Key
from tests.factories import login, make_community, make_user
from extensions import db


def test_key_is_stored_as_a_hash_and_found_by_it(place, staff):
    key, plain = keys.create_key(place[0], "物业", staff)
    assert plain not in (key.key_hash, key.prefix) and len(plain) >= 40
    assert keys.find_key(plain) == key and keys.find_key(plain + "x") is None
    keys.revoke_key(key, staff)
    keys.revoke_key(key, staff)  # twice: one log line
    actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions == ["open311_key.created", "open311_key.revoked"]


def test_staff_create_a_key_shown_once_and_revoke_it(client, place, staff):
    login(client, staff)
    html = client.post("/staff/xy/open311", data={"name": "12345 市民热线"}).get_data(as_text=True)
    key = db.session.scalar(select(Open311Key))
    plain = html.split('id="open311-new-key"')[0].rsplit('value="', 1)[1].split('"')[0]
    assert keys.find_key(plain) == key
    listing = client.get("/staff/xy/open311").get_data(as_text=True)
    assert "12345 市民热线" in listing and plain not in listing and f"{key.prefix}…" in listing
    response = client.post(f"/staff/xy/open311/{key.id}/revoke")
    assert response.status_code == 303
    db.session.refresh(key)
    assert key.revoked_at is not None
    assert "已作废" in client.get("/staff/xy/open311").get_data(as_text=True)


def test_empty_name_is_refused_with_a_message(client, place, staff):
    login(client, staff)
    response = client.post("/staff/xy/open311", data={"name": " "})
    assert response.status_code == 422 and "请填写谁使用这个密钥" in response.get_data(as_text=True)
    assert db.session.scalar(select(Open311Key)) is None


def test_denials(app, client, place, api_key):
    community = place[0]
    key = db.session.scalar(select(Open311Key))
    other = make_community(slug="other")
    assert client.get("/staff/xy/open311").status_code in (302, 303)  # public: to the login
    for user in (make_user("grid_worker", communities=[community]),
                 make_user("partner", communities=[community]),
                 make_user("staff", communities=[other])):
        browser = app.test_client()
        login(browser, user)
        assert browser.get("/staff/xy/open311").status_code == 403
        assert browser.post(f"/staff/xy/open311/{key.id}/revoke").status_code == 403
    db.session.refresh(key)
    assert key.active
    other_staff = make_user("staff", communities=[other])
    login(client, other_staff)
    assert client.post(f"/staff/other/open311/{key.id}/revoke").status_code == 404
