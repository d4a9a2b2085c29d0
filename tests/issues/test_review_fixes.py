"""Regression tests for the review findings on the issue board (one block per finding)."""
from io import BytesIO

import pytest
from sqlalchemy import func, select

from extensions import db
from models import Issue, IssueEvent, IssuePhoto
from tests.conftest import HX
from tests.factories import login, make_community, make_compound, make_user
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


# 3. Staff notes stay in the console unless marked public; numbers are masked even then.
def test_staff_notes_reach_the_public_page_only_when_marked_public_and_masked(app, client, place):
    from blueprints.issues import services, tokens

    community, compound = place
    staff = make_user("staff", [community])
    issue = make_issue(community, compound, public=True)
    services.add_comment(issue, "已电话联系王阿姨13912345678", staff)
    services.add_comment(issue, "已请物业处理，联系电话 139 0000 1111", staff, public_note=True)
    services.change_status(issue, "accepted", staff, note="内部：找老李15800001111")
    services.change_status(issue, "rejected", staff, note="不属社区管辖，可拨打13700002222咨询")
    with app.test_request_context():
        token = tokens.follow_token(issue.id)
    for url in (f"/c/xy/issues/{issue.id}", f"/c/xy/issues/{issue.id}/follow/{token}"):
        html = client.get(url).get_data(as_text=True)
        assert "已电话联系王阿姨" not in html and "找老李" not in html
        assert "已请物业处理" in html and "139****1111" in html and "不属社区管辖" in html
        for digits in ("13912345678", "139 0000 1111", "15800001111", "13700002222"):
            assert digits not in html
    login(client, staff)
    console = client.get(f"/staff/xy/issues/{issue.id}").get_data(as_text=True)
    assert "已电话联系王阿姨13912345678" in console and "这条说明在公开页显示" in console


def test_staff_comment_form_marks_a_note_public(client, place):
    community, compound = place
    issue = make_issue(community, compound, public=True)
    login(client, make_user("staff", [community]))
    page = client.get(f"/staff/xy/issues/{issue.id}").get_data(as_text=True)
    assert "在公开页显示这条说明" in page and "请不要写姓名、电话和门牌号" in page
    client.post(f"/staff/xy/issues/{issue.id}/comment", data={"note": "内部记录"})
    client.post(f"/staff/xy/issues/{issue.id}/comment", data={"note": "明天上午施工", "public_note": "y"})
    client.post(f"/staff/xy/issues/{issue.id}/move",
                data={"to_status": "accepted", "note": "已转物业", "public_note": "y"})
    events = db.session.get(Issue, issue.id).events
    assert [(e.note, e.public_note) for e in events[1:]] == [
        ("内部记录", False), ("明天上午施工", True), ("已转物业", True)]
    html = client.get(f"/c/xy/issues/{issue.id}").get_data(as_text=True)
    assert "明天上午施工" in html and "已转物业" in html and "内部记录" not in html


def test_mask_numbers_in_free_text():
    from blueprints.issues.privacy import mask_numbers

    assert mask_numbers("电话13912345678，或139-1234-5678") == "电话139****5678，或139****5678"
    assert mask_numbers("编号 2139123456789 不是手机号") == "编号 2139123456789 不是手机号"


# 2. Photos of the reporter's comments are not public.
def test_photos_of_reporter_comments_are_for_the_reporter_and_staff_only(app, client, place):
    from flask import current_app

    from blueprints.issues import services, tokens

    community, compound = place
    issue = make_issue(community, compound, public=True)
    event = services.add_comment(issue, "我家门口", by_reporter=True, photos=[BytesIO(png_bytes())],
                                 upload_dir=current_app.config["UPLOAD_DIR"])
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
    board = client.post(f"/staff/xy/issues/{issue.id}/move", data={**data, "from": "board"}, headers=HX)
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
        services.report_issue(community, services.Report(compound.id, "road", "坑", public=True), "/tmp",
                              actor=worker)


# 9. Finished issues take no more 我也遇到 and no more reporter comments.
@pytest.mark.parametrize("status", ["resolved", "closed", "rejected", "duplicate"])
def test_me_too_is_refused_once_the_issue_is_finished(client, place, status):
    from blueprints.issues import services

    community, compound = place
    issue = make_issue(community, compound, public=True, status=status)
    with pytest.raises(services.IssueClosed):
        services.me_too(issue, "13800138000")
    db.session.rollback()
    response = client.post(f"/c/xy/issues/{issue.id}/metoo", data={"mobile": "13800138001"}, headers=HX)
    assert response.status_code == 422 and "这个诉求已经办结" in response.get_data(as_text=True)
    assert db.session.get(Issue, issue.id).me_too_count == 0


