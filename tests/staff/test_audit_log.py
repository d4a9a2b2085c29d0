"""The change log reads as sentences, narrows by person, domain and days, keeps its filters
across pages, refuses a bad range next to the field, and leaves as .xlsx or CSV."""
import ast
import csv
import io
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from openpyxl import load_workbook

from blueprints.core.audit import DOMAINS, LogFilters, events_query, record_event
from blueprints.core.audit_words import ACTIONS, sentence
from extensions import db
from models.volunteers import MEMBER_STATUSES
from tests.factories import login, make_community, make_user
from tests.queries import assert_bounded
from tests.staff.factories import make_log


@pytest.fixture
def liujin(app):
    return make_community(slug="liujin", name="流津社区")


def _recorded_actions() -> set[str]:
    """Every action string a record_event call in blueprints/ can write."""
    found = set()
    for path in Path("blueprints").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "record_event":
                for const in ast.walk(node.args[1]):
                    if isinstance(const, ast.Constant) and isinstance(const.value, str):
                        found.add(const.value)
    # f"team_member.{member.status}": its prefix, expanded over the statuses a decision sets
    found |= {f"team_member.{s}" for s in MEMBER_STATUSES if s != "pending"}
    return {a for a in found if "." in a and not a.endswith(".")}


def test_every_recorded_action_has_words_and_a_domain():
    actions = _recorded_actions()
    assert len(actions) > 80
    assert actions <= set(ACTIONS), actions - set(ACTIONS)
    prefixes = {p for _label, group in DOMAINS.values() for p in group}
    assert {a.split(".")[0] for a in actions} <= prefixes


@pytest.mark.parametrize("locale", ["zh", "en"])
def test_every_action_reads_as_a_sentence_in_both_languages(app, liujin, locale):
    staff = make_user("staff", [liujin], display_name="许书记")
    with app.test_request_context(headers={"Cookie": f"lang={locale}"}):
        for action in sorted(_recorded_actions()):
            event = record_event(staff, action, None, liujin)
            event.at = datetime(2026, 12, 3, 2, 5, tzinfo=timezone.utc)
            line = sentence(event)
            assert "许书记" in line and action not in line
            assert ("2026年12月3日 10:05" in line) if locale == "zh" else ("3 Dec 2026 10:05" in line)
            if locale == "en":  # every action has its English words (names stay as typed)
                rest = line.replace("许书记", "")
                assert not any("\u4e00" <= ch <= "\u9fff" for ch in rest), (action, line)
        db.session.rollback()


def test_a_payment_reads_with_name_yuan_and_date(client, liujin):
    from tests.issues.factories import make_issue

    staff = make_user("staff", [liujin], display_name="许书记")
    issue = make_issue(liujin)
    event = record_event(staff, "issue.payment", issue, liujin, amount_fen=4167)
    event.at = datetime(2026, 12, 3, 2, 5, tzinfo=timezone.utc)
    db.session.commit()
    login(client, staff)
    page = client.get("/staff/liujin/audit").get_data(as_text=True)
    assert f"2026年12月3日 10:05，许书记登记收款：诉求 #{issue.id}，金额 41.67 元。" in page


def _event(community, actor, action, day: date, **detail):
    event = record_event(actor, action, None, community, **detail)
    event.at = datetime(day.year, day.month, day.day, 4, 0, tzinfo=timezone.utc)  # noon in Shanghai
    return event


def test_filters_by_person_domain_and_shanghai_days(app, liujin):
    xu = make_user("staff", [liujin], display_name="许书记")
    wang = make_user("staff", [liujin], display_name="王干事")
    _event(liujin, xu, "offer.approved", date(2026, 11, 1), title="早")
    _event(liujin, wang, "issue.created", date(2026, 11, 15))
    _event(liujin, xu, "issue.created", date(2026, 11, 30))
    late = record_event(xu, "issue.comment", None, liujin)
    late.at = datetime(2026, 11, 30, 16, 30, tzinfo=timezone.utc)  # 00:30 on 1 December in Shanghai
    db.session.commit()

    def actions(**kw):
        return [e.action for e in db.session.scalars(events_query(liujin, LogFilters(**kw)))]

    assert actions(actor_id=xu.id) == ["issue.comment", "issue.created", "offer.approved"]
    assert actions(domain="issues", actor_id=wang.id) == ["issue.created"]
    assert actions(start=date(2026, 11, 15), end=date(2026, 11, 30)) == ["issue.created"] * 2
    assert actions(start=date(2026, 12, 1)) == ["issue.comment"]
    assert actions(domain="offers", start=date(2026, 12, 1)) == []


