"""What each migration does to the data already there, and where the app shows that data.

DATA_CHECKS[revision] is a DataCheck; tests/migrations/test_each_migration.py runs it on a
database filled by tests/migrations/fillers.py. A revision without an entry fails the tests
(docs/migrations.md says how to write one).

Every check function gets a StepResult: `before` and `after` snapshots
({table: {primary key: {column: value}}}) and an open `connection`. Everything not named in
`changes` must come through a step unchanged; the test checks that by itself.
"""
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from tests.migrations import fillers


@dataclass
class StepResult:
    revision: str
    before: dict
    after: dict
    connection: object

    def rows(self, table: str, when: str = "after") -> dict:
        return getattr(self, when)[table]

    def row(self, table: str, key, when: str = "after") -> dict:
        return getattr(self, when)[table][key if isinstance(key, tuple) else (key,)]


@dataclass(frozen=True)
class DataCheck:
    """How to verify one migration on a populated database.

    upgraded(step): after the upgrade, the data the migration moves or fills is right.
    downgraded(step): after the downgrade (`before` is the upgraded state with the
        revision's own filler rows added), what it moves back is right.
    pages(site): at head, the app's own pages for this revision's data still answer.
    changes / downgrade_changes: (table, column) pairs the step means to rewrite.
    irreversible: the downgrade raises; the migration's docstring says why.
    """

    upgraded: Callable[[StepResult], None]
    pages: Callable
    downgraded: Callable[[StepResult], None] = lambda step: None
    changes: frozenset = field(default_factory=frozenset)
    downgrade_changes: frozenset = field(default_factory=frozenset)
    irreversible: bool = False


def page(client, url: str, *present: str, absent: tuple = (), status: int = 200) -> str:
    """GET a page, check its status and which texts it shows and must not show."""
    response = client.get(url)
    assert response.status_code == status, f"GET {url}: {response.status_code}, wanted {status}"
    html = response.get_data(as_text=True)
    for text in present:
        assert text in html, f"GET {url} does not show {text!r}"
    for text in absent:
        assert text not in html, f"GET {url} shows {text!r}"
    return html


def only_new_tables(*names: str) -> Callable[[StepResult], None]:
    """The step creates these tables, empty, and touches no other table."""
    def check(step: StepResult) -> None:
        created = set(step.after) - set(step.before)
        assert created == set(names), f"{step.revision} created {sorted(created)}"
        assert all(not step.after[n] for n in names)
    return check


def new_columns(table: str, **expected) -> Callable[[StepResult], None]:
    """Every existing row of `table` got these values in the columns the step adds."""
    def check(step: StepResult) -> None:
        rows = step.rows(table)
        assert rows, f"no {table} rows to check {step.revision} on: extend the fillers"
        for key, row in rows.items():
            for column, value in expected.items():
                assert row[column] == value, f"{table} {key}: {column} is {row[column]!r}"
    return check


# ---- 0001 foundation ---------------------------------------------------------------------

FOUNDATION = ("communities", "users", "audit_events", "compounds", "grids", "invites",
              "user_communities", "buildings", "grid_compounds", "grid_workers",
              "grid_buildings", "households", "household_tags", "people")


def foundation_downgraded(step: StepResult) -> None:
    assert step.after == {}, f"tables left after downgrading 0001: {sorted(step.after)}"


def foundation_pages(site) -> None:
    public = site.client()
    page(public, "/c/liujin/", "流津社区", "0317-5550101")
    page(public, "/c/xingyuan/", "兴元社区")
    page(public, f"/invite/{fillers.INVITE_TOKEN}", "liujin-grid2")
    # The password hashes of the oldest release still log in.
    admin = site.login("admin", "doorstep-demo")
    # Both need the admin's user_communities rows (0002 used to cascade them away on SQLite).
    page(admin, "/staff/liujin/", "流津社区")
    page(admin, "/staff/xingyuan/", "兴元社区")
    page(site.login("xingyuan-grid", "doorstep-demo"), "/staff/xingyuan/")
    staff = site.login("liujin-staff")
    page(staff, "/staff/liujin/invites", "流津网格员二")
    page(staff, "/staff/liujin/audit", "流津社区工作人员")


# ---- 0002 services -----------------------------------------------------------------------

