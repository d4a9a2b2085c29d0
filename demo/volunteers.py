"""Volunteer demo data from the article: red vests at 颐和新园, the door-knocking team,
a fire-safety campaign day, the choir. Shifts full, nearly full and open, and past
shifts with attendance so hours and certificates show real numbers. Safe to run twice:
an activity is only created (with its shifts and sign-ups) when its title is new."""
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from blueprints.core import clock
from extensions import db
from models import (
    Activity,
    Community,
    Compound,
    Partner,
    Person,
    Shift,
    Signup,
    Team,
    TeamMember,
    User,
)

TEAMS = {
    "liujin": [("温州饭吧红马甲", "red_vest", "共建单位温州饭吧的员工志愿者，清扫小区、整理电动车。"),
               ("流津敲门队", "door_knocking", "社区工作人员和居民骨干，逐户走访，收集困难和需求。"),
               ("文明劝导队", "civility", "劝导不文明养犬、乱停车、乱堆放。")],
    "xingyuan": [("兴元合唱队", "choir", "“微舞台”文艺队伍，每周排练，节日演出。"),
                 ("兴元敲门队", "door_knocking", "无物业老旧小区逐楼走访，了解冬季室温和急难愁盼。"),
                 ("邻聚力志愿者服务队", "service", "关爱高龄、独居老人，助餐、陪诊。")],
}

# title, category, campaign, compound, venue, team, description,
# shifts: (day offset, start hour, hours, capacity, role, confirmed, waitlisted, attended)
ACTIVITIES = {
    "liujin": [
        ("颐和新园红马甲清扫", "action", "", "颐和新园", "小区南门集合", "温州饭吧红马甲",
         "“红马甲”进小区：清扫楼道和绿化带，整理电动车停放，清理小广告。",
         [(-14, 9, 3, 8, "清扫", 0, 0, 6), (3, 9, 2, 6, "清扫", 6, 2, 0),
          (3, 14, 2, 6, "电动车整理", 5, 0, 0)]),
        ("消防安全宣传日", "campaign", "消防安全", None, "党群服务中心门前广场", None,
         "发放消防安全手册，演示灭火器使用，排查楼道堆物和飞线充电。",
         [(-30, 9, 2.5, 10, "引导", 0, 0, 5), (6, 9, 3, 10, "引导", 2, 0, 0)]),
        ("敲门行动·颐和新园走访", "action", "", "颐和新园", "", "流津敲门队",
         "逐户敲门，了解居民需求，登记问题并转交网格员。",
         [(-7, 14, 3, 4, "走访", 0, 0, 3), (2, 14, 3, 4, "走访", 3, 0, 0)]),
    ],
    "xingyuan": [
        ("兴元合唱队排练", "stage", "", None, "“邻聚力”会客厅", "兴元合唱队",
         "为社区文艺汇演排练合唱曲目，欢迎喜欢唱歌的居民参加。",
         [(-7, 15, 2, 20, "合唱", 0, 0, 8), (4, 15, 2, 20, "合唱", 6, 0, 0)]),
        ("敲门队入户走访（第一网格）", "action", "", "外贸小区", "", "兴元敲门队",
         "走访水产宿舍、外贸小区等无物业小区，询问冬季室内温度和需求。",
         [(-10, 9, 3, 6, "走访", 0, 0, 4), (1, 9, 3, 6, "走访", 6, 1, 0)]),
        ("反诈宣传进小区", "campaign", "反诈", "兴元花园", "小区广场", None,
         "讲解常见电信诈骗手法，帮助老人安装国家反诈中心App。",
         [(8, 9, 2, 8, "讲解", 7, 0, 0)]),
    ],
}


def _at(day: date, hour: float) -> datetime:
    whole = int(hour)
    return clock.at(day, time(whole, int((hour - whole) * 60)))


def _teams(community: Community) -> dict[str, Team]:
    teams = {}
    for name, kind, description in TEAMS[community.slug]:
        team = db.session.scalar(select(Team).where(Team.community_id == community.id,
                                                    Team.name == name))
        if team is None:
            team = Team(community_id=community.id, name=name, kind=kind, description=description)
            db.session.add(team)
            db.session.flush()
        if kind == "red_vest" and team.partner_id is None:
            # "温州饭吧红马甲" belongs to the partner unit 温州饭吧 (demo/offers.py).
            team.partner = db.session.scalar(select(Partner).where(
                Partner.community_id == community.id, Partner.name == name.removesuffix("红马甲")))
        teams[name] = team
    return teams


def _people(community: Community, count: int) -> list[Person]:
    """Residents the foundation seed invented, oldest first."""
    return list(db.session.scalars(select(Person).where(Person.community_id == community.id)
                                   .order_by(Person.id).limit(count)))


def _add_shift(activity: Activity, spec, people, staff: User | None, today: date) -> None:
    offset, hour, hours, capacity, role, confirmed, waitlisted, attended = spec
    start = _at(today + timedelta(days=offset), hour)
    shift = Shift(activity=activity, starts_at=start, ends_at=start + timedelta(hours=hours),
                  capacity=capacity, role=role)
    db.session.add(shift)
    db.session.flush()
    statuses = ["attended"] * attended + ["confirmed"] * confirmed + ["waitlisted"] * waitlisted
    for index, (person, status) in enumerate(zip(people, statuses)):
        signup = Signup(shift_id=shift.id, person_id=person.id, status=status,
                        queued_at=start - timedelta(days=5, minutes=-index))
        if status == "attended":
            signup.minutes = shift.minutes
            signup.checked_in_at = start + timedelta(minutes=5)
            signup.checked_in_by_id = staff.id if staff else None
        if status != "waitlisted":
            shift.taken += 1
        db.session.add(signup)


def seed_community(community: Community, today: date) -> int:
    """Teams, members and activities of one community; returns new activities."""
    teams = _teams(community)
    people = _people(community, 24)
    staff = db.session.scalar(select(User).where(User.username == f"{community.slug}-staff"))
    for team, members in zip(teams.values(), (people[:6], people[6:10], people[10:13])):
        for person in members:
            if not db.session.scalar(select(TeamMember.id).where(
                    TeamMember.team_id == team.id, TeamMember.person_id == person.id)):
                db.session.add(TeamMember(team_id=team.id, person_id=person.id,
                                          status="accepted"))
    created = 0
    for index, (title, category, campaign, compound_name, venue, team_name, description,
                shifts) in enumerate(ACTIVITIES[community.slug]):
        if db.session.scalar(select(Activity.id).where(Activity.community_id == community.id,
                                                       Activity.title == title)):
            continue
        compound = db.session.scalar(select(Compound).where(
            Compound.community_id == community.id, Compound.name == compound_name))
        activity = Activity(community_id=community.id, title=title, category=category,
                            campaign=campaign, description=description, venue=venue,
                            compound_id=compound.id if compound else None,
                            team_id=teams[team_name].id if team_name else None)
        db.session.add(activity)
        rotated = people[index * 3:] + people[:index * 3]  # different faces per activity
        for spec in shifts:
            _add_shift(activity, spec, rotated, staff, today)
        created += 1
    return created


def seed() -> dict:
    """Volunteer data for both demo communities; safe to run again."""
    today = clock.today()
    created = {}
    for slug in TEAMS:
        community = db.session.scalar(select(Community).where(Community.slug == slug))
        if community is not None:
            created[slug] = seed_community(community, today)
    db.session.commit()
    return created
