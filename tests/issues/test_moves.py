"""Status moves through HTTP: where the browser goes next, and what grid workers may and may not do."""

import pytest
from sqlalchemy import func, select

from extensions import db
from models import Issue
from tests.conftest import HX
from tests.factories import login, make_user
from tests.issues.factories import make_issue


# 6. No open redirect: where a move goes next is built by the app, never read from the form.
@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil.example",
                                    "javascript:alert(1)", "/\t/evil.example"])
def test_move_ignores_a_foreign_next(client, place, target):
    community, compound = place
    login(client, make_user("staff", [community]))
    for on_board in (False, True):
        issue = make_issue(community, compound)
        url = f"/staff/xy/issues/{'board/' if on_board else ''}{issue.id}/move"
        response = client.post(url, data={"to_status": "accepted", "next": target})
        assert response.status_code == 303
        back = "/staff/xy/issues" if on_board else f"/staff/xy/issues/{issue.id}"
        assert response.headers["Location"].endswith(back)


def test_board_move_goes_back_to_the_board_with_its_filters(client, place):
    community, compound = place
    issue = make_issue(community, compound)
    login(client, make_user("staff", [community]))
    board = client.get("/staff/xy/issues?category=road").get_data(as_text=True)
    action = f"/staff/xy/issues/board/{issue.id}/move?category=road"
    move_form = board[board.index(f'action="{action}"'):].split("</form>")[0]
    assert 'name="next"' not in move_form and 'name="from"' not in move_form
    response = client.post(action, data={"to_status": "accepted"})
    assert response.headers["Location"].endswith("/staff/xy/issues?category=road")


def test_move_from_the_issue_page_goes_back_to_it(client, place):
    community, compound = place
    issue = make_issue(community, compound)
    login(client, make_user("staff", [community]))
    response = client.post(f"/staff/xy/issues/{issue.id}/move", data={"to_status": "accepted"})
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/staff/xy/issues/{issue.id}")


# 8. What grid workers may do.
@pytest.fixture
def worker_setup(client, place):
    community, compound = place
    worker = make_user("grid_worker", [community], display_name="刘网格")
    colleague = make_user("grid_worker", [community], display_name="陈网格")
    login(client, worker)
    return community, compound, worker, colleague


@pytest.mark.parametrize("status,data", [
    ("new", {"to_status": "rejected", "note": "不归我们管"}),
    ("accepted", {"to_status": "duplicate", "note": "重复", "merged_into": "{other}"}),
    ("accepted", {"to_status": "assigned", "assignee": "{colleague}"}),
    ("resolved", {"to_status": "closed"}),
])
def test_grid_worker_is_refused_staff_moves(client, worker_setup, status, data):
    community, compound, worker, colleague = worker_setup
    issue = make_issue(community, compound, status=status)
    other = make_issue(community, compound)
    data = {k: v.format(other=other.id, colleague=colleague.id) for k, v in data.items()}
    response = client.post(f"/staff/xy/issues/{issue.id}/move", data=data)
    assert response.status_code == 403 and "只有社区工作人员可以这样操作" in response.get_data(as_text=True)
    assert db.session.get(Issue, issue.id).status == status
    board = client.post(f"/staff/xy/issues/board/{issue.id}/move", data=data, headers=HX)
    assert board.status_code == 403 and board.headers["HX-Retarget"] == "#flash-messages"


def test_grid_worker_cannot_move_someone_elses_issue(client, worker_setup):
    community, compound, worker, colleague = worker_setup
    issue = make_issue(community, compound, status="assigned")
    issue.assignee_id = colleague.id
    db.session.commit()
    assert client.post(f"/staff/xy/issues/{issue.id}/move", data={"to_status": "resolved"}).status_code == 403
    html = client.get(f"/staff/xy/issues/{issue.id}").get_data(as_text=True)
    assert 'value="resolved"' not in html and 'value="in_progress"' not in html


def test_grid_worker_accepts_takes_starts_and_resolves(client, worker_setup):
    community, compound, worker, colleague = worker_setup
    issue = make_issue(community, compound)
    page = client.get(f"/staff/xy/issues/{issue.id}").get_data(as_text=True)
    assert 'value="accepted"' in page and 'value="rejected"' not in page and 'value="duplicate"' not in page
    base = f"/staff/xy/issues/{issue.id}/move"
    assert client.post(base, data={"to_status": "accepted"}).status_code == 303
    page = client.get(f"/staff/xy/issues/{issue.id}").get_data(as_text=True)
    assert "刘网格" in page and "陈网格" not in page  # only themselves in the 派给 list
    assert client.post(base, data={"to_status": "assigned", "assignee": worker.id}).status_code == 303
    assert client.post(base, data={"to_status": "in_progress"}).status_code == 303
    assert client.post(base, data={"to_status": "resolved"}).status_code == 303
    assert db.session.get(Issue, issue.id).status == "resolved"
    assert client.post(f"/staff/xy/issues/{issue.id}/comment", data={"note": "回访了"}).status_code == 200


def test_grid_worker_cannot_publish_an_issue_on_entry(client, worker_setup):
    community, compound, worker, colleague = worker_setup
    form = client.get("/staff/xy/issues/new").get_data(as_text=True)
    assert 'name="public"' not in form
    data = {"compound": compound.id, "category": "road", "what": "坑", "building": 0,
            "channel": "patrol", "public": "y"}
    assert client.post("/staff/xy/issues/new", data=data).status_code == 403
    assert db.session.scalar(select(func.count(Issue.id))) == 0
    data.pop("public")
    assert client.post("/staff/xy/issues/new", data=data).status_code == 303


def test_grid_worker_board_shows_only_their_moves(client, worker_setup):
    community, compound, worker, colleague = worker_setup
    theirs = make_issue(community, compound, status="assigned", what="别人的活")
    theirs.assignee_id = colleague.id
    db.session.commit()
    html = client.get("/staff/xy/issues").get_data(as_text=True)
    card = html.split('id="issue-card-%d"' % theirs.id)[1].split("</li>")[0]
    assert 'value="in_progress"' not in card and 'value="resolved"' not in card


def test_service_refuses_grid_worker_staff_moves(app, place):
    from blueprints.issues import services

    community, compound = place
    worker = make_user("grid_worker", [community])
    issue = make_issue(community, compound)
    with pytest.raises(services.NotAllowed):
        services.change_status(issue, "rejected", worker, note="不管")
    db.session.rollback()
    with pytest.raises(services.NotAllowed):
        services.report_issue(community, services.Report(compound.id, "road", "坑", public=True), actor=worker)


def test_a_move_from_a_list_without_javascript_goes_back_to_the_same_page_of_it(client, place):
    community, compound = place
    issues = [make_issue(community, compound, category="road") for _ in range(32)]
    login(client, make_user("staff", [community]))
    page = client.get("/staff/xy/issues/list?status=new&category=road&page=2").get_data(as_text=True)
    action = f"/staff/xy/issues/board/{issues[0].id}/move?status=new&amp;category=road&amp;page=2&amp;list=1"
    assert f'action="{action}"' in page
    response = client.post(action.replace("&amp;", "&"), data={"to_status": "accepted"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/staff/xy/issues/list?category=road&status=new&page=2")