def services_upgraded(step: StepResult) -> None:
    only_new_tables("partners", "offers", "checklist_prints", "offer_revisions",
                    "partner_visits")(step)
    new_columns("users", partner_id=None)(step)


def services_pages(site) -> None:
    page(site.client(), "/c/liujin/services", "八十岁以上老人免费用餐", "温州饭吧",
         absent=("上门理发", "周六日九折"))  # paused; pending and never published
    page(site.client(), "/c/liujin/services/1", "每天午餐一份，免费")
    page(site.client(), "/c/xingyuan/services", "送货上门")
    page(site.login("liujin-partner"), "/partner/", "八十岁以上老人免费用餐")
    staff = site.login("liujin-staff")
    page(staff, "/staff/liujin/services/", "周六日九折")
    page(staff, "/staff/liujin/services/partners", "微发馆", "康宁大药房")
    page(staff, "/staff/liujin/services/offers/2/history", "请写明周师傅哪几天在店")


# ---- 0003 volunteers ---------------------------------------------------------------------

def volunteers_pages(site) -> None:
    page(site.client(), "/c/liujin/activities", "清理楼道小广告")
    page(site.client(), "/c/liujin/activities/1", "清理楼道小广告")
    staff = site.login("liujin-staff")
    page(staff, "/staff/liujin/activities/1", "志愿者周敏")
    page(staff, "/staff/liujin/teams", "流津红马甲")
    page(staff, "/staff/liujin/outbox", "请准时到达", "已发送")
    page(site.login("xingyuan-staff"), "/staff/xingyuan/activities/2", "志愿者孙强")


# ---- 0004 team partner -------------------------------------------------------------------

def team_partner_pages(site) -> None:
    page(site.login("liujin-partner"), "/partner/teams", "流津红马甲")
    page(site.login("liujin-staff"), "/staff/liujin/teams", "流津红马甲", "永兴超市红马甲")


# ---- 0005 issues -------------------------------------------------------------------------

def issues_pages(site) -> None:
    public = site.client()
    page(public, "/c/xingyuan/issues", "化粪池堵了", absent=("井盖松动",))
    page(public, "/c/xingyuan/issues/1", "化粪池堵了", absent=("13912345678",))
    page(public, "/c/xingyuan/issues/2", status=404)  # not public
    photo = public.get("/c/xingyuan/issues/1/photos/1")
    assert photo.status_code == 200
    assert photo.data == (site.upload_dir / "issues" / fillers.PHOTO_NAMES[0]).read_bytes()
    # The reporter's own comment photo stays private, even on a public issue.
    assert public.get("/c/xingyuan/issues/1/photos/2").status_code == 404
    staff = site.login("xingyuan-staff")
    page(staff, "/staff/xingyuan/issues", "井盖松动", "化粪池堵了")
    page(staff, "/staff/xingyuan/issues/1", "王大爷", "今天又漫出来了")
    page(staff, "/staff/xingyuan/issues/2", "井盖松动")
    page(staff, "/staff/xingyuan/issues/1/costs", "沧州管道疏通公司", "张桂英")
    page(staff, "/staff/xingyuan/issues/box", "水产宿舍")
    page(staff, "/staff/xingyuan/figures", "每月诉求（按类别）")
    assert staff.get("/c/xingyuan/issues/1/photos/2").status_code == 200
    page(site.client(), "/c/liujin/issues", "电动车在楼道里充电")


# ---- 0006 volunteers fixes ---------------------------------------------------------------

def outbox_pages(site) -> None:
    # Messages from before 0006 keep their state; the skipped one says why it was not sent.
    page(site.login("liujin-staff"), "/staff/liujin/outbox", "请准时到达", "已发送", "待发送",
         "活动已取消。", "未发送：报名或班次已取消")
    page(site.login("xingyuan-staff"), "/staff/xingyuan/outbox", "发送失败，将重试")


# ---- 0007 services fixes -----------------------------------------------------------------
# The data move: a partner whose public phone is a resident's (people.mobile) or an
# account's (users.mobile) own number gets it moved to the new staff-only contact_phone,
# and its public phone emptied. Other partners keep their phone and get contact_phone ''.
# The downgrade puts contact_phone back into phone where phone is empty; a contact_phone
# next to a non-empty phone (only possible after the upgrade) is dropped with the column.

MOVED_PHONES = {2: fillers.VOLUNTEER_MOBILE, 3: fillers.PARTNER_MOBILE}


