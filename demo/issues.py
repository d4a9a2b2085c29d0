"""Demo issues of 兴元社区, from the article: the septic tank, the dangling wire, the manhole cover."""
from datetime import date, timedelta

from sqlalchemy import select

from blueprints.core import clock
from blueprints.issues import costs
from demo.names import NameMaker
from extensions import db
from models import (
    BoxOpening,
    Community,
    Compound,
    CostShare,
    Deliberation,
    Issue,
    IssueEvent,
    Payment,
    Quote,
    User,
)
from models.base import utcnow

SLUG = "xingyuan"
PATH = ["new", "accepted", "assigned", "in_progress", "resolved", "closed"]

# compound, channel, category, what, where, status, hours ago, hours to resolve, public, note
ISSUES = [
    ("水产宿舍", "phone", "sewage", "小区化粪池往外溢污水，影响居民出行，请社区帮忙想想办法。",
     "2号楼北侧化粪池", "closed", 24 * 20, 30, True, "化粪池已吸污清理干净，居民代表验收。"),
    ("外贸小区", "patrol", "safety", "保洁员清扫时发现一根电线垂到了地面上，有触电危险。",
     "3号楼与4号楼之间", "closed", 24 * 40, 20, True, "经网格员多方联系，产权单位已将电线固定好。"),
    ("兴元花园", "patrol", "road", "走访时发现路上一个井盖塌下去了。",
     "小区南门内主路", "closed", 24 * 12, 4, True, "物业人员协助，当天已把塌陷的井盖固定好。"),
    ("兴元花园", "patrol", "road", "主路有一处路面破损，坑洼容易绊倒老人。",
     "小区南门内主路", "closed", 24 * 12, 6, True, "当天已修补好破损路面。"),
    ("粮食局宿舍", "box", "utilities", "1号楼楼道灯不亮好几天了，晚上上下楼看不见。",
     "1号楼2单元", "new", 30, None, False, ""),
    ("供电小区", "phone", "sewage", "下水道堵塞，一楼卫生间反水。", "2号楼1单元101", "assigned",
     24 * 5, None, False, ""),
    ("建设里", "box", "safety", "有人把电动车推进楼道充电，担心起火。", "4号楼楼道", "accepted",
     24 * 3, None, True, ""),
    ("棉纺宿舍", "web", "sanitation", "垃圾桶满了没人清运，味道很大。", "小区西门垃圾点",
     "in_progress", 20, None, True, ""),
    ("税务宿舍", "phone", "neighbours", "楼上卫生间漏水到我家顶棚，和楼上沟通不了。", "1号楼",
     "new", 3, None, False, ""),
    ("交通局宿舍", "web", "parking", "小区门口路边乱停车，堵住出入口。", "小区大门外", "rejected",
     24 * 9, None, False, "属道路交通管理范围，已告知居民拨打交警电话，并转交警中队。"),
    ("邮电宿舍", "visit", "utilities", "入户走访时了解到：屋里暖气不热，室温只有14度。", "2号楼3单元",
     "in_progress", 24 * 4, None, False, ""),
    ("化肥厂宿舍", "patrol", "safety", "院墙有一段裂缝变宽，靠近儿童玩耍的地方。", "东侧院墙",
     "resolved", 24 * 10, 50, True, "已设置警示带并请施工队加固。"),
    ("兴元里", "box", "sanitation", "楼道里堆满杂物，消防通道不畅。", "3号楼1单元", "closed",
     24 * 15, 40, True, "与居民沟通后已清理。"),
    ("百货宿舍", "web", "utilities", "小区路灯不亮。", "百货宿舍院内", "new", 1, None, True, ""),
    ("卫生局宿舍", "phone", "sewage", "化粪池盖板松动，踩上去晃。", "1号楼东侧", "assigned",
     24 * 2, None, False, ""),
    ("锦绣家园", "web", "neighbours", "晚上广场舞音响声音太大，影响休息。", "小区中心广场", "accepted",
     24 * 6, None, True, ""),
]

# compound -> days since its box was last opened (missing: never opened)
BOX_DAYS = {"水产宿舍": 2, "外贸小区": 2, "粮食局宿舍": 2, "供电小区": 3, "建设里": 3, "棉纺宿舍": 3,
            "税务宿舍": 4, "交通局宿舍": 4, "邮电宿舍": 5, "化肥厂宿舍": 5, "兴元里": 6,
            "百货宿舍": 11, "兴元花园": 6, "锦绣家园": 9}


def _user(username: str) -> User | None:
    return db.session.scalar(select(User).where(User.username == username))


def _timeline(issue: Issue, status: str, start, resolve_hours, note: str, staff, grid) -> None:
    """Events from 新建 to `status`, spread over the hours it took."""
    if status in ("rejected", "duplicate"):
        steps = ["new", status]
    else:
        steps = PATH[: PATH.index(status) + 1]
    span = resolve_hours or 2  # open issues: their steps happened within two hours
    for index, step in enumerate(steps):
        # Steps are spread evenly up to 已解决 (index 4 = span); 已关闭 a day later.
        at = start + timedelta(hours=span + 24 if step == "closed" else index * span / 4)
        if step == "resolved":
            issue.resolved_at = at
        if step == "closed":
            issue.closed_at = at
        actor = grid if step in ("in_progress", "resolved") else staff
        issue.events.append(IssueEvent(
            at=at, actor=None if step == "new" else actor, kind="created" if step == "new" else "status",
            from_status="" if index == 0 else steps[index - 1], to_status=step,
            by_reporter=step == "new" and issue.channel == "web",
            assignee=grid if step == "assigned" else None,
            note=note if step in ("resolved", "rejected") else "",
            public_note=step == "resolved"))  # written for the residents, no personal data


