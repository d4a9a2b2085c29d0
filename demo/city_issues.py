"""The city data set's issue board: issues with their timelines, photos, 我也遇到, weekly box
openings, and for one issue in fifty a residents' meeting, quotes, a split and payments."""
from datetime import timedelta
from io import BytesIO

from PIL import Image
from sqlalchemy import update

from blueprints.core import clock
from blueprints.issues.costs import equal_split
from blueprints.issues.services import PHOTO_FOLDER
from demo.city import Town, add, add_plain
from demo.issues import PATH
from extensions import db
from models import (
    BoxOpening,
    CostShare,
    Deliberation,
    Issue,
    IssueEvent,
    IssuePhoto,
    MeToo,
    Payment,
    Quote,
    StoredBlob,
)
from models.issues import CATEGORIES

TEXTS = {
    "safety": ("电线垂到地面，有触电危险。", "楼道里有人给电动车充电。", "院墙裂缝变宽。"),
    "road": ("井盖塌陷。", "路面破损，坑洼容易绊倒老人。"),
    "utilities": ("楼道灯不亮好几天了。", "暖气不热，室温只有14度。", "停水没有通知。"),
    "sewage": ("化粪池往外溢污水。", "下水道堵塞，一楼反水。"),
    "sanitation": ("垃圾桶满了没人清运。", "楼道堆满杂物，消防通道不畅。"),
    "parking": ("门口乱停车，堵住出入口。", "电动车乱停乱放。"),
    "neighbours": ("楼上漏水到我家顶棚。", "晚上音响声音太大。"),
    "other": ("希望增加健身器材。", "小区里流浪猫太多。"),
}
# status, weight, (youngest, oldest) age in days
STATUSES = (("closed", 45, (5, 365)), ("resolved", 10, (1, 50)), ("in_progress", 10, (1, 30)),
            ("assigned", 10, (1, 20)), ("accepted", 8, (1, 10)), ("new", 10, (0.05, 5)),
            ("rejected", 4, (1, 365)), ("duplicate", 3, (1, 365)))
CHANNELS = (("box", 3), ("web", 3), ("phone", 2), ("patrol", 2), ("visit", 1))
REASONS = {"rejected": "不属于社区受理范围，已告知居民相关部门的电话。",
           "duplicate": "与之前反映的是同一件事，合并处理。"}


def _tiny_photo() -> bytes:
    out = BytesIO()
    Image.new("RGB", (64, 48), (180, 160, 120)).save(out, "JPEG", quality=70)
    return out.getvalue()


def _steps(status: str) -> list[str]:
    return ["new", status] if status in REASONS else PATH[: PATH.index(status) + 1]


def _timeline(town: Town, spec: dict, issue: dict) -> list[dict]:
    """Lines from 新建 to the issue's status, comments, and 设为公开 for a public one."""
    rng, start = town.rng, issue["created_at"]
    steps = _steps(issue["status"])
    latest = town.noon - timedelta(minutes=1)
    span = spec["span"]
    lines = []
    for index, step in enumerate(steps):
        at = min(start + timedelta(hours=span + 24 if step == "closed" else index * span / 4), latest)
        issue["resolved_at"] = at if step == "resolved" else issue["resolved_at"]
        issue["closed_at"] = at if step == "closed" else issue["closed_at"]
        actor = spec["grid"] if step in ("in_progress", "resolved") else town.staff[0]
        lines.append(_line(at, None if step == "new" else actor, "created" if step == "new" else "status",
                           from_status="" if index == 0 else steps[index - 1], to_status=step,
                           by_reporter=step == "new" and issue["channel"] == "web",
                           assignee_id=spec["grid"] if step == "assigned" else None,
                           note=REASONS.get(step, "已处理完毕，居民满意。" if step == "resolved" else ""),
                           public_note=step == "resolved"))
    for _ in range(rng.choice((0, 0, 0, 1, 1, 2))):
        at = min(start + timedelta(hours=rng.uniform(0.5, span + 1)), latest)
        reporter = rng.random() < 0.4
        lines.append(_line(at, None if reporter else town.staff[0], "comment", by_reporter=reporter,
                           note="请尽快处理，谢谢。" if reporter else "已电话联系居民，约定上门时间。",
                           public_note=not reporter and rng.random() < 0.5))
    if issue["public"]:
        lines.append(_line(min(start + timedelta(minutes=30), latest), town.staff[0], "public"))
    return lines


def _line(at, actor, kind, **fields) -> dict:
    line = {"at": at, "actor_id": actor, "kind": kind, "by_reporter": False, "from_status": "",
            "to_status": "", "note": "", "public_note": False, "amount_fen": None,
            "assignee_id": None}
    line.update(fields)
    return line


