"""The city data set's teams, activities, shifts, sign-ups, /me link versions and outbox.

About 70% of the activities are over (with check-ins, no-shows and cancellations), the
rest come within 60 days (full, nearly full and open shifts, some with a waitlist).
"""
from datetime import time, timedelta

from blueprints.core import clock
from demo.city import Town, add, add_plain
from models import (
    Activity,
    OutboxMessage,
    Shift,
    Signup,
    Team,
    TeamMember,
    VolunteerLink,
)
from models.volunteers import CATEGORIES

TEAMS = (("red_vest", "红马甲"), ("door_knocking", "敲门队"), ("service", "志愿者服务队"),
         ("choir", "合唱队"), ("dance", "舞蹈队"), ("civility", "文明劝导队"))
TITLES = {"lecture": ("健康知识讲座", "防诈骗微讲堂", "智能手机课堂"),
          "venue": ("阅览室开放日", "党群服务中心值班"),
          "action": ("红马甲清扫", "敲门入户走访", "楼道杂物清理", "电动车整理"),
          "stage": ("合唱队排练", "广场舞展演"), "alliance": ("共建单位义诊", "爱心理发"),
          "campaign": ("消防安全宣传", "反诈宣传进小区", "垃圾分类宣传")}
CAMPAIGNS = ("消防安全", "反诈", "垃圾分类", "文明养犬")
ROLES = ("清扫", "引导", "走访", "讲解", "登记", "")


def _teams(town: Town) -> list[int]:
    """Teams (the red-vest one of a partner unit) and their members' requests."""
    rng = town.rng
    specs = [TEAMS[i % len(TEAMS)] for i in range(town.shape.teams)]
    teams = add(Team, [{"community_id": town.id, "name": f"{label}{i + 1}", "kind": kind,
                        "description": f"{town.name}的{label}，欢迎居民加入。",
                        "partner_id": town.partners[i % len(town.partners)] if kind == "red_vest" else None,
                        "created_at": town.ago(days=500)} for i, (kind, label) in enumerate(specs)])
    members = []
    for team in teams:
        for person in rng.sample(town.people, min(10, len(town.people))):
            status = rng.choices(("accepted", "pending", "declined"), (16, 3, 1))[0]
            asked = town.ago(days=rng.uniform(2, 400))
            members.append({"team_id": team, "person_id": person, "status": status,
                            "requested_at": asked,
                            "decided_at": None if status == "pending" else asked + timedelta(days=1)})
    ids = add(TeamMember, members)
    for team, (kind, label) in zip(teams, specs):
        town.log(town.staff[0], "team.created", "Team", team, town.ago(days=500), name=label)
    for member, row in zip(ids, members):
        if row["decided_at"]:
            town.log(town.staff[0], "team_member.accepted" if row["status"] == "accepted"
                     else "team_member.rejected", "TeamMember", member, row["decided_at"])
    return teams


def _activities(town: Town, teams: list[int]) -> list[tuple[int, dict]]:
    """Activities from ten months ago to two months ahead; (id, row) each."""
    rng = town.rng
    rows = []
    for i in range(town.shape.activities):
        category = CATEGORIES[i % len(CATEGORIES)]
        day = town.today + timedelta(days=rng.randint(1, 60) if rng.random() < 0.3
                                     else -rng.randint(1, 300))
        created = clock.at(day, time(9)) - timedelta(days=rng.randint(7, 20))
        rows.append({"community_id": town.id, "category": category,
                     "title": f"{rng.choice(TITLES[category])}（第{i + 1}期）",
                     "campaign": rng.choice(CAMPAIGNS) if category == "campaign" else "",
                     "description": "欢迎居民报名参加，请准时到场。",
                     "compound_id": rng.choice(town.compounds) if rng.random() < 0.5 else None,
                     "venue": rng.choice(("党群服务中心", "小区广场", "南门集合", "")),
                     "team_id": rng.choice(teams) if rng.random() < 0.5 else None,
                     "cancelled_at": created + timedelta(days=2) if rng.random() < 0.03 else None,
                     "created_at": created, "day": day})
    day_of = [row.pop("day") for row in rows]
    ids = add(Activity, rows)
    for activity, row in zip(ids, rows):
        town.log(town.staff[0], "activity.created", "Activity", activity, row["created_at"],
                 title=row["title"])
        if row["cancelled_at"]:
            town.log(town.staff[0], "activity.cancelled", "Activity", activity, row["cancelled_at"])
    return [(a, {**row, "day": d}) for a, row, d in zip(ids, rows, day_of)]


def _shifts(town: Town, activities: list[tuple[int, dict]]) -> list[dict]:
    """One shift per activity, a second in the afternoon for one in five."""
    rng = town.rng
    rows = []
    for activity, spec in activities:
        for hour in (9, 14)[: 1 + (rng.random() < 0.2)]:
            start = clock.at(spec["day"], time(hour))
            rows.append({"activity_id": activity, "starts_at": start,
                         "ends_at": start + timedelta(hours=rng.choice((2, 2, 3))),
                         "capacity": rng.choice((5, 8, 10, 10, 12, 15, 20)), "taken": 0,
                         "role": rng.choice(ROLES),
                         "cancelled_at": spec["created_at"] + timedelta(days=1)
                         if rng.random() < 0.02 else None})
    return rows


