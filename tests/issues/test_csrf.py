"""With CSRF on, as in production: a POST without the token fails, with it it works."""
import pytest
from sqlalchemy import func, select

from extensions import db
from models import Issue
from tests.conftest import csrf_token_from
from tests.factories import make_community, make_compound


@pytest.fixture
def csrf_client(app):
    """The test app with CSRF switched on (one app, so one SQLite connection pool)."""
    app.config["WTF_CSRF_ENABLED"] = True
    return app.test_client()


def test_report_without_token_fails_and_with_token_works(csrf_client):
    community = make_community(slug="xy")
    compound = make_compound(community)
    data = {"compound": compound.id, "category": "road", "what": "坑", "building": 0}
    assert csrf_client.post("/c/xy/issues/new", data=data).status_code == 400
    assert db.session.scalar(select(func.count(Issue.id))) == 0
    token = csrf_token_from(csrf_client.get(f"/c/xy/issues/new?compound={compound.id}").get_data(as_text=True))
    response = csrf_client.post("/c/xy/issues/new", data={**data, "csrf_token": token})
    assert response.status_code == 303
    assert db.session.scalar(select(func.count(Issue.id))) == 1


def test_htmx_request_with_header_token_works(csrf_client):
    community = make_community(slug="xy")
    compound = make_compound(community)
    html = csrf_client.get("/c/xy/issues/new").get_data(as_text=True)
    token = csrf_token_from(html)
    data = {"compound": compound.id, "category": "road", "what": "坑", "building": 0}
    response = csrf_client.post("/c/xy/issues/new", data=data,
                                headers={"HX-Request": "true", "X-CSRFToken": token})
    assert response.status_code == 204