def _issue(town: Town, index: int, weeks: dict) -> tuple[dict, dict]:
    """(the issue's row, what else it needs: its span, grid worker, box week, costs)."""
    rng = town.rng
    costs = index % 50 == 7
    status = "closed" if costs else rng.choices([s[0] for s in STATUSES], [s[1] for s in STATUSES])[0]
    channel = "phone" if costs else rng.choices([c[0] for c in CHANNELS], [c[1] for c in CHANNELS])[0]
    category = "sewage" if costs else rng.choice(list(CATEGORIES))
    compound = rng.choice(town.compounds)
    youngest, oldest = next(s[2] for s in STATUSES if s[0] == status)
    created = town.ago(days=rng.uniform(youngest, oldest))
    week = None
    if channel == "box":
        week = rng.randrange(town.shape.box_weeks)
        weeks[(compound, week)] = weeks.get((compound, week), 0) + 1
        opened = town.today - timedelta(days=7 * week + town.compounds.index(compound) % 5 + 1)
        created = min(clock.at(opened, clock.local(created).time()), town.ago(hours=1))
    anonymous = rng.random() < (0.8 if channel == "box" else 0.1)
    grid = town.grid_worker[compound]
    what = rng.choice(TEXTS[category])
    row = {"community_id": town.id, "compound_id": compound, "channel": channel, "category": category,
           "building_id": rng.choice(town.buildings[compound]) if rng.random() < 0.6 else None,
           "what": what, "where": "", "status": status,
           "public": status not in REASONS and rng.random() < 0.5,
           "reporter_name": "" if anonymous else town.names.name(),
           "reporter_mobile": "" if anonymous else town.names.mobile(), "anonymous": anonymous,
           "assignee_id": grid if status in PATH[2:] else None, "merged_into_id": None,
           "box_opening_id": None, "entered_by_id": None if channel == "web" else town.staff[0],
           "reason": REASONS.get(status, ""), "me_too_count": 0, "created_at": created,
           "updated_at": created, "resolved_at": None, "follow_version": 1, "closed_at": None}
    span = CATEGORIES[category][1] * rng.uniform(0.3, 1.5) if status in ("resolved", "closed") else 2
    return row, {"span": 72 if costs else span, "grid": grid, "week": week, "costs": costs}


def _openings(town: Town, weeks: dict) -> dict:
    """One opening a week of every compound's box; (compound, week) → id."""
    keys, rows = [], []
    for position, compound in enumerate(town.compounds):
        for week in range(town.shape.box_weeks):
            typed = weeks.get((compound, week), 0)
            keys.append((compound, week))
            rows.append({"community_id": town.id, "compound_id": compound,
                         "opened_on": town.today - timedelta(days=7 * week + position % 5 + 1),
                         "opened_by_id": town.staff[0], "opened_by_name": "居民代表",
                         "slips_found": typed + town.rng.choice((0, 0, 1)), "slip_count": typed,
                         "created_at": town.ago(days=7 * week + position % 5 + 1)})
    ids = add(BoxOpening, rows)
    for opening, row in zip(ids, rows):
        town.log(town.staff[0], "box.opened", "BoxOpening", opening, row["created_at"],
                 opened_by=row["opened_by_name"], slips_found=row["slips_found"])
    return dict(zip(keys, ids))


