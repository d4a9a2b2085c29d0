"""HTTP: the public board, report form, issue page, follow link, photos, and the staff pages."""
import re
from io import BytesIO

import pytest
from flask import url_for
from sqlalchemy import func, select

from blueprints.issues import services, tokens
from extensions import db
from models import Issue, IssuePhoto
from printing.links import report_form_url
from tests.conftest import HX
from tests.factories import login, make_community, make_compound, make_grid, make_user
from tests.issues.factories import make_issue, png_bytes


def _report_data(compound, **overrides):
    data = {"compound": compound.id, "category": "safety", "what": "电线耷拉下来了",
            "where": "2号楼后", "building": 0, "reporter_name": "赵师傅",
            "reporter_mobile": "13912345678"}
    data.update(overrides)
    return data


def test_report_form_address_is_the_one_printed_on_posters(app, place):
    community, compound = place
    with app.test_request_context():
        path = url_for("issues.new", slug=community.slug, compound=compound.id)
        assert report_form_url(community.slug, compound.id) == app.config["PUBLIC_BASE_URL"] + path


def test_report_form_presets_the_compound(client, place):
    community, compound = place
    other = make_compound(community, name="外贸小区")
    html = client.get(f"/c/xy/issues/new?compound={other.id}").get_data(as_text=True)
    assert f'<option selected value="{other.id}">外贸小区</option>' in html
    assert "只用于工作人员联系您" in html


def test_report_creates_issue_and_sends_reporter_to_follow_link(client, place):
    community, compound = place
    response = client.post("/c/xy/issues/new", data=_report_data(compound))
    assert response.status_code == 303
    issue = db.session.scalar(select(Issue))
    assert issue.channel == "web" and issue.reporter_mobile == "13912345678" and not issue.public
    assert response.headers["Location"].endswith(
        f"/c/xy/issues/{issue.id}/follow/{tokens.follow_token(issue.id)}")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "电线耷拉下来了" in page and "新建" in page


def test_htmx_report_navigates_with_a_full_page_redirect(client, place):
    community, compound = place
    response = client.post("/c/xy/issues/new", data=_report_data(compound), headers=HX)
    assert response.status_code == 204 and "/follow/" in response.headers["HX-Redirect"]


def test_empty_report_is_refused_next_to_the_field_with_values_kept(client, place):
    community, compound = place
    response = client.post("/c/xy/issues/new", data=_report_data(compound, what=""), headers=HX)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="what-error"' in html and "请写下遇到的问题" in html
    assert 'value="赵师傅"' in html and 'value="2号楼后"' in html
    assert html.lstrip().startswith('<form id="issues-report-form"')
    assert db.session.scalar(select(func.count(Issue.id))) == 0