def contact_phone_upgraded(step: StepResult) -> None:
    for (partner_id,), row in step.rows("partners").items():
        old_phone = step.row("partners", partner_id, "before")["phone"]
        if partner_id in MOVED_PHONES:
            assert (row["phone"], row["contact_phone"]) == ("", MOVED_PHONES[partner_id]), row
        else:
            assert (row["phone"], row["contact_phone"]) == (old_phone, ""), row


def contact_phone_downgraded(step: StepResult) -> None:
    phones = {key[0]: row["phone"] for key, row in step.rows("partners").items()}
    assert phones[2] == fillers.VOLUNTEER_MOBILE and phones[3] == fillers.PARTNER_MOBILE
    assert phones[6] == "0317-5556113"  # its contact_phone 13712345678 is dropped
    assert phones[7] == "13612345678"  # only a contact number: it becomes the phone again


def contact_phone_pages(site) -> None:
    page(site.client(), "/c/liujin/services", "0317-5556018",
         absent=(fillers.VOLUNTEER_MOBILE, fillers.PARTNER_MOBILE, "13712345678"))
    # Staff still see the moved numbers, as the contact person's.
    page(site.login("liujin-staff"), "/staff/liujin/services/partners",
         f"周师傅 {fillers.VOLUNTEER_MOBILE}", f"王经理 {fillers.PARTNER_MOBILE}")


# ---- 0008 issues fixes -------------------------------------------------------------------

def issues_fixes_upgraded(step: StepResult) -> None:
    new_columns("box_openings", opened_by_name="", slips_found=None)(step)
    new_columns("issue_events", assignee_id=None, public_note=False, amount_fen=None)(step)
    new_columns("payments", reverses_id=None, note="")(step)


def issues_fixes_pages(site) -> None:
    staff = site.login("xingyuan-staff")
    page(staff, "/staff/xingyuan/issues/5", "楼道灯不亮", "兴元网格员")
    page(staff, "/staff/xingyuan/issues/box", "楼长老李")
    page(staff, "/staff/xingyuan/issues/1/costs", "记错了户")
    page(site.client(), "/c/xingyuan/issues/1", "清掏队周六上午来", absent=("王大爷电话",))


# ---- 0009 login sessions -----------------------------------------------------------------
# A new table only. Sessions from before (cookies holding a user id) end: everyone logs in
# once more, with the password they had.

def login_sessions_pages(site) -> None:
    staff = site.login("liujin-staff")
    page(staff, "/staff/liujin/accounts", "流津社区工作人员")
    staff.post("/logout")
    assert staff.get("/staff/liujin/").status_code == 302  # logged out on the server too


# ---- 0010 follow link version -------------------------------------------------------------
# Every issue starts at version 1, which links made before the column carry implicitly.

def follow_version_pages(site) -> None:
    from blueprints.issues.tokens import follow_token

    with site.app.test_request_context():
        old, current = follow_token(1), follow_token(1, 2)
        untouched = follow_token(5)
    client = site.client()
    page(client, f"/c/xingyuan/issues/1/follow/{old}", status=404)
    page(client, f"/c/xingyuan/issues/1/follow/{current}")
    page(client, f"/c/xingyuan/issues/5/follow/{untouched}")  # a link sent before 0010 works


def data_version_pages(site) -> None:
    # The home page is built, then served from memory until a change raises the version.
    client = site.client()
    page(client, "/c/liujin/")
    page(client, "/c/liujin/")
    page(client, "/c/xingyuan/issues/1")


# ---- 0012 offer search columns ------------------------------------------------------------
# The published terms of each offer, said again in columns: offer 1 is for 80+ (who bit 2),
# every day; 2 is on day 28 of each month, for everyone; 3 was never published; 4 daily.

SEARCH_COLUMNS = {1: (4, 127, None), 2: (63, 0, 28), 3: (0, 0, None), 4: (63, 127, None)}


def search_columns_upgraded(step: StepResult) -> None:
    for (offer_id,), row in step.rows("offers").items():
        found = (row["who_mask"], row["weekday_mask"], row["month_day"])
        assert found == SEARCH_COLUMNS[offer_id], f"offer {offer_id}: {found}"
        assert (row["valid_from"], row["valid_until"], row["runs_from"], row["runs_until"]) == (
            None, None, None, None), row


