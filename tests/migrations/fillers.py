"""Realistic rows for each revision, written with the schema of that revision.

FILLERS[revision](connection, upload_dir) runs on a database that stands at `revision`
and already holds the rows of every earlier filler: it adds rows to the tables the
revision created and uses the columns it added (and may attach earlier rows to them,
as a site would). The ORM models describe head only, so fillers write through reflected
tables (tests/migrations/helpers.insert). Ids are explicit so that data checks and
page checks can name the rows.

0001 loads the oldest release's demo seed (data/0001_demo.sql) and adds what the seed
leaves empty (audit events, an invite, grid buildings, a volunteer without a household).
"""
import hashlib
import io
from datetime import date, time, timedelta
from pathlib import Path

from sqlalchemy import text

from tests.migrations.helpers import insert, load_sql, utc

T0 = utc(2026, 11, 20, 2, 0)  # 10:00 in Shanghai
LATER = utc(2030, 6, 1, 1, 0)  # activities that stay upcoming
INVITE_TOKEN = "migration-test-invite-token"
VOLUNTEER_MOBILE = "13912340001"  # a resident added at 0001; 微发馆's phone at 0002
PARTNER_MOBILE = "13800000004"  # liujin-partner's account; 永兴超市's phone at 0002
PHOTO_NAMES = ("5f0c1e2d3b4a59687766554433221100.jpg", "0a1b2c3d4e5f60718293a4b5c6d7e8f9.jpg")
SCAN_NAME = "9e8d7c6b5a4938271605f4e3d2c1b0a9.jpg"  # quote 2's scan (0005)
LOGO_NAMES = {6: "1f2e3d4c5b6a79880716253443526170.jpg",  # on disk (0007)
              7: "7a6b5c4d3e2f10011223344556677889.jpg",  # named, but its file was lost (0007)
              8: "c0ffee00c0ffee00c0ffee00c0ffee00.jpg"}  # uploaded after 0013: only stored
SHADES = {PHOTO_NAMES[0]: 80, PHOTO_NAMES[1]: 140, SCAN_NAME: 30, LOGO_NAMES[6]: 200,
          LOGO_NAMES[8]: 250}  # photo_bytes(shade) of every upload


def ids(connection, sql: str, **params) -> list[int]:
    return [row[0] for row in connection.execute(text(sql), params)]


def terms(title: str, benefit: str, **overrides) -> dict:
    """An offer's terms as the services release stored them."""
    return {"title": title, "benefit": benefit, "eligibility": [], "min_age": None,
            "custom_rule": "", "schedule": "daily", "weekdays": [], "month_day": None,
            "start_date": None, "end_date": None, "opens_at": "", "closes_at": "",
            "place": "shop", "place_note": "", "claim": "walk_in", "claim_phone": "",
            "claim_note": "", "monthly_limit": None, "places": None, "valid_from": None,
            "valid_to": None, **overrides}


