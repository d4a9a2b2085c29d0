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


def test_staff_move_needs_the_token_in_the_form_or_the_header_the_board_script_sends(csrf_client):
    from pathlib import Path

    from tests.factories import make_user
    from tests.issues.factories import make_issue

    community = make_community(slug="xy")
    issue = make_issue(community, make_compound(community))
    staff = make_user("staff", [community])
    page = csrf_client.get("/login").get_data(as_text=True)
    logged_in = csrf_client.post("/login", data={"identifier": staff.username, "password": "correct horse",
                                                 "csrf_token": csrf_token_from(page)})
    assert logged_in.status_code == 303
    board = csrf_client.get("/staff/xy/issues").get_data(as_text=True)
    token = csrf_token_from(board)
    url = f"/staff/xy/issues/board/{issue.id}/move"
    drag = {"to_status": "accepted"}
    assert csrf_client.post(url, data=drag, headers={"HX-Request": "true"}).status_code == 400
    assert csrf_client.post(url, data={**drag, "csrf_token": "forged"}).status_code == 400
    assert db.session.get(Issue, issue.id).status == "new"
    # static/js/issues.js reads the token from the page's meta tag and sends it as X-CSRFToken.
    script = Path(csrf_client.application.static_folder, "js", "issues.js").read_text()
    assert '"X-CSRFToken": csrfToken()' in script and 'meta[name="csrf-token"]' in script
    assert '<meta name="csrf-token"' in board
    response = csrf_client.post(url, data=drag, headers={"HX-Request": "true", "X-CSRFToken": token})
    assert response.status_code == 204 and response.headers["HX-Trigger"] == "issue-moved"
    assert db.session.get(Issue, issue.id).status == "accepted"