def search_columns_pages(site) -> None:
    public = site.client()
    page(public, "/c/liujin/services?who=over_80", "八十岁以上老人免费用餐",
         absent=("独居老人每日问候",))
    page(public, "/c/liujin/services?who=living_alone", "独居老人每日问候",
         absent=("八十岁以上老人免费用餐",))
    page(public, "/c/liujin/services?today=1", "八十岁以上老人免费用餐", "独居老人每日问候")
    page(public, "/c/liujin/", "独居老人每日问候")


# ---- 0013 stored blobs ---------------------------------------------------------------------
# Every upload a row names and whose file is there is copied into stored_blobs, under the key
# the app reads; a name whose file was lost is skipped. The files stay. At head the uploads
# are served from the database, also by a host whose upload folder is empty. The downgrade
# writes back every stored upload the folder lacks (0013's own logo too).

STORED_UPLOADS = {f"uploads/issues/{n}" for n in (*fillers.PHOTO_NAMES, fillers.SCAN_NAME)} | {
    f"uploads/{fillers.LOGO_NAMES[6]}"}


def stored_blobs_upgraded(step: StepResult) -> None:
    rows = step.rows("stored_blobs")
    assert {key for (key,) in rows} == STORED_UPLOADS
    for (key,), row in rows.items():
        data = fillers.photo_bytes(fillers.SHADES[key.rsplit("/", 1)[1]])
        assert (bytes(row["data"]), row["size"], row["content_type"]) == (data, len(data), "image/jpeg")


def stored_blobs_pages(site) -> None:
    shutil.rmtree(site.upload_dir)  # another host, with an instance folder of its own
    public, staff = site.client(), site.login("xingyuan-staff")
    served = {fillers.PHOTO_NAMES[0]: public.get("/c/xingyuan/issues/1/photos/1"),
              fillers.PHOTO_NAMES[1]: staff.get("/c/xingyuan/issues/1/photos/2"),
              fillers.SCAN_NAME: staff.get("/staff/xingyuan/issues/1/quotes/2/scan"),
              fillers.LOGO_NAMES[6]: public.get("/c/liujin/services/logos/6"),
              fillers.LOGO_NAMES[8]: public.get("/c/liujin/services/logos/8")}
    for name, response in served.items():
        assert response.status_code == 200, name
        assert response.data == fillers.photo_bytes(fillers.SHADES[name]), name
    assert public.get("/c/liujin/services/logos/7").status_code == 404  # its file was lost


def stored_blobs_downgraded(step: StepResult) -> None:
    from flask import current_app  # the check's connection runs in the site's app context

    folder = Path(current_app.config["UPLOAD_DIR"])
    for name in (*fillers.PHOTO_NAMES, fillers.SCAN_NAME):
        assert (folder / "issues" / name).read_bytes() == fillers.photo_bytes(fillers.SHADES[name])
    for name in (fillers.LOGO_NAMES[6], fillers.LOGO_NAMES[8]):
        assert (folder / name).read_bytes() == fillers.photo_bytes(fillers.SHADES[name])
    assert not (folder / "print").exists()  # cached PDFs are dropped, not written out


# ---- 0014 render jobs ----------------------------------------------------------------------
# A new table only; the print centre shows a job's progress from it.

def render_jobs_pages(site) -> None:
    page(site.login("liujin-staff"), "/staff/liujin/print/jobs/1", "已生成",
         "/staff/liujin/print/services.pdf?size=A4")
    xingyuan = site.login("xingyuan-staff")
    page(xingyuan, "/staff/xingyuan/print/jobs/2", "排队等待生成", 'hx-trigger="every 2s"')
    page(xingyuan, "/staff/xingyuan/print/jobs/1", status=404)  # liujin's job


# ---- 0015 course requests ------------------------------------------------------------------
# New tables only; the public classes page and the staff list show the requests.

def course_requests_pages(site) -> None:
    public = site.client()
    page(public, "/c/liujin/classes", "钩针编织", "3 人想学", "材料费较高，先办钩织班",
         "/c/liujin/classes/requests/1", absent=(fillers.VOLUNTEER_MOBILE,))
    page(public, "/c/liujin/classes/requests/3", "学钩织", "/c/liujin/classes/requests/1")
    page(public, "/c/xingyuan/classes/requests/1", status=404)
    page(site.login("liujin-staff"), "/staff/liujin/classes/requests", "钩针编织", "杯花", "学钩织")