def seed_issue(community: Community, spec, names: NameMaker, staff, grid) -> tuple[Issue, bool]:
    """One demo issue, looked up by its text so a second run changes nothing."""
    compound_name, channel, category, what, where, status, hours_ago, resolve, public, note = spec
    found = db.session.scalar(select(Issue).where(Issue.community_id == community.id, Issue.what == what))
    if found:
        return found, False
    compound = db.session.scalar(select(Compound).where(
        Compound.community_id == community.id, Compound.name == compound_name))
    start = utcnow() - timedelta(hours=hours_ago)
    anonymous = channel == "box" and compound_name != "兴元里"
    issue = Issue(community=community, compound=compound, channel=channel, category=category,
                  what=what, where=where, status=status, public=public, created_at=start,
                  updated_at=start, anonymous=anonymous,
                  reporter_name="" if anonymous else names.name(),
                  reporter_mobile="" if anonymous else names.mobile(),
                  entered_by=None if channel == "web" else staff,
                  assignee=grid if status in PATH[2:] else None,
                  reason=note if status == "rejected" else "")
    if channel == "patrol" and compound_name == "外贸小区":
        issue.reporter_name = f"保洁员{issue.reporter_name}"
    _timeline(issue, status, start, resolve, note, staff, grid)
    db.session.add(issue)
    return issue, True


def seed_septic_tank_costs(issue: Issue, staff: User) -> None:
    """The meeting, two quotes, the lowest chosen, an equal split, half of it collected."""
    if db.session.scalar(select(Quote.id).where(Quote.issue_id == issue.id)):
        return
    held = (issue.created_at + timedelta(hours=3)).date()
    db.session.add(Deliberation(
        issue_id=issue.id, held_on=held, recorded_by_id=staff.id,
        attendees="社区党委书记、第一网格网格员、水产宿舍居民代表3人",
        decision="小区无物业，化粪池吸污费用由全体住户共同分摊；居民代表负责挨家挨户做工作、收钱；"
                 "联系两家施工队报价，哪家报价低用哪家。"))
    db.session.add_all([
        Quote(issue_id=issue.id, contractor="城东管道疏通队", amount_fen=240000, note="吸污两车，含清运"),
        Quote(issue_id=issue.id, contractor="兴华环卫吸污队", amount_fen=192000,
              note="曾为辖区疏通下水道；吸污两车，含清运", chosen=True),
    ])
    households = costs.households_for(issue, None)
    amounts = costs.equal_split(192000, len(households))
    shares = [CostShare(issue_id=issue.id, household_id=h.id, amount_fen=fen)
              for h, fen in zip(households, amounts)]
    db.session.add_all(shares)
    for share in shares[: len(shares) // 2]:
        share.payments.append(Payment(amount_fen=share.amount_fen, paid_on=held + timedelta(days=1),
                                      payer_name="户主", collected_by="居民代表", recorded_by_id=staff.id))


def seed_box_openings(community: Community, staff: User) -> None:
    """Recent openings for most boxes; a few are overdue (more than 7 days)."""
    today = clock.today()
    for compound in community.compounds:
        days = BOX_DAYS.get(compound.name)
        if days is None:
            continue
        opened_on: date = today - timedelta(days=days)
        exists = db.session.scalar(select(BoxOpening.id).where(
            BoxOpening.compound_id == compound.id, BoxOpening.opened_on == opened_on))
        if not exists:
            typed = (days + compound.id) % 3
            db.session.add(BoxOpening(community_id=community.id, compound=compound, opened_on=opened_on,
                                      opened_by=staff, opened_by_name=staff.display_name if staff else "",
                                      slips_found=typed + (1 if days > 7 else 0), slip_count=typed))


def seed() -> dict:
    """The 兴元社区 issue board; safe to run again."""
    community = db.session.scalar(select(Community).where(Community.slug == SLUG))
    if community is None:
        return {"issues": 0}
    staff, grid = _user("xingyuan-staff"), _user("xingyuan-grid")
    names = NameMaker("issues-" + SLUG)
    created = 0
    issues = []
    for spec in ISSUES:
        issue, new = seed_issue(community, spec, names, staff, grid)
        issues.append(issue)
        created += new
    db.session.flush()
    seed_septic_tank_costs(issues[0], staff)
    _seed_duplicate(community, issues[12], names, staff)
    seed_box_openings(community, staff)
    db.session.commit()
    return {"issues": created}


def _seed_duplicate(community: Community, original: Issue, names, staff) -> None:
    """A second slip about the same cluttered stairwell, merged into the first."""
    what = "3号楼楼道杂物太多，上次反映过还没清完。"
    if db.session.scalar(select(Issue.id).where(Issue.community_id == community.id, Issue.what == what)):
        return
    start = original.created_at + timedelta(hours=5)
    issue = Issue(community=community, compound=original.compound, channel="box", category="sanitation",
                  what=what, where="3号楼", status="duplicate", merged_into=original, anonymous=True,
                  reason=f"与诉求 #{original.id} 是同一件事，合并处理。", created_at=start,
                  updated_at=start, entered_by=staff)
    issue.events.append(IssueEvent(at=start, kind="created", to_status="new", actor=staff))
    issue.events.append(IssueEvent(at=start + timedelta(hours=1), kind="status", actor=staff,
                                   from_status="new", to_status="duplicate", note=issue.reason))
    db.session.add(issue)
