"""Issue photos: kept with a move, never shown for unsaved work, private to who may see them."""
from io import BytesIO

from sqlalchemy import func, select

from extensions import db
from models import Issue, IssueEvent, IssuePhoto
from tests.conftest import HX
from tests.factories import login, make_community, make_user
from tests.issues.factories import make_issue, png_bytes


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


# 2. Photos of the reporter's comments are not public.
def test_photos_of_reporter_comments_are_for_the_reporter_and_staff_only(app, client, place):
    from blueprints.issues import services, tokens

    community, compound = place
    issue = make_issue(community, compound, public=True)
    event = services.add_comment(issue, "我家门口", by_reporter=True, photos=[BytesIO(png_bytes())])
    photo = event.photos[0]
    url = f"/c/xy/issues/{issue.id}/photos/{photo.id}"
    public_page = client.get(f"/c/xy/issues/{issue.id}").get_data(as_text=True)
    assert url not in public_page
    assert client.get(url).status_code == 404
    with app.test_request_context():
        token = tokens.follow_token(issue.id)
    assert url in client.get(f"/c/xy/issues/{issue.id}/follow/{token}").get_data(as_text=True)
    assert client.get(f"{url}?t={token}").status_code == 200
    login(client, make_user("staff", [make_community()]))
    assert client.get(url).status_code == 404
    client.post("/logout")
    login(client, make_user("grid_worker", [community]))
    assert client.get(url).status_code == 200


def test_photos_of_a_staff_note_are_public_exactly_when_the_note_is(app, client, place):
    from blueprints.issues import services, tokens

    community, compound = place
    issue = make_issue(community, compound, public=True)
    staff = make_user("staff", [community])
    private = services.add_comment(issue, "业主家里拍的", staff, photos=[BytesIO(png_bytes())])
    public = services.add_comment(issue, "施工完成", staff, photos=[BytesIO(png_bytes())],
                                  public_note=True)
    hidden, shown = (f"/c/xy/issues/{issue.id}/photos/{e.photos[0].id}" for e in (private, public))
    with app.test_request_context():
        token = tokens.follow_token(issue.id)
    for page in (f"/c/xy/issues/{issue.id}", f"/c/xy/issues/{issue.id}/follow/{token}"):
        html = client.get(page).get_data(as_text=True)
        assert hidden not in html and shown in html, page
    assert client.get(hidden).status_code == 404 and client.get(f"{hidden}?t={token}").status_code == 404
    assert client.get(shown).status_code == 200
    login(client, staff)
    assert client.get(hidden).status_code == 200
    assert hidden in client.get(f"/staff/xy/issues/{issue.id}").get_data(as_text=True)