# ---- 0016 rooms ----------------------------------------------------------------------------
# New tables only; the rooms page, a room's week (public: titles, no booker) and the staff
# week show them, and the database still refuses an overlapping booking.

ROOMS_WEEK = "week=2030-W22"  # LATER, 2030-06-01


def rooms_pages(site) -> None:
    public = site.client()
    page(public, "/c/liujin/rooms", "党群服务中心活动室", "健身房", "周一不开放",
         absent=("邻聚力会客厅",))
    page(public, f"/c/liujin/rooms/1?{ROOMS_WEEK}", "居民议事会", "09:00–11:00",
         absent=("旧的安排", "流津社区工作人员"))
    page(site.login("liujin-staff"), f"/staff/liujin/rooms/1?{ROOMS_WEEK}", "居民议事会",
         "流津社区工作人员")
    page(site.login("xingyuan-staff"), "/staff/xingyuan/rooms/1", status=404)
    with pytest.raises(IntegrityError), site.begin() as connection:
        connection.execute(text(
            "INSERT INTO room_bookings (id, room_id, starts_at, ends_at, title, purpose, "
            "created_at) SELECT 9, room_id, starts_at, ends_at, 'x', 'other', created_at "
            "FROM room_bookings WHERE id = 1"))


# ---- 0017 register and teachers ------------------------------------------------------------
# Doors read from the addresses the register already had ("7号楼2单元301": unit 2, floor 3,
# room 301); every household occupied, every consent taken in person and not withdrawn.

def register_upgraded(step: StepResult) -> None:
    rows = step.rows("households")
    assert rows, "no households to check 0017 on: extend the fillers"
    for key, row in rows.items():
        assert row["status"] == "occupied", (key, row["status"])
        if row["address"] == "1号楼2单元301":
            assert (row["unit"], row["floor"], row["room"]) == ("2", 3, "301"), row
        if row["address"].endswith(("单元101", "单元202", "单元301", "单元402")):
            assert row["room"] == row["address"][-3:] and row["floor"] == int(row["address"][-3]), row
    assert any(r["address"] == "1号楼2单元301" for r in rows.values())
    for key, row in step.rows("household_tags").items():
        assert (row["consent_method"], row["withdrawn_at"]) == ("in_person", None), (key, row)
    assert step.rows("class_teachers") == {}


def register_pages(site) -> None:
    # The vacant flat and the withdrawn consent are shown by the register's pages once they
    # exist; until then the pages that read households and people still answer.
    page(site.client(), "/c/liujin/classes", "钩针编织", absent=("13912349001",))
    page(site.login("liujin-staff"), "/staff/liujin/", "流津社区")


# ---- 0018 courses --------------------------------------------------------------------------
# Two new tables; every existing sign-up is a volunteer's (role ""). The course page shows
# the teacher by name only; staff see the session taught and its rating.

def courses_upgraded(step: StepResult) -> None:
    created = set(step.after) - set(step.before)
    assert created == {"courses", "session_ratings"}, created
    assert not step.after["courses"] and not step.after["session_ratings"]
    new_columns("volunteer_signups", role="")(step)


def courses_pages(site) -> None:
    page(site.client(), "/c/liujin/classes/1", "钩针编织入门", "叶胜新", "钩针一根",
         absent=("13912349001",))
    page(site.client(), "/c/liujin/activities", absent=("钩针编织入门",))
    page(site.login("liujin-staff"), "/staff/liujin/classes/courses/1", "已记录", "5.0",
         "针法讲得很细")


# ---- 0019 recruitment ------------------------------------------------------------------------
# Two new tables, empty; on the way down, a request answered by a call is open again (the
# older code knows no "answered").

def recruitment_downgraded(step: StepResult) -> None:
    answered = step.row("course_requests", 4)
    assert (answered["status"], answered["decided_at"]) == ("open", None), answered
    assert step.row("course_requests", 1)["status"] == "open"


def recruitment_pages(site) -> None:
    page(site.client(), "/c/liujin/classes", "书法老师", absent=("剪纸老师",))
    page(site.client(), "/c/liujin/classes/calls/1", "书法老师", "叶胜新",
         absent=("13912349001", "刘雅琴"))
    page(site.client(), "/c/liujin/classes/requests/4", "/c/liujin/classes/calls/1")
    page(site.login("liujin-staff"), "/staff/liujin/classes/calls/1", "刘雅琴", "13912349001")