@pytest.mark.parametrize("status", ["closed", "rejected", "duplicate"])
def test_reporter_comment_is_refused_once_the_issue_is_finished(app, client, place, status):
    from blueprints.issues import services, tokens

    community, compound = place
    issue = make_issue(community, compound, status=status)
    with pytest.raises(services.IssueClosed):
        services.add_comment(issue, "还有问题", by_reporter=True)
    db.session.rollback()
    with app.test_request_context():
        token = tokens.follow_token(issue.id)
    response = client.post(f"/c/xy/issues/{issue.id}/follow/{token}/comment", data={"note": "还有问题"})
    assert response.status_code == 422 and "不能再补充" in response.get_data(as_text=True)
    assert len(db.session.get(Issue, issue.id).events) == 1
    services.add_comment(issue, "工作人员回访", make_user("staff", [community]))  # staff still may


# 10. Box openings: no future dates; who opened the box and how many slips it held.
def test_slip_and_opening_dated_after_today_are_refused(client, place):
    from datetime import timedelta

    from blueprints.issues import boxes, services
    from blueprints.issues.forms import shanghai_today
    from models import BoxOpening

    community, compound = place
    staff = make_user("staff", [community], display_name="周干事")
    login(client, staff)
    tomorrow = (shanghai_today() + timedelta(days=1)).isoformat()
    slip = {"compound": compound.id, "opened_on": tomorrow, "category": "other", "what": "路灯"}
    response = client.post("/staff/xy/issues/box", data=slip, headers=HX)
    assert response.status_code == 422 and "开箱日期不能晚于今天" in response.get_data(as_text=True)
    opening = {"compound": compound.id, "opened_on": tomorrow, "opened_by": "老周", "slips_found": "0"}
    response = client.post("/staff/xy/issues/box/opening", data=opening)
    assert response.status_code == 422 and "开箱日期不能晚于今天" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(BoxOpening.id))) == 0
    with pytest.raises(boxes.FutureOpening):
        boxes.enter_slip(community, services.Report(compound.id, "other", "路灯"),
                         shanghai_today() + timedelta(days=1), staff, "/tmp")


def test_opening_records_who_opened_and_slips_found_next_to_slips_typed(client, place):
    from blueprints.issues.forms import shanghai_today
    from models import AuditEvent, BoxOpening

    community, compound = place
    login(client, make_user("staff", [community], display_name="周干事"))
    page = client.get("/staff/xy/issues/box").get_data(as_text=True)
    assert 'name="opened_by" required type="text" value="周干事"' in page
    today = shanghai_today().isoformat()
    refused = client.post("/staff/xy/issues/box/opening",
                          data={"compound": compound.id, "opened_on": today, "opened_by": "楼长老马"})
    assert refused.status_code == 422 and "空箱填0" in refused.get_data(as_text=True)
    assert 'value="楼长老马"' in refused.get_data(as_text=True)
    response = client.post("/staff/xy/issues/box/opening", data={
        "compound": compound.id, "opened_on": today, "opened_by": "楼长老马", "slips_found": "3"})
    assert response.status_code == 303
    client.post("/staff/xy/issues/box", data={"compound": compound.id, "opened_on": today,
                                              "category": "other", "what": "楼道灯坏了"})
    opening = db.session.scalar(select(BoxOpening))
    assert (opening.opened_by_name, opening.slips_found, opening.slip_count) == ("楼长老马", 3, 1)
    audit = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "box.opened"))
    assert audit.detail == {"opened_by": "楼长老马", "slips_found": 3}
    html = client.get("/staff/xy/issues/box").get_data(as_text=True)
    assert "楼长老马" in html and "3 / 1" in html and "还有2张未录入" in html


# 13. Staff can pass the follow link on to a reporter who phoned, wrote a slip or was met on patrol.
def test_staff_see_the_follow_link_with_a_qr_code_when_the_reporter_left_a_number(app, client, place):
    from blueprints.issues import services, tokens

    community, compound = place
    staff = make_user("staff", [community])
    phoned = services.report_issue(community, services.Report(
        compound.id, "road", "坑", channel="phone", reporter_mobile="13912345678"), "/tmp", actor=staff)
    nameless = services.report_issue(community, services.Report(compound.id, "road", "坑", channel="patrol"),
                                     "/tmp", actor=staff)
    with app.test_request_context():
        token = tokens.follow_token(phoned.id)
    login(client, staff)
    html = client.get(f"/staff/xy/issues/{phoned.id}").get_data(as_text=True)
    url = f"http://doorstep.test/c/xy/issues/{phoned.id}/follow/{token}"
    assert f'<a href="{url}">{url}</a>' in html and 'src="data:image/svg+xml' in html
    assert client.get(url.removeprefix("http://doorstep.test")).status_code == 200
    assert 'id="issues-follow-link"' not in client.get(f"/staff/xy/issues/{nameless.id}").get_data(as_text=True)