def _costs(town: Town, issue: int, row: dict, lines: list[dict]) -> None:
    """A residents' meeting, two quotes (the lower chosen), an equal split, half collected."""
    rng, staff, start = town.rng, town.staff[0], row["created_at"]
    held = clock.local(start + timedelta(hours=3)).date()
    add(Deliberation, [{"issue_id": issue, "held_on": held, "recorded_by_id": staff,
                        "attendees": "社区书记、网格员、居民代表3人", "created_at": start + timedelta(hours=3),
                        "decision": "小区无物业，费用由全体住户共同分摊，哪家报价低用哪家。"}])
    amounts = sorted(rng.randrange(100000, 300000, 100) for _ in range(2))
    add(Quote, [{"issue_id": issue, "contractor": name, "amount_fen": fen, "note": "含清运",
                 "scan_file": None, "scan_type": None, "chosen": fen == amounts[0],
                 "choice_reason": "报价最低" if fen == amounts[0] else "",
                 "created_at": start + timedelta(hours=4)}
                for name, fen in zip(("城东管道疏通队", "兴华环卫吸污队"), reversed(amounts))])
    households = town.households[row["compound_id"]]
    fens = equal_split(amounts[0], len(households))
    shares = add(CostShare, [{"issue_id": issue, "household_id": h, "amount_fen": fen}
                             for h, fen in zip(households, fens)])
    paid = [{"share_id": s, "payer_name": "户主", "amount_fen": fen, "paid_on": held + timedelta(days=1),
             "collected_by": "居民代表", "recorded_by_id": staff, "reverses_id": None, "note": "",
             "created_at": start + timedelta(days=1)} for s, fen in zip(shares[: len(shares) // 2], fens)]
    payments = add(Payment, paid)
    if payments and rng.random() < 0.3:
        add(Payment, [{**paid[0], "amount_fen": -paid[0]["amount_fen"], "reverses_id": payments[0],
                       "note": "金额登记错误", "created_at": start + timedelta(days=2)}])
        lines.append(_line(start + timedelta(days=2), staff, "payment_reversed", note="金额登记错误",
                           amount_fen=paid[0]["amount_fen"]))
    for hours, kind, fen in ((3, "meeting", None), (4, "quote", amounts[1]), (4, "quote", amounts[0]),
                             (5, "quote_chosen", amounts[0]), (6, "split", amounts[0])):
        lines.append(_line(start + timedelta(hours=hours), staff, kind, amount_fen=fen))
    lines.extend(_line(p["created_at"], staff, "payment", amount_fen=p["amount_fen"]) for p in paid)
    town.log(staff, "issue.cost_split", "Issue", issue, start + timedelta(hours=6),
             total_fen=amounts[0], households=len(households))


def _merge_duplicates(town: Town, ids: list[int], rows: list[dict]) -> None:
    """Point each duplicate at an older issue of its compound (or of the community)."""
    changes = []
    for issue, row in zip(ids, rows):
        if row["status"] != "duplicate":
            continue
        older = [i for i, r in zip(ids, rows) if r["compound_id"] == row["compound_id"]
                 and r["status"] != "duplicate" and r["created_at"] < row["created_at"]]
        older = older or [i for i, r in zip(ids, rows) if r["status"] != "duplicate" and i != issue]
        if older:
            changes.append({"id": issue, "merged_into_id": older[-1]})
    if changes:
        db.session.execute(update(Issue), changes)


def _photos(town: Town, issues: list[tuple[int, int]]) -> None:
    """One photo on the first line of one issue in twenty; its bytes go into the storage too."""
    data = _tiny_photo()
    rows, blobs = [], []
    for issue, event in issues:
        name = f"city-{town.slug}-{issue}.jpg"
        blobs.append({"key": f"{PHOTO_FOLDER}/{name}", "content_type": "image/jpeg", "data": data,
                      "size": len(data), "created_at": town.ago(days=1)})
        rows.append({"issue_id": issue, "event_id": event, "file_name": name,
                     "content_type": "image/jpeg", "created_at": town.ago(days=1)})
    add_plain(StoredBlob.__table__, blobs)
    add(IssuePhoto, rows)


def seed(town: Town) -> None:
    """Box openings, issues with their timelines, photos, 我也遇到 and costs."""
    rng, weeks = town.rng, {}
    made = [_issue(town, i, weeks) for i in range(town.shape.issues)]
    made.sort(key=lambda pair: pair[0]["created_at"])  # ids in the order issues came in
    openings = _openings(town, weeks)
    for row, spec in made:
        if spec["week"] is not None:
            row["box_opening_id"] = openings[(row["compound_id"], spec["week"])]
    lines = [_timeline(town, spec, row) for row, spec in made]
    me_toos = []
    for (row, _spec), timeline in zip(made, lines):
        row["updated_at"] = max(line["at"] for line in timeline)
        if row["public"] and row["status"] in PATH[:4]:
            row["me_too_count"] = rng.choice((0, 0, 0, 1, 2, 3, 5))
            me_toos.append(row["me_too_count"])
        else:
            me_toos.append(0)
    rows = [row for row, _spec in made]
    ids = add(Issue, rows)
    _merge_duplicates(town, ids, rows)
    for issue, (row, spec), timeline in zip(ids, made, lines):
        if spec["costs"]:
            _costs(town, issue, row, timeline)
        timeline.sort(key=lambda line: line["at"])
    events = add(IssueEvent, [{**line, "issue_id": issue} for issue, timeline in zip(ids, lines)
                              for line in timeline])
    firsts, position = [], 0
    for issue, timeline in zip(ids, lines):
        firsts.append((issue, events[position]))
        position += len(timeline)
    _photos(town, [pair for n, pair in enumerate(firsts) if n % 20 == 3])
    add(MeToo, [{"issue_id": issue, "mobile": town.names.mobile(),
                 "created_at": row["created_at"] + timedelta(hours=n + 1)}
                for issue, row, count in zip(ids, rows, me_toos) for n in range(count)])
    for issue, row, timeline in zip(ids, rows, lines):
        town.log(row["entered_by_id"], "issue.created", "Issue", issue, row["created_at"],
                 channel=row["channel"])
        for line in timeline:
            if line["kind"] == "status" and line["actor_id"] is not None:
                town.log(line["actor_id"], "issue.status", "Issue", issue, line["at"],
                         from_status=line["from_status"], to_status=line["to_status"])
            elif line["kind"] == "public":
                town.log(line["actor_id"], "issue.public", "Issue", issue, line["at"])
