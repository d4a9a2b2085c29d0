"""Regression tests for the review findings on the issue board (one block per finding)."""
from io import BytesIO

import pytest
from sqlalchemy import func, select

from extensions import db
from models import Issue, IssueEvent, IssuePhoto
from tests.factories import login, make_community, make_compound, make_user
from tests.issues.factories import make_issue, png_bytes

HX = {"HX-Request": "true"}


@pytest.fixture
def place(app):
    community = make_community(slug="xy", name="兴元社区")
    compound = make_compound(community, name="水产宿舍")
    return community, compound


# 1. Photos sent with a status change are kept.
def test_photo_sent_with_a_move_is_stored_and_shown(client, place):
    community, compound = place
    worker = make_user("grid_worker", [community], display_name="刘网格")
    issue = make_issue(community, compound, status="in_progress")
    issue.assignee_id = worker.id
    db.session.commit()
    login(client, worker)
    response = client.post(f"/staff/xy/issues/{issue.id}/move",
                           data={"to_status": "resolved", "note": "修好了",
                                 "photos": (BytesIO(png_bytes()), "after.png")},
                           content_type="multipart/form-data")
    assert response.status_code == 303
    issue = db.session.get(Issue, issue.id)
    assert issue.status == "resolved"
    assert db.session.scalar(select(func.count(IssuePhoto.id))) == 1
    photo = issue.photos[0]
    assert photo.event.to_status == "resolved"
    html = client.get(f"/staff/xy/issues/{issue.id}").get_data(as_text=True)
    assert f"/c/xy/issues/{issue.id}/photos/{photo.id}" in html


# 6. No open redirect through `next`.
@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil.example",
                                    "javascript:alert(1)", "/\t/evil.example"])
def test_move_ignores_a_foreign_next(client, place, target):
    community, compound = place
    issue = make_issue(community, compound)
    login(client, make_user("staff", [community]))
    response = client.post(f"/staff/xy/issues/{issue.id}/move",
                           data={"to_status": "accepted", "next": target})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/staff/xy/issues")


def test_move_follows_a_local_next(client, place):
    community, compound = place
    issue = make_issue(community, compound)
    login(client, make_user("staff", [community]))
    response = client.post(f"/staff/xy/issues/{issue.id}/move",
                           data={"to_status": "accepted", "next": "/staff/xy/issues?category=road"})
    assert response.headers["Location"].endswith("/staff/xy/issues?category=road")


# 7. A refused photo leaves no trace of the comment or move on the 422 page.
def test_refused_photo_does_not_show_the_unsaved_comment(client, place):
    community, compound = place
    issue = make_issue(community, compound)
    login(client, make_user("staff", [community]))
    response = client.post(f"/staff/xy/issues/{issue.id}/comment",
                           data={"note": "没保存的补充", "photos": (BytesIO(b"MZ nope"), "x.jpg")},
                           content_type="multipart/form-data", headers=HX)
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "这个文件不是照片" in html
    assert '<p class="timeline__note">没保存的补充</p>' not in html
    assert db.session.scalar(select(func.count(IssueEvent.id))) == 1


def test_refused_photo_does_not_show_the_unsaved_move(client, place):
    community, compound = place
    issue = make_issue(community, compound)
    login(client, make_user("staff", [community]))
    response = client.post(f"/staff/xy/issues/{issue.id}/move",
                           data={"to_status": "accepted", "photos": (BytesIO(b"MZ nope"), "x.jpg")},
                           content_type="multipart/form-data", headers=HX)
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "这个文件不是照片" in html
    assert "badge--new" in html and "badge--accepted" not in html
    assert db.session.get(Issue, issue.id).status == "new"


# 4. Reassigning keeps the assignment history.
def test_reassigning_keeps_each_assignees_name_on_the_timeline(client, place):
    from blueprints.issues import services
    from models import AuditEvent

    community, compound = place
    staff = make_user("staff", [community])
    first = make_user("grid_worker", [community], display_name="刘网格")
    second = make_user("grid_worker", [community], display_name="陈网格")
    issue = make_issue(community, compound, status="accepted")
    services.change_status(issue, "assigned", staff, assignee=first)
    services.change_status(issue, "assigned", staff, assignee=second)
    assert [e.assignee_id for e in issue.events if e.kind == "status"] == [first.id, second.id]
    audits = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "issue.status")
                                .order_by(AuditEvent.id)).all()
    assert [a.detail["assignee_id"] for a in audits] == [first.id, second.id]
    login(client, staff)
    html = client.get(f"/staff/xy/issues/{issue.id}").get_data(as_text=True)
    assert "派给：刘网格" in html and "派给：陈网格" in html