def test_filters_stay_in_the_next_page_link(client, liujin):
    staff = make_user("staff", [liujin])
    make_log(liujin, 60, actor=staff)
    login(client, staff)
    html = client.get(f"/staff/liujin/audit?actor={staff.id}&domain=offers").get_data(as_text=True)
    assert f"actor={staff.id}" in html.split('rel="next"')[1].split(">")[0] or \
        f"actor={staff.id}" in html.split('rel="next"')[0].rsplit("<a", 1)[1]
    assert "domain=offers" in html.split('rel="next"')[0].rsplit("<a", 1)[1] + html.split('rel="next"')[1].split(">")[0]


def test_end_before_start_is_a_message_next_to_the_field(client, liujin):
    login(client, make_user("staff", [liujin]))
    response = client.get("/staff/liujin/audit?start=2026-12-03&end=2026-12-01")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="end-error"' in html and "结束日期不能早于开始日期" in html


@pytest.mark.parametrize("query", ["start=0001-01-01", "end=9999-12-31", "start=garbage",
                                   "actor=99999999999999", "actor=abc", "domain=nope"])
def test_far_dates_and_garbage_are_field_errors(client, liujin, query):
    login(client, make_user("staff", [liujin]))
    response = client.get(f"/staff/liujin/audit?{query}")
    assert response.status_code == 422
    assert "field__error" in response.get_data(as_text=True)


def _download(client, file_format, query=""):
    response = client.post(f"/staff/liujin/audit/export?{query}", data={"format": file_format})
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response.get_data()


def test_export_of_the_filtered_log_as_xlsx_and_csv(client, liujin):
    xu = make_user("staff", [liujin], display_name="许书记")
    wang = make_user("staff", [liujin], display_name="王干事")
    _event(liujin, xu, "offer.approved", date(2026, 11, 1), title="每天九折")
    _event(liujin, wang, "issue.created", date(2026, 11, 15))
    db.session.commit()
    login(client, xu)
    sheet = load_workbook(io.BytesIO(_download(client, "xlsx", "domain=offers")),
                          read_only=True).worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["时间", "操作人", "做了什么", "操作代码"]
    assert rows[1:] == [["2026-11-01 12:00", "许书记",
                         "2026年11月1日 12:00，许书记审核通过并发布：名称 每天九折。", "offer.approved"]]
    data = _download(client, "csv", f"actor={wang.id}")
    assert data.startswith("\ufeff".encode())
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert [line[3] for line in lines[1:]] == ["issue.created"]
    # Both downloads are in the log themselves, by the one who made them.
    assert "导出表格" in client.get("/staff/liujin/audit?domain=exports").get_data(as_text=True)


def test_export_refuses_a_bad_range(client, liujin):
    login(client, make_user("staff", [liujin]))
    response = client.post("/staff/liujin/audit/export?start=2026-12-03&end=2026-12-01",
                           data={"format": "xlsx"})
    assert response.status_code == 422 and "结束日期不能早于开始日期" in response.get_data(as_text=True)


@pytest.mark.parametrize("role", ["grid_worker", "partner"])
def test_export_is_staff_only(client, liujin, role):
    login(client, make_user(role, [liujin]))
    assert client.post("/staff/liujin/audit/export", data={"format": "csv"}).status_code == 403


def test_other_communitys_staff_and_the_public_cannot_export(client, liujin):
    assert client.post("/staff/liujin/audit/export", data={"format": "csv"}).status_code in (302, 401, 403)
    login(client, make_user("staff", [make_community(slug="xingyuan")]))
    assert client.post("/staff/liujin/audit/export", data={"format": "csv"}).status_code == 403


def test_filtered_log_sends_as_many_queries_at_10x(client, liujin):
    staff = make_user("staff", [liujin])
    make_log(liujin, 60, actor=staff)
    login(client, staff)
    urls = [f"/staff/liujin/audit?actor={staff.id}&domain=offers&start=2000-01-01&end=2100-01-01",
            "/staff/liujin/audit?page=2&domain=offers"]
    assert_bounded(client, urls, lambda: make_log(liujin, 540, actor=make_user("staff", [liujin])))