def test_renamed_non_image_is_refused_with_the_rest_kept(client, place):
    community, compound = place
    data = _report_data(compound, photos=(BytesIO(b"MZ not a photo"), "photo.jpg"))
    response = client.post("/c/xy/issues/new", data=data, content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "这个文件不是照片" in html and "请重新选择" in html and 'id="photos-error"' in html
    assert "电线耷拉下来了" in html and 'value="13912345678"' in html
    assert db.session.scalar(select(func.count(Issue.id))) == 0


def test_oversized_photo_is_refused(client, place, monkeypatch):
    community, compound = place
    monkeypatch.setattr("blueprints.core.uploads.MAX_BYTES", 1000)
    monkeypatch.setattr("blueprints.core.uploads.save_image.__defaults__", (1000, 2000))
    data = _report_data(compound, photos=(BytesIO(png_bytes((400, 400))), "big.png"))
    response = client.post("/c/xy/issues/new", data=data, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "照片超过5MB" in response.get_data(as_text=True)


def test_bad_mobile_is_refused(client, place):
    community, compound = place
    response = client.post("/c/xy/issues/new", data=_report_data(compound, reporter_mobile="12345"))
    assert response.status_code == 422 and "请填写11位手机号" in response.get_data(as_text=True)


def test_compound_of_another_community_is_refused(client, place):
    foreign = make_compound(make_community())
    response = client.post("/c/xy/issues/new", data=_report_data(foreign))
    assert response.status_code == 422
    assert db.session.scalar(select(func.count(Issue.id))) == 0


def test_public_report_post_is_rate_limited(app, client, place):
    community, compound = place
    app.config["PUBLIC_FORM_RATE_LIMIT"] = "2 per minute"
    codes = [client.post("/c/xy/issues/new", data=_report_data(compound, what="")).status_code
             for _ in range(3)]
    assert codes == [422, 422, 429]


def test_public_board_lists_only_public_issues_without_numbers(client, place):
    community, compound = place
    shown = make_issue(community, compound, what="井盖塌了", public=True)
    make_issue(community, compound, what="私下反映的邻居问题", public=False)
    html = client.get("/c/xy/issues").get_data(as_text=True)
    assert "井盖塌了" in html and "私下反映的邻居问题" not in html
    assert "13912345678" not in html and "王阿姨" not in html
    partial = client.get(f"/c/xy/issues?category=road&compound={compound.id}", headers=HX)
    assert partial.get_data(as_text=True).lstrip().startswith('<section id="issues-list"')
    detail = client.get(f"/c/xy/issues/{shown.id}").get_data(as_text=True)
    assert "井盖塌了" in detail and "13912345678" not in detail and "王阿姨" not in detail


def test_private_issue_page_is_404(client, place):
    community, compound = place
    hidden = make_issue(community, compound, public=False)
    assert client.get(f"/c/xy/issues/{hidden.id}").status_code == 404


def test_issue_of_another_community_is_404(client, place):
    other = make_issue(public=True)
    assert client.get(f"/c/xy/issues/{other.id}").status_code == 404


def _issue_with_photo(community, compound, tmp_root, public):
    report = services.Report(compound.id, "road", "坑", public=public, photos=[BytesIO(png_bytes())])
    issue = services.report_issue(community, report)
    return issue, issue.photos[0]


def test_photos_of_private_issues_are_for_staff_and_the_reporter_only(app, client, place, tmp_root):
    community, compound = place
    issue, photo = _issue_with_photo(community, compound, tmp_root, public=False)
    url = f"/c/xy/issues/{issue.id}/photos/{photo.id}"
    assert client.get(url).status_code == 404
    assert client.get(url + "?t=forged").status_code == 404
    with app.test_request_context():
        token = tokens.follow_token(issue.id)
    assert client.get(f"{url}?t={token}").status_code == 200
    login(client, make_user("grid_worker", [make_community()]))
    assert client.get(url).status_code == 404
    client.post("/logout")
    login(client, make_user("grid_worker", [community]))
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "image/png"


def test_photos_of_public_issues_are_for_everyone(client, place, tmp_root):
    community, compound = place
    issue, photo = _issue_with_photo(community, compound, tmp_root, public=True)
    response = client.get(f"/c/xy/issues/{issue.id}/photos/{photo.id}")
    assert response.status_code == 200 and response.data[:4] == b"\x89PNG"


def test_tampered_follow_link_is_404(app, client, place):
    community, compound = place
    issue = make_issue(community, compound)
    other = make_issue(community, compound)
    with app.test_request_context():
        token = tokens.follow_token(issue.id)
        other_token = tokens.follow_token(other.id)
    assert client.get(f"/c/xy/issues/{issue.id}/follow/{token}").status_code == 200
    assert client.get(f"/c/xy/issues/{issue.id}/follow/{token[:-1]}A").status_code == 404
    assert client.get(f"/c/xy/issues/{issue.id}/follow/{other_token}").status_code == 404


def test_reporter_says_not_fixed_and_the_issue_reopens(app, client, place):
    community, compound = place
    issue = make_issue(community, compound, status="resolved")
    with app.test_request_context():
        token = tokens.follow_token(issue.id)
    base = f"/c/xy/issues/{issue.id}/follow/{token}"
    assert "问题真的解决了吗" in client.get(base).get_data(as_text=True)
    refused = client.post(base + "/verdict", data={"fixed": "no", "note": ""}, headers=HX)
    assert refused.status_code == 422 and "请说一说哪里还没解决" in refused.get_data(as_text=True)
    response = client.post(base + "/verdict", data={"fixed": "no", "note": "晚上还是黑的"}, headers=HX)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert html.lstrip().startswith('<div id="issues-follow-panel"') and "晚上还是黑的" in html
    assert db.session.get(Issue, issue.id).status == "in_progress"


def test_reporter_comment_goes_on_the_timeline(app, client, place):
    community, compound = place
    issue = make_issue(community, compound)
    with app.test_request_context():
        token = tokens.follow_token(issue.id)
    client.post(f"/c/xy/issues/{issue.id}/follow/{token}/comment", data={"note": "越来越严重了"})
    event = db.session.get(Issue, issue.id).events[-1]
    assert event.by_reporter and event.note == "越来越严重了"


def test_me_too_once_per_number(client, place):
    community, compound = place
    issue = make_issue(community, compound, public=True)
    first = client.post(f"/c/xy/issues/{issue.id}/metoo", data={"mobile": "13800138000"}, headers=HX)
    assert first.status_code == 200 and "谢谢，已记下" in first.get_data(as_text=True)
    again = client.post(f"/c/xy/issues/{issue.id}/metoo", data={"mobile": "138 0013 8000"}, headers=HX)
    assert "这个号码已经点过了" in again.get_data(as_text=True)
    assert db.session.get(Issue, issue.id).me_too_count == 1
    bad = client.post(f"/c/xy/issues/{issue.id}/metoo", data={"mobile": "1"}, headers=HX)
    assert bad.status_code == 422


# ---- staff pages ----------------------------------------------------------

STAFF_URLS = ["/staff/xy/issues", "/staff/xy/issues/list", "/staff/xy/issues/new", "/staff/xy/issues/{id}"]
STAFF_ONLY = ["/staff/xy/issues/box", "/staff/xy/issues/figures", "/staff/xy/issues/{id}/costs"]


def test_anonymous_visitors_are_sent_to_login(client, place):
    community, compound = place
    issue = make_issue(community, compound)
    for url in STAFF_URLS + STAFF_ONLY:
        response = client.get(url.format(id=issue.id))
        assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("role", ["staff", "grid_worker", "admin"])
def test_console_users_of_another_community_are_refused(client, place, role):
    community, compound = place
    issue = make_issue(community, compound)
    login(client, make_user(role, [make_community()]))
    for url in STAFF_URLS + STAFF_ONLY:
        assert client.get(url.format(id=issue.id)).status_code == 403
    assert client.post(f"/staff/xy/issues/{issue.id}/move", data={"to_status": "accepted"}).status_code == 403


def test_partner_is_refused(client, place):
    community, compound = place
    issue = make_issue(community, compound)
    login(client, make_user("partner", [community]))
    for url in STAFF_URLS + STAFF_ONLY:
        assert client.get(url.format(id=issue.id)).status_code == 403


def test_grid_worker_is_refused_staff_only_pages(client, place):
    community, compound = place
    issue = make_issue(community, compound)
    login(client, make_user("grid_worker", [community]))
    for url in STAFF_ONLY:
        assert client.get(url.format(id=issue.id)).status_code == 403
    assert client.post(f"/staff/xy/issues/{issue.id}/public", data={"public": "1"}).status_code == 403


def test_staff_of_this_community_cannot_open_another_communitys_issue(client, place):
    community, compound = place
    other = make_issue()
    login(client, make_user("staff", [community]))
    assert client.get(f"/staff/xy/issues/{other.id}").status_code == 404
    assert client.post(f"/staff/xy/issues/{other.id}/move", data={"to_status": "accepted"}).status_code == 404


def test_staff_board_shows_columns_and_overdue(client, place):
    community, compound = place
    issue = make_issue(community, compound, what="路灯坏了")
    login(client, make_user("staff", [community]))
    html = client.get("/staff/xy/issues").get_data(as_text=True)
    assert "路灯坏了" in html and 'data-status="new"' in html and 'data-status="resolved"' in html
    assert re.search(r"js/issues\.(?:[0-9a-f]{12}\.)?js", html)  # the name carries its content hash
    partial = client.get("/staff/xy/issues?category=road", headers=HX).get_data(as_text=True)
    assert partial.lstrip().startswith('<div id="issues-board"') and f"#{issue.id}" in partial


def test_staff_sees_full_number_public_does_not(client, place):
    community, compound = place
    issue = make_issue(community, compound, public=True)
    login(client, make_user("staff", [community]))
    assert "13912345678" in client.get(f"/staff/xy/issues/{issue.id}").get_data(as_text=True)


def test_move_from_board_answers_204_with_trigger(client, place):
    community, compound = place
    issue = make_issue(community, compound)
    login(client, make_user("staff", [community]))
    response = client.post(f"/staff/xy/issues/board/{issue.id}/move",
                           data={"to_status": "accepted"}, headers=HX)
    assert response.status_code == 204 and response.headers["HX-Trigger"] == "issue-moved"
    assert db.session.get(Issue, issue.id).status == "accepted"


def test_illegal_move_from_board_explains_in_flash_area(client, place):
    community, compound = place
    issue = make_issue(community, compound)
    login(client, make_user("staff", [community]))
    response = client.post(f"/staff/xy/issues/board/{issue.id}/move",
                           data={"to_status": "closed"}, headers=HX)
    assert response.status_code == 422 and response.headers["HX-Retarget"] == "#flash-messages"
    assert "当前状态下不能这样操作" in response.get_data(as_text=True)
    assert db.session.get(Issue, issue.id).status == "new"


def test_reject_without_reason_is_refused_next_to_the_field(client, place):
    community, compound = place
    issue = make_issue(community, compound)
    login(client, make_user("staff", [community]))
    response = client.post(f"/staff/xy/issues/{issue.id}/move", data={"to_status": "rejected", "note": ""})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and 'id="move-note-error"' in html and "请写明理由" in html


def test_assign_from_detail_page(client, place):
    community, compound = place
    issue = make_issue(community, compound, status="accepted")
    worker = make_user("grid_worker", [community], display_name="刘网格")
    login(client, make_user("staff", [community]))
    response = client.post(f"/staff/xy/issues/{issue.id}/move",
                           data={"to_status": "assigned", "assignee": worker.id})
    assert response.status_code == 303
    issue = db.session.get(Issue, issue.id)
    assert issue.status == "assigned" and issue.assignee_id == worker.id


def test_grid_worker_sees_own_queue(client, place):
    community, compound = place
    worker = make_user("grid_worker", [community])
    make_grid(community, compounds=[compound], workers=[worker])
    issue = make_issue(community, compound, status="assigned", what="给我的活")
    db.session.execute(db.update(Issue).where(Issue.id == issue.id).values(assignee_id=worker.id))
    db.session.commit()
    login(client, worker)
    html = client.get("/staff/xy/issues").get_data(as_text=True)
    assert "我的待办（1）" in html and html.index("给我的活") < html.index('id="issues-board"')


def test_staff_phone_entry(client, place):
    community, compound = place
    login(client, make_user("staff", [community]))
    data = _report_data(compound, channel="phone", what="楼道灯坏", public="y")
    response = client.post("/staff/xy/issues/new", data=data)
    assert response.status_code == 303
    issue = db.session.scalar(select(Issue))
    assert (issue.channel, issue.public) == ("phone", True)


def test_toggle_public(client, place):
    community, compound = place
    issue = make_issue(community, compound)
    login(client, make_user("staff", [community]))
    response = client.post(f"/staff/xy/issues/{issue.id}/public", data={"public": "1"}, headers=HX)
    assert response.get_data(as_text=True).lstrip().startswith('<div id="issues-staff-panel"')
    assert db.session.get(Issue, issue.id).public


def test_box_slip_entry_keeps_compound_and_date(client, place):
    community, compound = place
    login(client, make_user("staff", [community]))
    page = client.get("/staff/xy/issues/box").get_data(as_text=True)
    assert "超过7天未开箱" in page
    data = {"compound": compound.id, "opened_on": "2026-11-23", "category": "sanitation",
            "what": "垃圾桶满了", "where": ""}
    response = client.post("/staff/xy/issues/box", data=data, headers=HX)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and html.lstrip().startswith('<form id="issues-slip-form"')
    assert 'value="2026-11-23"' in html and f'<option selected value="{compound.id}">' in html
    assert 'name="what" type="text" autocomplete="off" autofocus\n           value=""' in html
    assert "已录入" in html
    issue = db.session.scalar(select(Issue))
    assert issue.channel == "box" and issue.box_opening.slip_count == 1


def test_empty_slip_is_refused(client, place):
    community, compound = place
    login(client, make_user("staff", [community]))
    data = {"compound": compound.id, "opened_on": "2026-11-23", "category": "other", "what": ""}
    response = client.post("/staff/xy/issues/box", data=data, headers=HX)
    assert response.status_code == 422 and "请录入纸条内容" in response.get_data(as_text=True)


def test_figures_page(client, place):
    community, compound = place
    make_issue(community, compound)
    login(client, make_user("staff", [community]))
    old = client.get("/staff/xy/issues/figures")
    assert old.status_code == 301 and old.location.endswith("/staff/xy/figures")
    html = client.get(old.location).get_data(as_text=True)
    assert "按类别" in html and "道路井盖" in html and "水产宿舍" in html


def test_photo_count_stays_zero_after_refusals(client, place):
    assert db.session.scalar(select(func.count(IssuePhoto.id))) == 0


def test_report_form_in_english(client, place):
    client.set_cookie("lang", "en")
    html = client.get("/c/xy/issues/new").get_data(as_text=True)
    assert "Report a problem" in html and "What is the problem" in html


def test_reporters_comments_stay_off_the_public_page(client, place):
    community, compound = place
    issue = make_issue(community, compound, public=True)
    services.add_comment(issue, "我家住3单元502，电话13900001111", by_reporter=True)
    html = client.get(f"/c/xy/issues/{issue.id}").get_data(as_text=True)
    assert "13900001111" not in html and "报告人的补充内容不公开" in html


def test_staff_board_query_count_does_not_grow_with_issues(app, client, place):
    from sqlalchemy import event

    community, compound = place
    worker = make_user("grid_worker", [community])
    login(client, make_user("staff", [community]))

    def count_queries() -> int:
        statements = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            assert client.get("/staff/xy/issues").status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return len(statements)

    first = make_issue(community, compound, status="assigned")
    first.assignee_id = worker.id
    db.session.commit()
    few = count_queries()
    for _ in range(6):
        issue = make_issue(community, make_compound(community), status="assigned")
        issue.assignee_id = worker.id
    db.session.commit()
    assert count_queries() == few


def test_the_building_list_offers_only_the_chosen_compounds_buildings(client, place):
    from tests.factories import make_building

    community, compound = place
    other = make_compound(community, name="外贸小区")
    mine, theirs = make_building(compound, name="2号楼"), make_building(other, name="9号楼")
    page = client.get(f"/c/xy/issues/new?compound={compound.id}").get_data(as_text=True)
    assert ">2号楼<" in page and "9号楼" not in page
    assert 'hx-get="/c/xy/issues/new"' in page and 'hx-select="#building-field"' in page
    switched = client.get(f"/c/xy/issues/new?compound={other.id}", headers=HX).get_data(as_text=True)
    assert ">9号楼<" in switched and "2号楼" not in switched
    wrong = client.post("/c/xy/issues/new", data=_report_data(compound, building=theirs.id))
    assert wrong.status_code == 422 and db.session.scalar(select(func.count(Issue.id))) == 0
    right = client.post("/c/xy/issues/new", data=_report_data(compound, building=mine.id))
    assert right.status_code == 303