def _duty(town: Town) -> tuple[int, str, list[dict]]:
    """The hall's daily duty: one activity whose shifts grow with the community (two a day)."""
    title = "党群服务中心值班（每日）"
    created = town.ago(days=30)
    activity = add(Activity, [{"community_id": town.id, "category": "venue", "title": title,
                               "campaign": "", "description": "接待居民、登记诉求、整理阅览室。",
                               "compound_id": None, "venue": "党群服务中心", "team_id": None,
                               "cancelled_at": None, "created_at": created}])[0]
    town.log(town.staff[0], "activity.created", "Activity", activity, created, title=title)
    shifts = []
    for n in range(town.shape.duty_shifts):
        start = clock.at(town.today + timedelta(days=1 + n // 2), time(9 if n % 2 == 0 else 14))
        shifts.append({"activity_id": activity, "starts_at": start, "ends_at": start + timedelta(hours=3),
                       "capacity": 4, "taken": 0, "role": "值班", "cancelled_at": None})
    return activity, title, shifts


def _signups(town: Town, shift: dict) -> list[dict]:
    """The sign-ups of one shift; sets the shift's `taken` to the places they hold."""
    rng, start = town.rng, shift["starts_at"]
    past = start < town.noon
    capacity = shift["capacity"]
    count = rng.randint(capacity // 2, capacity - 1 if past else capacity + 1)
    rows = []
    for n, person in enumerate(rng.sample(town.people, min(count, len(town.people)))):
        queued = start - timedelta(days=rng.randint(2, 10), minutes=-n)
        if past:
            status = rng.choices(("attended", "no_show", "cancelled", "confirmed"), (15, 2, 2, 1))[0]
        else:
            held = sum(r["status"] == "confirmed" for r in rows)
            status = "cancelled" if rng.random() < 0.05 else "confirmed" if held < capacity else "waitlisted"
        attended = status == "attended"
        rows.append({"person_id": person, "team_id": None, "status": status, "queued_at": queued,
                     "promoted_at": None,
                     "cancelled_at": queued + timedelta(days=1) if status == "cancelled" else None,
                     "checked_in_at": start + timedelta(minutes=5) if attended else None,
                     "checked_in_by_id": town.staff[0] if attended else None,
                     "minutes": int((shift["ends_at"] - start).total_seconds() // 60) if attended else 0})
    shift["taken"] = sum(r["status"] in ("confirmed", "attended", "no_show") for r in rows)
    return rows


def _message(town: Town, signup: int, row: dict, shift: dict, title: str) -> dict:
    """The /me link SMS a sign-up typed into a public form sent (or a notice of cancellation)."""
    cancelled = shift["cancelled_at"] is not None
    kind = "cancelled" if cancelled else "me_link"
    key = (f"cancelled:{signup}:{shift['id']}" if cancelled
           else f"me_link:{signup}:{row['queued_at'].isoformat()}")
    body = (f"【{town.name}】{town.person_names[row['person_id']]}您好，“{title}”"
            + ("已取消，感谢您的支持。" if cancelled else "报名已收到，查看或取消报名请打开个人链接。"))
    sent = row["queued_at"] + timedelta(minutes=1)
    return {"community_id": town.id, "person_id": row["person_id"], "signup_id": signup,
            "kind": kind, "key": key, "recipient": town.mobiles[row["person_id"]], "body": body,
            "created_at": sent - timedelta(minutes=1), "claimed_at": sent, "sent_at": sent,
            "skipped_at": None, "error": ""}


def seed(town: Town) -> None:
    """Teams, activities, shifts with their sign-ups, link versions and sent messages."""
    teams = _teams(town)
    activities = _activities(town, teams)
    titles = {a: spec["title"] for a, spec in activities}
    duty, title, duty_shifts = _duty(town)
    titles[duty] = title
    shifts = _shifts(town, activities) + duty_shifts
    signups = [_signups(town, shift) for shift in shifts]
    shift_ids = add(Shift, shifts)
    rows, owners = [], []
    for shift_id, shift, group in zip(shift_ids, shifts, signups):
        shift["id"] = shift_id
        for row in group:
            rows.append({**row, "shift_id": shift_id})
            owners.append(shift)
        if shift["cancelled_at"]:
            town.log(town.staff[0], "shift.cancelled", "Shift", shift_id, shift["cancelled_at"])
    ids = add(Signup, rows)
    messages = [_message(town, signup, row, shift, titles[shift["activity_id"]])
                for signup, row, shift in zip(ids, rows, owners)
                if shift["starts_at"] > town.noon and row["status"] in ("confirmed", "waitlisted")]
    add(OutboxMessage, messages)
    revoked = town.rng.sample(town.people, max(1, len(town.people) // 50))
    add_plain(VolunteerLink, [{"person_id": p, "version": 2, "revoked_at": town.ago(days=30)}
                              for p in sorted(revoked)])
    for person in sorted(revoked):
        town.log(town.staff[0], "volunteer_link.revoked", "Person", person, town.ago(days=30))
