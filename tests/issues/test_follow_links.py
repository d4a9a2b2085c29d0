"""Follow links end: 90 days after the issue is finished, or at once when staff revoke them."""
from datetime import timedelta

from blueprints.issues import tokens
from extensions import db
from models.base import utcnow
from tests.factories import login, make_user
from tests.issues.factories import make_issue


def _link(app, issue) -> str:
    with app.test_request_context():
        return f"/c/xy/issues/{issue.id}/follow/{tokens.link_of(issue)}"


def test_a_link_ends_ninety_days_after_the_issue_is_finished(app, client, place):
    community, compound = place
    issue = make_issue(community, compound, status="closed")
    issue.closed_at = utcnow() - timedelta(days=89)
    db.session.commit()
    link = _link(app, issue)
    assert client.get(link).status_code == 200
    issue.closed_at = utcnow() - timedelta(days=91)
    db.session.commit()
    gone = client.get(link)
    assert gone.status_code == 410
    open_issue = make_issue(community, compound, status="in_progress")
    open_issue.created_at = utcnow() - timedelta(days=400)  # open issues' links never run out
    db.session.commit()
    assert client.get(_link(app, open_issue)).status_code == 200


def test_staff_revoke_a_link_and_the_reporter_gets_a_new_one(app, client, place):
    community, compound = place
    issue = make_issue(community, compound, public=True)
    old = _link(app, issue)
    assert client.get(old).status_code == 200
    login(client, make_user("grid_worker", [community]))
    assert client.post(f"/staff/xy/issues/{issue.id}/follow-link/revoke").status_code == 403
    client.post("/logout")
    login(client, make_user("staff", [community]))
    panel = client.post(f"/staff/xy/issues/{issue.id}/follow-link/revoke").get_data(as_text=True)
    db.session.refresh(issue)
    new = _link(app, issue)
    assert issue.follow_version == 2 and new.split("/")[-1] in panel
    client.post("/logout")
    assert client.get(old).status_code == 404 and client.get(new).status_code == 200


def test_a_link_made_before_versions_existed_still_works(app, client, place):
    community, compound = place
    issue = make_issue(community, compound)
    with app.test_request_context():
        from blueprints.core.signing import sign

        legacy = sign({"issue": issue.id}, tokens.SALT)
    assert client.get(f"/c/xy/issues/{issue.id}/follow/{legacy}").status_code == 200
