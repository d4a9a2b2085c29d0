"""With CSRF on, as in production: tokens are required; login is rate limited."""
import pytest

from tests.conftest import csrf_token_from
from tests.factories import PASSWORD, make_community, make_user


@pytest.fixture
def secure_client(fresh_app):
    """A client of an app with CSRF protection and a low login limit."""
    application = fresh_app(WTF_CSRF_ENABLED=True, LOGIN_RATE_LIMIT="3 per minute")
    with application.app_context():
        make_user("staff", [make_community(slug="liujin")], username="xu")
        yield application.test_client()


def test_post_without_token_is_rejected(secure_client):
    response = secure_client.post("/login", data={"identifier": "xu", "password": PASSWORD})
    assert response.status_code == 400
    assert "页面已过期" in response.get_data(as_text=True)
    assert secure_client.get("/staff/").status_code == 302  # not logged in


def test_post_with_the_token_from_the_page_works(secure_client):
    token = csrf_token_from(secure_client.get("/login").get_data(as_text=True))
    response = secure_client.post("/login", data={"identifier": "xu", "password": PASSWORD,
                                                  "csrf_token": token})
    assert response.status_code == 303


def test_htmx_request_carries_the_token_in_a_header(secure_client):
    page = secure_client.get("/login").get_data(as_text=True)
    token = csrf_token_from(page)
    assert f'<meta name="csrf-token" content="{token}">' in page
    headers = {"HX-Request": "true", "X-CSRFToken": token}
    response = secure_client.post("/prefs/elder", data={"value": "1"}, headers=headers)
    assert response.status_code == 303
    refused = secure_client.post("/prefs/elder", data={"value": "1"}, headers={"HX-Request": "true"})
    assert refused.status_code == 400
    assert refused.headers["HX-Retarget"] == "#flash-messages"


def test_login_is_rate_limited(secure_client):
    token = csrf_token_from(secure_client.get("/login").get_data(as_text=True))
    data = {"identifier": "xu", "password": "wrong", "csrf_token": token}
    statuses = [secure_client.post("/login", data=data).status_code for _ in range(4)]
    assert statuses == [422, 422, 422, 429]
    page = secure_client.post("/login", data=data)
    assert "操作太频繁" in page.get_data(as_text=True)
    # The form itself can still be read.
    assert secure_client.get("/login").status_code == 200
