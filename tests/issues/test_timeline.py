"""The issue timeline: assignment history, public and private notes, finished issues, duplicates, the follow link."""

import pytest
from sqlalchemy import select

from extensions import db
from models import Issue
from tests.conftest import HX
from tests.factories import login, make_user
from tests.issues.factories import make_issue


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


# 13. Staff can pass the follow link on to a reporter who phoned, wrote a slip or was met on patrol.
def test_staff_see_the_follow_link_with_a_qr_code_when_the_reporter_left_a_number(app, client, place):
    from blueprints.issues import services, tokens

    community, compound = place
    staff = make_user("staff", [community])
    phoned = services.report_issue(community, services.Report(
        compound.id, "road", "坑", channel="phone", reporter_mobile="13912345678"), actor=staff)
    nameless = services.report_issue(community, services.Report(compound.id, "road", "坑", channel="patrol"),
                                     actor=staff)
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