# ---- 0020 visits -----------------------------------------------------------------------------
# New tables only; the round's page counts the visit and lists the cold flat, and the
# grid worker's roster shows the door's state; a second visit with the same client id is refused.

def visits_pages(site) -> None:
    staff = site.login("liujin-staff")
    page(staff, "/staff/liujin/visits", "冬季入户走访")
    page(staff, "/staff/liujin/visits/1", "冬季入户走访", "16.5℃", "需要关注的住户")
    with site.begin() as connection:
        grid = connection.scalar(text("SELECT grid_id FROM visit_campaign_grids WHERE campaign_id = 1"))
    page(site.login("liujin-grid"), f"/staff/liujin/visits/1/grids/{grid}", "已访", "不在家 · 1次")
    page(site.login("xingyuan-staff"), "/staff/liujin/visits/1", status=403)
    with pytest.raises(IntegrityError), site.begin() as connection:
        connection.execute(text(
            "INSERT INTO visits (id, community_id, campaign_id, household_id, client_id, outcome, "
            "need, source, visited_at, created_at) SELECT 9, community_id, campaign_id, "
            "household_id, client_id, outcome, need, source, visited_at, created_at "
            "FROM visits WHERE id = 1"))


# ---- 0022 visit team visitors ---------------------------------------------------------------
# One nullable column: earlier visits have no team member; a member's visit shows their name.

def team_visitors_pages(site) -> None:
    page(site.login("liujin-staff"), f"/staff/liujin/visits/1/households/{_door_of_visit(site, 3)}",
         "已访", "不在家", "志愿者周敏")


def _door_of_visit(site, visit_id: int) -> int:
    with site.begin() as connection:
        return connection.scalar(text("SELECT household_id FROM visits WHERE id = :v"),
                                 {"v": visit_id})
# ---- 0023 open311 ----------------------------------------------------------------------------
# A new table only; the staff page lists both keys, the revoked one is refused (the live
# one's filing is tested in tests/open311: a page check must not write), the issues read.

def open311_pages(site) -> None:
    page(site.login("liujin-staff"), "/staff/liujin/open311", "12345 市民热线", "旧物业公司", "已作废")
    client = site.client()
    fields = {"service_code": "road", "description": "井盖松动", "jurisdiction_id": "liujin",
              "api_key": "old-property-key"}
    refused = client.post("/open311/v2/requests.json", data=fields)
    assert refused.status_code == 403 and "revoked" in refused.get_data(as_text=True)
    listed = client.get("/open311/v2/requests.json?jurisdiction_id=liujin&start_date=2000-01-01")
    assert listed.status_code == 200 and isinstance(listed.get_json(), list)


# ---- 0024 targeted rounds --------------------------------------------------------------------
# Every existing round walks all its doors (targeted false); a round of the gap list lists
# only its own door, while the winter round of the same grid still lists all of them.

def targeted_rounds_upgraded(step: StepResult) -> None:
    only_new_tables("visit_campaign_households")(step)
    new_columns("visit_campaigns", targeted=False)(step)


def targeted_rounds_pages(site) -> None:
    with site.begin() as connection:
        grid = connection.scalar(text("SELECT grid_id FROM visit_campaign_grids WHERE campaign_id = 2"))
        door = connection.scalar(text("SELECT household_id FROM visit_campaign_households"))
        others = connection.execute(text(
            "SELECT h.id FROM households h JOIN grid_compounds g ON g.compound_id = h.compound_id "
            "WHERE g.grid_id = :grid AND h.id != :door"), {"grid": grid, "door": door}).scalars().all()
    worker = site.login("liujin-grid")
    page(worker, "/staff/liujin/visits/2", "定向走访")
    targeted = page(worker, f"/staff/liujin/visits/2/grids/{grid}")
    winter = page(worker, f"/staff/liujin/visits/1/grids/{grid}")
    assert f"/households/{door}" in targeted and f"/households/{door}" in winter
    assert not any(f"/households/{h}\"" in targeted for h in others)
    assert any(f"/households/{h}\"" in winter for h in others)


# ---- 0025 console_seen ------------------------------------------------------------------------
# A new table only; the start page counts what came in since the visit the filler recorded.