def photo_bytes(shade: int) -> bytes:
    """A small JPEG, the same bytes on every run."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (16, 12), (shade, 120, 60)).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def fill_0001(connection, upload_dir: Path) -> None:
    load_sql(connection)
    insert(connection, "users", [
        # Invited but not yet set up: no password, no mobile.
        {"id": 7, "username": "liujin-grid2", "mobile": None, "display_name": "流津网格员二",
         "role": "grid_worker", "password_hash": None, "active": True, "created_at": T0,
         "last_login_at": None},
    ])
    insert(connection, "user_communities", [{"user_id": 7, "community_id": 1}])
    insert(connection, "invites", [
        {"id": 1, "token_hash": hashlib.sha256(INVITE_TOKEN.encode()).hexdigest(), "user_id": 7,
         "community_id": 1, "created_by_id": 2, "created_at": T0, "expires_at": LATER,
         "used_at": None},
    ])
    insert(connection, "audit_events", [
        {"id": 1, "community_id": 1, "actor_id": 2, "action": "user.created",
         "target_type": "User", "target_id": 7,
         "detail": {"username": "liujin-grid2", "role": "grid_worker"}, "at": T0},
        {"id": 2, "community_id": 1, "actor_id": 2, "action": "invite.created",
         "target_type": "User", "target_id": 7, "detail": {}, "at": T0},
        {"id": 3, "community_id": None, "actor_id": None, "action": "user.login_failed",
         "target_type": "", "target_id": None, "detail": {"identifier": "admin"}, "at": T0},
    ])
    garden = ids(connection, "SELECT b.id FROM buildings b JOIN compounds c ON c.id = b.compound_id "
                             "WHERE c.name = '兴元花园' ORDER BY b.id")
    insert(connection, "grid_buildings", [{"grid_id": 6, "building_id": b} for b in garden[:2]])
    insert(connection, "people", [
        {"id": 1001, "community_id": 1, "household_id": None, "name": "志愿者周敏",
         "mobile": VOLUNTEER_MOBILE, "created_at": T0},
        {"id": 1002, "community_id": 2, "household_id": None, "name": "志愿者孙强",
         "mobile": "13912340002", "created_at": T0},
    ])


def fill_0002(connection, upload_dir: Path) -> None:
    insert(connection, "partners", [
        {"id": 1, "community_id": 1, "name": "温州饭吧", "kind": "restaurant",
         "address": "流津路18号", "contact_name": "陈店长", "phone": "0317-5556018",
         "logo_name": None, "logo_type": None, "last_visited_at": T0, "created_at": T0},
        # Typed a person's own mobile as the unit's phone (0007 moves these two).
        {"id": 2, "community_id": 1, "name": "微发馆", "kind": "barber",
         "address": "颐和新园底商3号", "contact_name": "周师傅", "phone": VOLUNTEER_MOBILE,
         "logo_name": None, "logo_type": None, "last_visited_at": None, "created_at": T0},
        {"id": 3, "community_id": 1, "name": "永兴超市", "kind": "supermarket",
         "address": "流津路26号", "contact_name": "王经理", "phone": PARTNER_MOBILE,
         "logo_name": None, "logo_type": None, "last_visited_at": None, "created_at": T0},
        {"id": 4, "community_id": 1, "name": "康宁大药房", "kind": "pharmacy",
         "address": "流津路40号", "contact_name": "", "phone": "",
         "logo_name": None, "logo_type": None, "last_visited_at": None, "created_at": T0},
        {"id": 5, "community_id": 2, "name": "兴元便民超市", "kind": "supermarket",
         "address": "兴元路5号", "contact_name": "李老板", "phone": "0317-5552233",
         "logo_name": None, "logo_type": None, "last_visited_at": T0, "created_at": T0},
    ])
    connection.execute(text("UPDATE users SET partner_id = 1 WHERE username = 'liujin-partner'"))
    lunch = terms("八十岁以上老人免费用餐", "每天午餐一份，免费", eligibility=["over_age"],
                  min_age=80, opens_at="11:00", closes_at="13:00", claim="show_id")
    haircut = terms("上门理发", "每月28日上门免费理发", schedule="monthday", month_day=28,
                    place="home", claim="phone_ahead", claim_phone="0317-5556028")
    insert(connection, "offers", [
        {"id": 1, "community_id": 1, "partner_id": 1, "published": lunch, "published_at": T0,
         "paused": False, "created_at": T0},
        {"id": 2, "community_id": 1, "partner_id": 2, "published": haircut, "published_at": T0,
         "paused": True, "created_at": T0},
        {"id": 3, "community_id": 1, "partner_id": 3, "published": None, "published_at": None,
         "paused": False, "created_at": T0},
        {"id": 4, "community_id": 2, "partner_id": 5, "published": terms("送货上门", "满30元免费送货上楼"),
         "published_at": T0, "paused": False, "created_at": T0},
    ])
    discount = terms("周六日九折", "全场商品九折（烟酒除外）", schedule="weekdays", weekdays=[5, 6])
    insert(connection, "offer_revisions", [
        {"id": 1, "offer_id": 1, "kind": "edit", "status": "published", "data": lunch,
         "base": None, "author_id": 4, "created_at": T0, "submitted_at": T0,
         "reviewed_by_id": 2, "reviewed_at": T0, "comment": ""},
        {"id": 2, "offer_id": 3, "kind": "edit", "status": "pending", "data": discount,
         "base": None, "author_id": 2, "created_at": T0, "submitted_at": T0,
         "reviewed_by_id": None, "reviewed_at": None, "comment": ""},
        {"id": 3, "offer_id": 2, "kind": "resume", "status": "returned", "data": haircut,
         "base": haircut, "author_id": 2, "created_at": T0, "submitted_at": T0,
         "reviewed_by_id": 2, "reviewed_at": T0, "comment": "请写明周师傅哪几天在店"},
    ])
    insert(connection, "partner_visits", [
        {"id": 1, "partner_id": 1, "visited_by_id": 2, "visited_at": T0,
         "note": "店长说冬天想加一道热汤"},
        {"id": 2, "partner_id": 5, "visited_by_id": 5, "visited_at": T0, "note": ""},
    ])
    insert(connection, "checklist_prints", [
        {"id": 1, "community_id": 1, "printed_at": T0, "printed_by_id": 2,
         "content_key": "9" * 64, "offers": {"1": "八十岁以上老人免费用餐 · 温州饭吧"}},
    ])


def fill_0003(connection, upload_dir: Path) -> None:
    liujin = ids(connection, "SELECT id FROM people WHERE community_id = 1 ORDER BY id LIMIT 4")
    waiting_mobile = connection.scalar(text("SELECT mobile FROM people WHERE id = :p"),
                                       {"p": liujin[1]})
    xingyuan = ids(connection, "SELECT id FROM people WHERE community_id = 2 ORDER BY id LIMIT 2")
    insert(connection, "volunteer_teams", [
        {"id": 1, "community_id": 1, "name": "流津红马甲", "kind": "red_vest",
         "description": "共建单位员工组成的志愿服务队", "created_at": T0},
        {"id": 2, "community_id": 2, "name": "兴元敲门队", "kind": "door_knocking",
         "description": "每周走访独居老人", "created_at": T0},
    ])
    insert(connection, "volunteer_activities", [
        {"id": 1, "community_id": 1, "title": "清理楼道小广告", "category": "action",
         "campaign": "", "description": "带好手套和铲刀", "compound_id": 1, "venue": "3号楼",
         "team_id": 1, "cancelled_at": None, "created_at": T0},
        {"id": 2, "community_id": 2, "title": "消防安全宣传", "category": "campaign",
         "campaign": "消防安全", "description": "", "compound_id": 4, "venue": "小区门口",
         "team_id": 2, "cancelled_at": None, "created_at": T0},
        {"id": 3, "community_id": 1, "title": "合唱排练", "category": "stage", "campaign": "",
         "description": "", "compound_id": None, "venue": "党群服务中心", "team_id": None,
         "cancelled_at": T0, "created_at": T0},
    ])
    insert(connection, "volunteer_shifts", [
        {"id": 1, "activity_id": 1, "starts_at": LATER, "ends_at": utc(2030, 6, 1, 3, 0),
         "capacity": 2, "taken": 2, "role": "", "cancelled_at": None},
        {"id": 2, "activity_id": 2, "starts_at": utc(2026, 11, 15, 1, 0),
         "ends_at": utc(2026, 11, 15, 3, 0), "capacity": 5, "taken": 1, "role": "发放传单",
         "cancelled_at": None},
        {"id": 3, "activity_id": 3, "starts_at": LATER, "ends_at": utc(2030, 6, 1, 2, 0),
         "capacity": 20, "taken": 0, "role": "", "cancelled_at": T0},
    ])
    insert(connection, "volunteer_signups", [
        {"id": 1, "shift_id": 1, "person_id": 1001, "team_id": 1, "status": "confirmed",
         "queued_at": T0, "promoted_at": None, "cancelled_at": None, "checked_in_at": None,
         "checked_in_by_id": None, "minutes": 0},
        {"id": 2, "shift_id": 1, "person_id": liujin[0], "team_id": None, "status": "confirmed",
         "queued_at": T0, "promoted_at": T0, "cancelled_at": None, "checked_in_at": None,
         "checked_in_by_id": None, "minutes": 0},
        {"id": 3, "shift_id": 1, "person_id": liujin[1], "team_id": None, "status": "waitlisted",
         "queued_at": T0, "promoted_at": None, "cancelled_at": None, "checked_in_at": None,
         "checked_in_by_id": None, "minutes": 0},
        {"id": 4, "shift_id": 2, "person_id": 1002, "team_id": 2, "status": "attended",
         "queued_at": T0, "promoted_at": None, "cancelled_at": None,
         "checked_in_at": utc(2026, 11, 15, 1, 5), "checked_in_by_id": 6, "minutes": 120},
        {"id": 5, "shift_id": 1, "person_id": liujin[2], "team_id": None, "status": "cancelled",
         "queued_at": T0, "promoted_at": None, "cancelled_at": T0, "checked_in_at": None,
         "checked_in_by_id": None, "minutes": 0},
        {"id": 6, "shift_id": 2, "person_id": xingyuan[0], "team_id": None, "status": "no_show",
         "queued_at": T0, "promoted_at": None, "cancelled_at": None, "checked_in_at": None,
         "checked_in_by_id": None, "minutes": 0},
    ])
    insert(connection, "volunteer_links", [
        {"person_id": 1001, "version": 1, "revoked_at": None},
        {"person_id": liujin[1], "version": 2, "revoked_at": T0},
    ])
    insert(connection, "volunteer_team_members", [
        {"id": 1, "team_id": 1, "person_id": 1001, "status": "accepted", "requested_at": T0,
         "decided_at": T0},
        {"id": 2, "team_id": 1, "person_id": liujin[3], "status": "pending", "requested_at": T0,
         "decided_at": None},
        {"id": 3, "team_id": 2, "person_id": 1002, "status": "declined", "requested_at": T0,
         "decided_at": T0},
    ])
    insert(connection, "volunteer_outbox", [
        {"id": 1, "community_id": 1, "person_id": 1001, "signup_id": 1, "kind": "reminder",
         "key": "reminder:1:2030-06-01", "recipient": VOLUNTEER_MOBILE,
         "body": "【流津社区】志愿者周敏您好，明天09:00“清理楼道小广告”，请准时到达。",
         "created_at": T0, "claimed_at": T0, "sent_at": T0, "error": ""},
        {"id": 2, "community_id": 1, "person_id": liujin[1], "signup_id": 3, "kind": "promoted",
         "key": f"promoted:3:{T0.isoformat()}", "recipient": waiting_mobile,
         "body": "您候补的活动有人取消，您已转为正式报名。", "created_at": T0, "claimed_at": None,
         "sent_at": None, "error": ""},
        {"id": 3, "community_id": 2, "person_id": 1002, "signup_id": None, "kind": "me_link",
         "key": "me_link:1002:1", "recipient": "13912340002", "body": "您的志愿服务页面：…",
         "created_at": T0, "claimed_at": T0, "sent_at": None, "error": "gateway timeout"},
    ])


def fill_0004(connection, upload_dir: Path) -> None:
    connection.execute(text("UPDATE volunteer_teams SET partner_id = 1 WHERE id = 1"))
    insert(connection, "volunteer_teams", [
        {"id": 3, "community_id": 1, "name": "永兴超市红马甲", "kind": "red_vest",
         "description": "", "partner_id": 3, "created_at": T0},
    ])


def fill_0005(connection, upload_dir: Path) -> None:
    shuichan = 4  # 水产宿舍, no property manager
    building = ids(connection, "SELECT id FROM buildings WHERE compound_id = :c ORDER BY id",
                   c=shuichan)[0]
    households = ids(connection, "SELECT id FROM households WHERE compound_id = :c ORDER BY id",
                     c=shuichan)
    insert(connection, "box_openings", [
        {"id": 1, "community_id": 2, "compound_id": shuichan, "opened_on": date(2026, 11, 16),
         "opened_by_id": 5, "slip_count": 1, "created_at": T0},
    ])
    common = {"community_id": 2, "compound_id": shuichan, "building_id": None, "where": "",
              "public": False, "reporter_name": "", "reporter_mobile": "", "anonymous": False,
              "assignee_id": None, "merged_into_id": None, "box_opening_id": None,
              "entered_by_id": None, "reason": "", "me_too_count": 0, "created_at": T0,
              "updated_at": T0, "resolved_at": None, "closed_at": None}
    insert(connection, "issues", [
        {**common, "id": 1, "channel": "web", "category": "sewage", "building_id": building,
         "what": "化粪池堵了，污水漫到楼道口", "where": "1号楼东侧", "status": "in_progress",
         "public": True, "reporter_name": "王大爷", "reporter_mobile": "13912345678",
         "assignee_id": 6, "me_too_count": 1},
        {**common, "id": 2, "channel": "box", "category": "road", "what": "井盖松动，晚上踩着响",
         "where": "小区大门内", "status": "new", "box_opening_id": 1, "entered_by_id": 5},
        {**common, "id": 3, "channel": "phone", "category": "road", "what": "大门口井盖晃",
         "status": "duplicate", "merged_into_id": 2, "reason": "与第2号反映的是同一个井盖",
         "anonymous": True},
        {**common, "id": 4, "community_id": 1, "compound_id": 1, "channel": "patrol",
         "category": "parking", "what": "电动车在楼道里充电", "status": "closed", "public": True,
         "resolved_at": T0, "closed_at": T0},
    ])
    insert(connection, "issue_events", [
        {"id": 1, "issue_id": 1, "at": T0, "actor_id": None, "by_reporter": True,
         "kind": "created", "from_status": "", "to_status": "new", "note": ""},
        {"id": 2, "issue_id": 1, "at": T0, "actor_id": 5, "by_reporter": False, "kind": "status",
         "from_status": "new", "to_status": "in_progress", "note": "已联系清掏队"},
        {"id": 3, "issue_id": 1, "at": T0, "actor_id": None, "by_reporter": True,
         "kind": "comment", "from_status": "", "to_status": "", "note": "今天又漫出来了"},
        {"id": 4, "issue_id": 2, "at": T0, "actor_id": 5, "by_reporter": False,
         "kind": "created", "from_status": "", "to_status": "new", "note": ""},
        {"id": 5, "issue_id": 1, "at": T0, "actor_id": 5, "by_reporter": False,
         "kind": "private", "from_status": "", "to_status": "", "note": "王大爷电话13912345678"},
        {"id": 6, "issue_id": 4, "at": T0, "actor_id": 3, "by_reporter": False, "kind": "status",
         "from_status": "resolved", "to_status": "closed", "note": "已劝离"},
    ])
    folder = upload_dir / "issues"
    folder.mkdir(parents=True, exist_ok=True)
    for name in PHOTO_NAMES:
        (folder / name).write_bytes(photo_bytes(SHADES[name]))
    insert(connection, "issue_photos", [
        {"id": 1, "issue_id": 1, "event_id": None, "file_name": PHOTO_NAMES[0],
         "content_type": "image/jpeg", "created_at": T0},
        {"id": 2, "issue_id": 1, "event_id": 3, "file_name": PHOTO_NAMES[1],
         "content_type": "image/jpeg", "created_at": T0},
    ])
    insert(connection, "issue_me_toos", [
        {"id": 1, "issue_id": 1, "mobile": "13912340099", "created_at": T0},
    ])
    insert(connection, "deliberations", [
        {"id": 1, "issue_id": 1, "held_on": date(2026, 11, 18), "attendees": "楼长、居民代表五人",
         "decision": "请清掏队处理，费用按户平摊", "recorded_by_id": 5, "created_at": T0},
    ])
    insert(connection, "quotes", [
        {"id": 1, "issue_id": 1, "contractor": "沧州管道疏通公司", "amount_fen": 120000,
         "note": "含清运", "scan_file": None, "scan_type": None, "chosen": True,
         "choice_reason": "", "created_at": T0},
        {"id": 2, "issue_id": 1, "contractor": "张师傅疏通", "amount_fen": 150000, "note": "",
         "scan_file": SCAN_NAME, "scan_type": "image/jpeg", "chosen": False, "choice_reason": "",
         "created_at": T0},
    ])
    (folder / SCAN_NAME).write_bytes(photo_bytes(SHADES[SCAN_NAME]))
    share = 120000 // len(households)
    amounts = [share] * len(households)
    amounts[0] += 120000 - share * len(households)
    insert(connection, "cost_shares", [
        {"id": i + 1, "issue_id": 1, "household_id": h, "amount_fen": a}
        for i, (h, a) in enumerate(zip(households, amounts))
    ])
    insert(connection, "payments", [
        {"id": 1, "share_id": 1, "payer_name": "张桂英", "amount_fen": amounts[0],
         "paid_on": date(2026, 11, 20), "collected_by": "楼长老李", "recorded_by_id": 5,
         "created_at": T0},
        {"id": 2, "share_id": 2, "payer_name": "刘建国", "amount_fen": amounts[1],
         "paid_on": date(2026, 11, 21), "collected_by": "楼长老李", "recorded_by_id": 5,
         "created_at": T0},
    ])


def fill_0006(connection, upload_dir: Path) -> None:
    insert(connection, "volunteer_outbox", [
        {"id": 4, "community_id": 1, "person_id": 1001, "signup_id": 5, "kind": "cancelled",
         "key": "cancelled:5", "recipient": VOLUNTEER_MOBILE, "body": "活动已取消。",
         "created_at": T0, "claimed_at": None, "sent_at": None, "skipped_at": T0, "error": ""},
    ])


def fill_0007(connection, upload_dir: Path) -> None:
    insert(connection, "partners", [
        {"id": 6, "community_id": 1, "name": "鑫源洗衣店", "kind": "other", "address": "流津路52号",
         "contact_name": "赵女士", "phone": "0317-5556113", "contact_phone": "13712345678",
         "logo_name": LOGO_NAMES[6], "logo_type": "image/jpeg", "last_visited_at": None, "created_at": T0},
        {"id": 7, "community_id": 1, "name": "巧手裁缝铺", "kind": "other", "address": "流津路63号",
         "contact_name": "钱师傅", "phone": "", "contact_phone": "13612345678",
         "logo_name": LOGO_NAMES[7], "logo_type": "image/jpeg", "last_visited_at": None, "created_at": T0},
    ])


    upload_dir.mkdir(parents=True, exist_ok=True)
    (upload_dir / LOGO_NAMES[6]).write_bytes(photo_bytes(SHADES[LOGO_NAMES[6]]))


def fill_0008(connection, upload_dir: Path) -> None:
    insert(connection, "box_openings", [
        {"id": 2, "community_id": 2, "compound_id": 4, "opened_on": date(2026, 11, 23),
         "opened_by_id": 5, "opened_by_name": "楼长老李", "slips_found": 3, "slip_count": 0,
         "created_at": T0},
    ])
    insert(connection, "issues", [
        {"id": 5, "community_id": 2, "compound_id": 4, "building_id": None, "channel": "phone",
         "category": "utilities", "what": "楼道灯不亮", "where": "2号楼", "status": "assigned",
         "public": False, "reporter_name": "", "reporter_mobile": "", "anonymous": False,
         "assignee_id": 6, "merged_into_id": None, "box_opening_id": None, "entered_by_id": 5,
         "reason": "", "me_too_count": 0, "created_at": T0, "updated_at": T0,
         "resolved_at": None, "closed_at": None},
    ])
    insert(connection, "issue_events", [
        {"id": 7, "issue_id": 5, "at": T0, "actor_id": 5, "by_reporter": False, "kind": "status",
         "from_status": "new", "to_status": "assigned", "note": "", "assignee_id": 6,
         "public_note": False, "amount_fen": None},
        {"id": 8, "issue_id": 1, "at": T0, "actor_id": 5, "by_reporter": False, "kind": "public",
         "from_status": "", "to_status": "", "note": "清掏队周六上午来", "assignee_id": None,
         "public_note": True, "amount_fen": None},
        {"id": 9, "issue_id": 1, "at": T0, "actor_id": 5, "by_reporter": False,
         "kind": "payment_reversed", "from_status": "", "to_status": "", "note": "",
         "assignee_id": None, "public_note": False, "amount_fen": -5000},
    ])
    insert(connection, "payments", [
        {"id": 3, "share_id": 2, "payer_name": "刘建国", "amount_fen": -5000,
         "paid_on": date(2026, 11, 22), "collected_by": "楼长老李", "recorded_by_id": 5,
         "reverses_id": 2, "note": "记错了户", "created_at": T0},
    ])


def fill_0009(connection, upload_dir: Path) -> None:
    # A remembered login of xingyuan-staff (user 5) that has not expired.
    insert(connection, "login_sessions", [
        {"id": 1, "user_id": 5, "token_hash": "a" * 64, "remember": True, "created_at": T0,
         "last_seen_at": T0, "expires_at": T0 + timedelta(days=14), "user_agent": "Mozilla/5.0"},
    ])


def fill_0010(connection, upload_dir: Path) -> None:
    # Issue 1's reporter link was revoked once: the old link (version 1) no longer works.
    connection.execute(text("UPDATE issues SET follow_version = 2 WHERE id = 1"))


def fill_0011(connection, upload_dir: Path) -> None:
    # A community whose pages have been cached and changed since.
    connection.execute(text("UPDATE communities SET data_version = 7 WHERE slug = 'liujin'"))


def fill_0012(connection, upload_dir: Path) -> None:
    # Written as the service publishes them: the terms and their columns.
    every_day = terms("独居老人每日问候", "每天上门或电话问候一次", eligibility=["living_alone"],
                      schedule="weekdays", weekdays=[0, 1, 2, 3, 4, 5, 6])
    insert(connection, "offers", [
        {"id": 5, "community_id": 1, "partner_id": 4, "published": every_day, "published_at": T0,
         "paused": False, "created_at": T0, "valid_from": None, "valid_until": None,
         "who_mask": 16, "weekday_mask": 127, "month_day": None, "runs_from": None,
         "runs_until": None},
    ])


def fill_0013(connection, upload_dir: Path) -> None:
    # A unit that uploaded its logo after the upgrade: the logo is only in stored_blobs.
    insert(connection, "partners", [
        {"id": 8, "community_id": 1, "name": "流津修鞋摊", "kind": "other", "address": "流津路70号",
         "contact_name": "孙师傅", "phone": "0317-5556120", "contact_phone": "",
         "logo_name": LOGO_NAMES[8], "logo_type": "image/jpeg", "last_visited_at": None,
         "created_at": T0},
    ])
    data = photo_bytes(SHADES[LOGO_NAMES[8]])
    insert(connection, "stored_blobs", [
        {"key": f"uploads/{LOGO_NAMES[8]}", "content_type": "image/jpeg", "data": data,
         "size": len(data), "created_at": T0},
        {"key": "print/0123abcd.pdf", "content_type": "application/pdf", "data": b"%PDF-1.7 cached",
         "size": 15, "created_at": T0},
    ])


def fill_0014(connection, upload_dir: Path) -> None:
    # Liujin's poster was rendered once in the background; xingyuan's is still queued.
    insert(connection, "render_jobs", [
        {"id": 1, "document": "services", "community_id": 1, "options": {"size": "A4"},
         "locale": "zh", "state": "done", "error": "", "active_key": None, "enqueued_at": T0,
         "started_at": T0, "finished_at": T0, "content_key": "c" * 64,
         "filename": "services-liujin-a4.pdf"},
        {"id": 2, "document": "services", "community_id": 2, "options": {"size": "A3"},
         "locale": "zh", "state": "queued", "error": "", "active_key": "a" * 64,
         "enqueued_at": T0, "started_at": None, "finished_at": None, "content_key": None,
         "filename": ""},
    ])


def fill_0015(connection, upload_dir: Path) -> None:
    # Liujin's residents ask for classes: crochet supported by three (the first its proposer),
    # cup flowers declined with a public reason, a duplicate merged into crochet.
    people = ids(connection, "SELECT id FROM people WHERE community_id = 1 ORDER BY id LIMIT 3")
    insert(connection, "course_requests", [
        {"id": 1, "community_id": 1, "subject": "钩针编织", "details": "从最简单的针法学起",
         "status": "open", "decline_reason": "", "merged_into_id": None, "support_count": 3,
         "created_at": T0, "decided_at": None},
        {"id": 2, "community_id": 1, "subject": "杯花", "details": "", "status": "declined",
         "decline_reason": "材料费较高，先办钩织班", "merged_into_id": None, "support_count": 1,
         "created_at": T0, "decided_at": T0},
        {"id": 3, "community_id": 1, "subject": "学钩织", "details": "", "status": "merged",
         "decline_reason": "", "merged_into_id": 1, "support_count": 0, "created_at": T0,
         "decided_at": T0},
    ])
    insert(connection, "course_supports",
           [{"id": n + 1, "request_id": 1, "person_id": p, "created_at": T0}
            for n, p in enumerate(people)]
           + [{"id": 4, "request_id": 2, "person_id": people[0], "created_at": T0}])


def fill_0016(connection, upload_dir: Path) -> None:
    # Liujin's hall room and gym (closed on Mondays) and xingyuan's lounge; a meeting booked
    # in the hall, a cancelled one at the same hour, and a coaching session in the gym.
    insert(connection, "rooms", [
        {"id": 1, "community_id": 1, "name": "党群服务中心活动室", "capacity": 40,
         "opens_at": time(8, 30), "closes_at": time(21, 0), "closed_days": [],
         "description": "一楼东侧", "active": True, "position": 0, "created_at": T0},
        {"id": 2, "community_id": 1, "name": "健身房", "capacity": 15, "opens_at": time(6, 30),
         "closes_at": time(21, 0), "closed_days": [1], "description": "", "active": True,
         "position": 1, "created_at": T0},
        {"id": 3, "community_id": 2, "name": "邻聚力会客厅", "capacity": 30,
         "opens_at": time(8, 30), "closes_at": time(20, 0), "closed_days": [], "description": "",
         "active": True, "position": 0, "created_at": T0},
    ])
    hour = timedelta(hours=1)
    insert(connection, "room_bookings", [
        {"id": 1, "room_id": 1, "starts_at": LATER, "ends_at": LATER + 2 * hour,
         "title": "居民议事会", "purpose": "meeting", "purpose_id": None, "people": 25,
         "booked_by_id": 2, "created_at": T0, "cancelled_at": None},
        {"id": 2, "room_id": 1, "starts_at": LATER, "ends_at": LATER + hour, "title": "旧的安排",
         "purpose": "other", "purpose_id": None, "people": None, "booked_by_id": 2,
         "created_at": T0, "cancelled_at": T0},
        {"id": 3, "room_id": 2, "starts_at": LATER, "ends_at": LATER + hour, "title": "健身指导",
         "purpose": "session", "purpose_id": None, "people": 12, "booked_by_id": None,
         "created_at": T0, "cancelled_at": None},
    ])


def fill_0017(connection, upload_dir: Path) -> None:
    # A vacant flat typed with its door parts, a consent withdrawn by phone, and 叶胜新 of
    # liujin's first compound, who teaches crochet.
    insert(connection, "households", [
        {"id": 9001, "community_id": 1, "compound_id": 1, "building_id": 1,
         "address": "1号楼3单元1202", "unit": "3", "floor": 12, "room": "1202", "size": 0,
         "status": "vacant"},
    ])
    insert(connection, "household_tags", [
        {"id": 9001, "household_id": 1, "tag": "living_alone", "consent_at": T0,
         "consent_by": "户主本人", "recorded_by_id": None, "consent_note": "电话确认",
         "consent_method": "phone", "withdrawn_at": T0},
    ])
    insert(connection, "people", [
        {"id": 9001, "community_id": 1, "household_id": None, "name": "叶胜新",
         "mobile": "13912349001", "created_at": T0},
    ])
    insert(connection, "class_teachers", [
        {"id": 1, "community_id": 1, "person_id": 9001, "name": "叶胜新", "skill": "钩针编织",
         "compound_id": 1, "bio": "从最简单的针法教起", "created_at": T0, "retired_at": None},
    ])


def fill_0018(connection, upload_dir: Path) -> None:
    # 叶胜新's crochet course (a class activity): a held session with a learner checked in,
    # her rating and the teacher's credited time, and a session to come.
    learner = ids(connection, "SELECT id FROM people WHERE community_id = 1 ORDER BY id LIMIT 1")[0]
    held = utc(2026, 11, 18, 6, 30)
    insert(connection, "volunteer_activities", [
        {"id": 10, "community_id": 1, "title": "钩针编织入门", "category": "class", "campaign": "",
         "description": "从锁针学起", "compound_id": None, "venue": "党群服务中心活动室",
         "team_id": None, "cancelled_at": None, "created_at": T0},
    ])
    insert(connection, "volunteer_shifts", [
        {"id": 10, "activity_id": 10, "starts_at": held, "ends_at": utc(2026, 11, 18, 8, 0),
         "capacity": 12, "taken": 1, "role": "", "cancelled_at": None},
        {"id": 11, "activity_id": 10, "starts_at": LATER, "ends_at": utc(2030, 6, 1, 2, 30),
         "capacity": 12, "taken": 0, "role": "", "cancelled_at": None},
    ])
    insert(connection, "courses", [
        {"id": 1, "community_id": 1, "activity_id": 10, "teacher_id": 1, "request_id": None,
         "materials": "钩针一根", "created_at": T0},
    ])
    common = {"team_id": None, "promoted_at": None, "cancelled_at": None, "checked_in_by_id": None,
              "queued_at": T0, "status": "attended", "minutes": 90, "checked_in_at": held}
    insert(connection, "volunteer_signups", [
        {"id": 10, "shift_id": 10, "person_id": learner, "role": "", **common},
        {"id": 11, "shift_id": 10, "person_id": 9001, "role": "teacher", **common},
    ])
    insert(connection, "session_ratings", [
        {"id": 1, "signup_id": 10, "stars": 5, "comment": "针法讲得很细", "created_at": T0},
    ])


def fill_0019(connection, upload_dir: Path) -> None:
    # 流津's 书法 request answered by an open call, where 叶胜新 (teacher 1) was accepted and a
    # neighbour waits; a closed call of its own with nobody applying.
    insert(connection, "course_requests", [
        {"id": 4, "community_id": 1, "subject": "书法", "details": "", "status": "answered",
         "decline_reason": "", "merged_into_id": None, "support_count": 0, "created_at": T0,
         "decided_at": T0},
    ])
    insert(connection, "recruitment_calls", [
        {"id": 1, "community_id": 1, "request_id": 4, "skill": "书法老师", "audience": "中老年居民",
         "frequency": "每周四下午", "details": "社区提供笔墨纸砚", "status": "open",
         "created_at": T0, "closed_at": None},
        {"id": 2, "community_id": 1, "request_id": None, "skill": "剪纸老师", "audience": "",
         "frequency": "", "details": "", "status": "closed", "created_at": T0, "closed_at": T0},
    ])
    person = ids(connection, "SELECT id FROM people WHERE community_id = 1 AND id <> 9001 "
                             "ORDER BY id LIMIT 1")[0]
    insert(connection, "call_applications", [
        {"id": 1, "call_id": 1, "person_id": 9001, "name": "叶胜新", "skill": "楷书",
         "experience": "练字四十年", "availability": "周四下午", "status": "accepted",
         "decline_note": "", "teacher_id": 1, "created_at": T0, "decided_at": T0},
        {"id": 2, "call_id": 1, "person_id": person, "name": "刘雅琴", "skill": "硬笔书法",
         "experience": "", "availability": "周末", "status": "pending", "decline_note": "",
         "teacher_id": None, "created_at": T0, "decided_at": None},
    ])


def fill_0020(connection, upload_dir: Path) -> None:
    # Liujin's winter round over its second grid: one question, liujin-grid on the grid, a
    # door visited (16.5 ℃, a need) and the next one not home.
    grid = ids(connection, "SELECT id FROM grids WHERE community_id = 1 AND name = '第二网格'")[0]
    worker = ids(connection, "SELECT id FROM users WHERE username = 'liujin-grid'")[0]
    doors = ids(connection, "SELECT h.id FROM households h JOIN grid_compounds g "
                            "ON g.compound_id = h.compound_id WHERE g.grid_id = :grid "
                            "ORDER BY h.id LIMIT 2", grid=grid)
    insert(connection, "visit_campaigns", [
        {"id": 1, "community_id": 1, "name": "冬季入户走访", "starts_on": date(2026, 12, 1),
         "ends_on": date(2026, 12, 31), "max_tries": 3, "created_by_id": 2, "created_at": T0}])
    insert(connection, "visit_campaign_grids", [{"campaign_id": 1, "grid_id": grid}])
    insert(connection, "visit_questions", [
        {"id": 1, "campaign_id": 1, "position": 0, "kind": "number", "label": "室内温度",
         "unit": "℃", "min_value": -10, "max_value": 40, "flag_below": 18, "choices": []}])
    insert(connection, "visit_assignments", [
        {"id": 1, "campaign_id": 1, "grid_id": grid, "user_id": worker, "team_member_id": None}])
    insert(connection, "visits", [
        {"id": 1, "community_id": 1, "campaign_id": 1, "household_id": doors[0],
         "client_id": "0b7e5c1a-3f1e-4d6b-9c1a-2f3e4d5c6b7a", "outcome": "visited",
         "need": "楼道灯坏了", "issue_id": None, "visitor_id": worker, "source": "phone",
         "visited_at": T0, "created_at": T0},
        {"id": 2, "community_id": 1, "campaign_id": 1, "household_id": doors[1],
         "client_id": "1c8f6d2b-4a2f-4e7c-8d2b-3a4f5e6d7c8b", "outcome": "not_home",
         "need": "", "issue_id": None, "visitor_id": worker, "source": "paper",
         "visited_at": T0, "created_at": T0}])
    insert(connection, "visit_answers", [
        {"id": 1, "visit_id": 1, "question_id": 1, "number": 16.5, "text": ""}])


def fill_0021(connection, upload_dir: Path) -> None:
    # The barber's haircut (offer 2) takes bookings: a date with one household booked and
    # visited, a card for liujin's first household and a meal (offer 1) served on it.
    insert(connection, "home_offers", [
        {"id": 1, "community_id": 1, "offer_id": 2, "places": 8, "book_until_days": 2,
         "active": True, "created_at": T0},
    ])
    insert(connection, "home_visit_dates", [
        {"id": 1, "home_offer_id": 1, "day": date(2026, 11, 28), "capacity": 8, "taken": 1},
    ])
    insert(connection, "home_bookings", [
        {"id": 1, "community_id": 1, "visit_date_id": 1, "household_id": 1, "person_id": None,
         "contact_name": "王女士", "booked_as": "relative", "status": "confirmed",
         "eligibility": "eligible", "queued_at": T0, "promoted_at": None, "cancelled_at": None,
         "outcome": "done", "outcome_note": "剪完了", "outcome_at": T0, "created_at": T0},
    ])
    insert(connection, "service_cards", [
        {"id": 1, "community_id": 1, "household_id": 1, "person_id": None, "issued_at": T0,
         "revoked_at": None},
    ])
    insert(connection, "service_uses", [
        {"id": 1, "community_id": 1, "offer_id": 1, "household_id": 1, "card_id": 1,
         "day": date(2026, 11, 20), "kind": "card", "recorded_by_id": None, "created_at": T0},
    ])


def fill_0022(connection, upload_dir: Path) -> None:
    # 志愿者周敏 (team member 1) knocks again, through a member's link (no account), at the
    # door that was not home.
    household = connection.scalar(text("SELECT household_id FROM visits WHERE id = 2"))
    insert(connection, "visits", [
        {"id": 3, "community_id": 1, "campaign_id": 1, "household_id": household,
         "client_id": "2d9a7e3c-5b3a-4f8d-9e3c-4b5a6f7e8d9c", "outcome": "visited",
         "need": "", "issue_id": None, "visitor_id": None, "visitor_team_member_id": 1,
         "source": "phone", "visited_at": T0, "created_at": T0}])


# The key of liujin's 12345 hotline (only its SHA-256 is stored); checks.py files with it.
OPEN311_KEY = "liujin-hotline-key-0023"


def fill_0023(connection, upload_dir: Path) -> None:
    # Liujin's staff gave the city hotline a key; a property manager's old key is revoked.
    import hashlib

    def digest(key):
        return hashlib.sha256(key.encode()).hexdigest()

    insert(connection, "open311_keys", [
        {"id": 1, "community_id": 1, "name": "12345 市民热线", "prefix": OPEN311_KEY[:8],
         "key_hash": digest(OPEN311_KEY), "created_by_id": 2, "created_at": T0,
         "revoked_at": None, "last_used_at": None},
        {"id": 2, "community_id": 1, "name": "旧物业公司", "prefix": "oldprope",
         "key_hash": digest("old-property-key"), "created_by_id": 2, "created_at": T0,
         "revoked_at": T0, "last_used_at": T0}])


def fill_0024(connection, upload_dir: Path) -> None:
    # The home-service gap list made a round: only the second grid's third door is on it.
    grid = ids(connection, "SELECT grid_id FROM visit_campaign_grids WHERE campaign_id = 1")[0]
    door = ids(connection, "SELECT h.id FROM households h JOIN grid_compounds g "
                           "ON g.compound_id = h.compound_id WHERE g.grid_id = :grid "
                           "ORDER BY h.id LIMIT 1 OFFSET 2", grid=grid)[0]
    insert(connection, "visit_campaigns", [
        {"id": 2, "community_id": 1, "name": "服务空白回访", "starts_on": date(2026, 12, 3),
         "ends_on": date(2026, 12, 16), "max_tries": 3, "targeted": True, "created_by_id": 2,
         "created_at": T0}])
    insert(connection, "visit_campaign_grids", [{"campaign_id": 2, "grid_id": grid}])
    insert(connection, "visit_campaign_households", [{"campaign_id": 2, "household_id": door}])


def fill_0025(connection, upload_dir: Path) -> None:
    # liujin's staff and the district admin last opened their start pages at T0.
    insert(connection, "console_seen", [
        {"id": 1, "user_id": 2, "community_id": 1, "seen_at": T0, "since_at": None},
        {"id": 2, "user_id": 1, "community_id": 1, "seen_at": T0, "since_at": T0 - timedelta(days=7)},
        {"id": 3, "user_id": 1, "community_id": 2, "seen_at": T0, "since_at": None}])


FILLERS = {
    "0001_foundation": fill_0001,
    "0002_services": fill_0002,
    "0003_volunteers": fill_0003,
    "0004_team_partner": fill_0004,
    "0005_issues": fill_0005,
    "0006_volunteers_fixes": fill_0006,
    "0007_services_fixes": fill_0007,
    "0008_issues_fixes": fill_0008,
    "0009_login_sessions": fill_0009,
    "0010_follow_link_version": fill_0010,
    "0011_data_version": fill_0011,
    "0012_offer_search_columns": fill_0012,
    "0013_stored_blobs": fill_0013,
    "0014_render_jobs": fill_0014,
    "0015_course_requests": fill_0015,
    "0016_rooms": fill_0016,
    "0017_register_and_teachers": fill_0017,
    "0018_courses": fill_0018,
    "0019_recruitment": fill_0019,
    "0020_visits": fill_0020,
    "0021_home_services": fill_0021,
    "0022_visit_team_visitors": fill_0022,
    "0023_open311": fill_0023,
    "0024_targeted_rounds": fill_0024,
    "0025_console_seen": fill_0025,
}


def fill(site, revision: str) -> None:
    """Add the rows of `revision`'s filler to a Site that stands at `revision`."""
    if revision not in FILLERS:
        raise AssertionError(f"migration {revision} has no filler in tests/migrations/fillers.py")
    with site.begin() as connection:
        FILLERS[revision](connection, site.upload_dir)