# 15. The reporter of a duplicate is pointed to the issue it was merged into.
def test_duplicate_reporter_sees_the_issue_it_was_merged_into(app, client, place):
    from blueprints.issues import services, tokens

    community, compound = place
    staff = make_user("staff", [community])
    original = make_issue(community, compound, what="3号楼井盖塌了", public=True)
    duplicate = make_issue(community, compound, what="井盖又塌")
    services.change_status(duplicate, "duplicate", staff, note="同一个井盖", merged_into=original)
    with app.test_request_context():
        token = tokens.follow_token(duplicate.id)
    html = client.get(f"/c/xy/issues/{duplicate.id}/follow/{token}").get_data(as_text=True)
    assert f'href="/c/xy/issues/{original.id}"' in html and "3号楼井盖塌了" in html
    original.public = False
    db.session.commit()
    html = client.get(f"/c/xy/issues/{duplicate.id}/follow/{token}").get_data(as_text=True)
    assert f"#{original.id}" in html and f'href="/c/xy/issues/{original.id}"' not in html
    assert "3号楼井盖塌了" not in html


# 16. Query counts do not grow with the number of rows.
def _get_ok(client, url):
    return lambda: client.get(url).status_code == 200 or pytest.fail(url)


def _busy_timeline(community, issue, staff_count):
    """Comments with photos by different staff, and reassignments to different workers."""
    from flask import current_app

    from blueprints.issues import services

    for n in range(staff_count):
        actor = make_user("staff", [community])
        worker = make_user("grid_worker", [community])
        services.add_comment(issue, f"第{n}次补充", actor, photos=[BytesIO(png_bytes())],
                             upload_dir=current_app.config["UPLOAD_DIR"], public_note=True)
        if issue.status in ("accepted", "assigned"):
            services.change_status(issue, "assigned", actor, assignee=worker)


def test_issue_pages_query_count_does_not_grow_with_the_timeline(app, client, place):
    from blueprints.issues import tokens
    from tests.issues.factories import count_queries

    community, compound = place
    small = make_issue(community, compound, public=True, status="accepted")
    big = make_issue(community, compound, public=True, status="accepted")
    _busy_timeline(community, small, 1)
    _busy_timeline(community, big, 6)
    with app.test_request_context():
        tokens_ = {i.id: tokens.follow_token(i.id) for i in (small, big)}
    pages = ["/c/xy/issues/{id}", "/c/xy/issues/{id}/follow/{token}"]
    client.get(f"/c/xy/issues/{small.id}")  # warm-up: the first request of a session reads more
    for page in pages:
        counts = [count_queries(_get_ok(client, page.format(id=i.id, token=tokens_[i.id]))) for i in (small, big)]
        assert counts[0] == counts[1], page
    login(client, make_user("staff", [community]))
    client.get("/staff/xy/issues")  # warm-up
    counts = [count_queries(_get_ok(client, f"/staff/xy/issues/{i.id}")) for i in (small, big)]
    assert counts[0] == counts[1]


def test_cost_page_query_count_does_not_grow_with_quotes_shares_and_payments(app, client, place):
    from datetime import date

    from blueprints.issues import costs, ledger
    from tests.factories import make_building, make_household
    from tests.issues.factories import count_queries

    community, compound = place
    staff = make_user("staff", [community])

    def issue_with(n):
        where = make_compound(community)
        buildings = [make_building(where) for _ in range(n)]
        for building in buildings:
            make_household(where, building_id=building.id)
        issue = make_issue(community, where)
        for i in range(n):
            costs.add_quote(issue, f"队{i}", 1000 * (i + 1), "", staff)
        costs.choose_quote(issue, costs.lowest_quote(issue).id, "", staff)
        for share in costs.split_equally(issue, None, staff):
            ledger.record_payment(issue, share.id, share.amount_fen, date(2026, 11, 2), "", "楼长", staff)
        return issue

    small, big = issue_with(1), issue_with(6)
    login(client, staff)
    client.get("/staff/xy/issues")  # warm-up
    counts = [count_queries(_get_ok(client, f"/staff/xy/issues/{i.id}/costs")) for i in (small, big)]
    assert counts[0] == counts[1]


def test_monthly_report_query_count_does_not_grow_with_issues(app, client, place):
    from datetime import timedelta

    from blueprints.issues import figures
    from models.base import utcnow
    from tests.issues.factories import count_queries

    community, compound = place
    login(client, make_user("staff", [community]))
    now = utcnow()
    month = figures.month_of(now.astimezone(figures.SHANGHAI).date())

    def resolve(issue):
        db.session.execute(db.update(Issue).where(Issue.id == issue.id).values(
            status="resolved", resolved_at=issue.created_at + timedelta(minutes=5)))
        db.session.commit()

    resolve(make_issue(community, compound))
    url = f"/staff/xy/print/monthly-report.html?month={month}"
    client.get("/staff/xy/issues")  # warm-up
    few = count_queries(_get_ok(client, url))
    for _ in range(5):
        resolve(make_issue(community, make_compound(community)))
    assert count_queries(_get_ok(client, url)) == few