def console_seen_pages(site) -> None:
    page(site.login("liujin-staff"), "/staff/liujin/", "需要处理的事", "自 11月20日 10:00 以来的新诉求")
    page(site.login("admin"), "/staff/xingyuan/", "自 11月20日 10:00 以来的新诉求")


DATA_CHECKS: dict[str, DataCheck] = {
    "0001_foundation": DataCheck(upgraded=only_new_tables(*FOUNDATION),
                                 downgraded=foundation_downgraded, pages=foundation_pages),
    "0002_services": DataCheck(upgraded=services_upgraded, pages=services_pages),
    "0003_volunteers": DataCheck(
        upgraded=only_new_tables("volunteer_teams", "volunteer_activities", "volunteer_shifts",
                                 "volunteer_links", "volunteer_signups",
                                 "volunteer_team_members", "volunteer_outbox"),
        pages=volunteers_pages),
    "0004_team_partner": DataCheck(upgraded=new_columns("volunteer_teams", partner_id=None),
                                   pages=team_partner_pages),
    "0005_issues": DataCheck(
        upgraded=only_new_tables("box_openings", "issues", "cost_shares", "deliberations",
                                 "issue_events", "issue_me_toos", "quotes", "issue_photos",
                                 "payments"),
        pages=issues_pages),
    "0006_volunteers_fixes": DataCheck(upgraded=new_columns("volunteer_outbox", skipped_at=None),
                                       pages=outbox_pages),
    "0007_services_fixes": DataCheck(
        upgraded=contact_phone_upgraded, downgraded=contact_phone_downgraded,
        pages=contact_phone_pages, changes=frozenset({("partners", "phone")}),
        downgrade_changes=frozenset({("partners", "phone")})),
    "0008_issues_fixes": DataCheck(upgraded=issues_fixes_upgraded, pages=issues_fixes_pages),
    "0009_login_sessions": DataCheck(upgraded=only_new_tables("login_sessions"),
                                     pages=login_sessions_pages),
    "0010_follow_link_version": DataCheck(upgraded=new_columns("issues", follow_version=1),
                                          pages=follow_version_pages),
    "0011_data_version": DataCheck(upgraded=new_columns("communities", data_version=0),
                                   pages=data_version_pages),
    "0012_offer_search_columns": DataCheck(upgraded=search_columns_upgraded,
                                           pages=search_columns_pages),
    "0013_stored_blobs": DataCheck(upgraded=stored_blobs_upgraded, pages=stored_blobs_pages,
                                   downgraded=stored_blobs_downgraded),
    "0014_render_jobs": DataCheck(upgraded=only_new_tables("render_jobs"), pages=render_jobs_pages),
    "0015_course_requests": DataCheck(upgraded=only_new_tables("course_requests", "course_supports"),
                                      pages=course_requests_pages),
    "0016_rooms": DataCheck(upgraded=only_new_tables("rooms", "room_bookings"), pages=rooms_pages),
    "0017_register_and_teachers": DataCheck(upgraded=register_upgraded, pages=register_pages),
    "0018_courses": DataCheck(upgraded=courses_upgraded, pages=courses_pages),
    "0019_recruitment": DataCheck(
        upgraded=only_new_tables("recruitment_calls", "call_applications"),
        downgraded=recruitment_downgraded, pages=recruitment_pages,
        downgrade_changes=frozenset({("course_requests", "status"),
                                     ("course_requests", "decided_at")})),
    "0020_visits": DataCheck(
        upgraded=only_new_tables("visit_campaigns", "visit_campaign_grids", "visit_questions",
                                 "visit_assignments", "visits", "visit_answers"),
        pages=visits_pages),
    "0021_home_services": DataCheck(
        upgraded=only_new_tables("home_offers", "home_visit_dates", "home_bookings",
                                 "service_cards", "service_uses"),
        pages=register_pages),
    "0022_visit_team_visitors": DataCheck(upgraded=new_columns("visits", visitor_team_member_id=None),
                                          pages=team_visitors_pages),
    "0023_open311": DataCheck(upgraded=only_new_tables("open311_keys"), pages=open311_pages),
    "0024_targeted_rounds": DataCheck(upgraded=targeted_rounds_upgraded,
                                      pages=targeted_rounds_pages),
    "0025_console_seen": DataCheck(upgraded=only_new_tables("console_seen"), pages=console_seen_pages),
}
