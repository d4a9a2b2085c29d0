"""Door-knocking rounds of the article: 流津's finished 冬季入户走访 of last winter (every
door knocked, 室内温度 of 明珠公寓's flats, and the need at 颐和新园 that became the gym, a
resolved issue) and 兴元's round under way (some doors still 未访, some 不在家).
Safe to run twice: a round (with its visits) is only created when its name is new."""
import random
import uuid
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from blueprints.community.grids import grid_households
from blueprints.core import clock
from blueprints.issues import services as issues
from blueprints.visits import services
from extensions import db
from models import Community, Grid, Team, TeamMember, User
from models.visits import Visit, VisitAnswer, VisitAssignment, VisitCampaign, VisitQuestion

NAME = "冬季入户走访"
GYM_NEED = "冬天没有地方锻炼身体，希望社区能有个室内健身的地方。"
NEEDS = ["楼道灯坏了，晚上上下楼看不清。", "暖气片不热，想请物业来看看。",
         "家里老人腿脚不便，希望有人上门理发。", "单元门禁坏了，外人随便进。"]
CHOICES = ["健身场所", "老年食堂", "四点半课堂", "其他"]


def _questions() -> list[VisitQuestion]:
    return [
        VisitQuestion(position=0, kind="number", label="室内温度", unit="℃", min_value=-10,
                      max_value=40, flag_below=18),
        VisitQuestion(position=1, kind="yes_no", label="暖气是否正常"),
        VisitQuestion(position=2, kind="choice", label="最希望社区增加的服务", choices=CHOICES),
    ]


def _user(username: str) -> User | None:
    return db.session.scalar(select(User).where(User.username == username))


def _campaign(community: Community, starts_on: date, ends_on: date, staff) -> VisitCampaign:
    grids = list(db.session.scalars(select(Grid).where(Grid.community_id == community.id)
                                    .order_by(Grid.name)))
    campaign = VisitCampaign(community_id=community.id, name=NAME, starts_on=starts_on,
                             ends_on=ends_on, max_tries=3, grids=grids, questions=_questions(),
                             created_by_id=staff.id if staff else None)
    db.session.add(campaign)
    db.session.flush()
    for grid in grids:
        for worker in grid.workers:
            campaign.assignments.append(VisitAssignment(grid_id=grid.id, user_id=worker.id))
    member = db.session.scalar(select(TeamMember).join(Team).where(
        Team.community_id == community.id, Team.kind == "door_knocking",
        TeamMember.status == "accepted").order_by(TeamMember.id))
    if member is not None and grids:
        campaign.assignments.append(VisitAssignment(grid_id=grids[0].id, team_member_id=member.id))
    return campaign


def _visit(campaign, household, visitor, outcome, at: datetime, n: int, answers=(), need="",
           member=None):
    """A visit row with a client id made from the round, the door and the try (`member`: the
    敲门队 member who knocked, through their link)."""
    client_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"doorstep-demo/{campaign.id}/{household.id}/{n}"))
    visit = Visit(community_id=campaign.community_id, campaign=campaign, household=household,
                  client_id=client_id, outcome=outcome, need=need, visitor=visitor,
                  visitor_team_member=member, visited_at=at, created_at=at)
    visit.answers = [VisitAnswer(question=q, number=number, text=text) for q, number, text in answers]
    db.session.add(visit)
    return visit


def _answers(campaign, rng, compound_name: str):
    temperature, heating, wish = campaign.questions
    cold = compound_name == "明珠公寓"  # the article's question: how warm are 明珠公寓's flats
    degrees = round(rng.uniform(14.5, 21.5) if cold else rng.uniform(18, 23), 1)
    return [(temperature, degrees, ""), (heating, None, "否" if degrees < 18 else "是"),
            (wish, None, rng.choice(CHOICES))]


def _moment(day: date, rng) -> datetime:
    return clock.at(day, time(rng.choice((9, 10, 14, 15, 16)), rng.choice((0, 15, 30, 45))))


def seed_finished(community: Community, today: date) -> int:
    """Last winter's round in 流津: every door knocked; the gym need solved."""
    year = today.year - 1 if today >= date(today.year, 2, 1) else today.year - 2
    starts_on, ends_on = date(year, 12, 1), date(year + 1, 1, 15)
    staff = _user(f"{community.slug}-staff")
    campaign = _campaign(community, starts_on, ends_on, staff)
    rng, made, needs, gym = random.Random("liujin-winter"), 0, 0, False
    for grid in campaign.grids:
        visitor = grid.workers[0] if grid.workers else staff
        for index, household in enumerate(grid_households([grid.id])):
            day = starts_on + timedelta(days=index % 40)
            roll = rng.random()
            if household.status == "vacant" or roll < 0.04:
                _visit(campaign, household, visitor, "vacant", _moment(day, rng), 1)
            elif roll < 0.09:
                _visit(campaign, household, visitor, "refused", _moment(day, rng), 1)
            else:
                if roll < 0.25:  # not home the first time, visited a few days later
                    _visit(campaign, household, visitor, "not_home", _moment(day, rng), 1)
                    day = min(day + timedelta(days=3), ends_on)
                need = ""
                if household.compound.name == "颐和新园" and not gym:
                    need, gym = GYM_NEED, True
                elif rng.random() < 0.05:
                    need = NEEDS[needs % len(NEEDS)]
                visit = _visit(campaign, household, visitor, "visited", _moment(day, rng), 2,
                               _answers(campaign, rng, household.compound.name), need)
                if need:
                    needs += 1
                    _issue(visit, visitor, solved=need == GYM_NEED)
            made += 1
    return made


def _issue(visit: Visit, visitor, solved: bool) -> None:
    """The need on the board; the gym one solved (the community built the gym)."""
    db.session.flush()
    issue = services.need_to_issue(visit, visitor)
    issue.created_at = issue.updated_at = visit.visited_at
    if solved and issue.status == "assigned":
        issues.change_status(issue, "in_progress", issue.assignee, "和居民代表商量选址，改造闲置用房。")
        issues.change_status(issue, "resolved", issue.assignee,
                             "社区健身房已建成开放，器械免费使用，每周有健身指导。", public_note=True)


def seed_ongoing(community: Community, today: date) -> int:
    """This winter's round in 兴元, under way: the first grid half done, some not home."""
    staff = _user(f"{community.slug}-staff")
    campaign = _campaign(community, today - timedelta(days=6), today + timedelta(days=24), staff)
    rng, made = random.Random("xingyuan-winter"), 0
    members = {a.grid_id: db.session.get(TeamMember, a.team_member_id)
               for a in campaign.assignments if a.team_member_id}
    for grid in campaign.grids[:2]:
        worker = grid.workers[0] if grid.workers else staff
        doors = grid_households([grid.id])
        for index, household in enumerate(doors[: len(doors) // 2]):
            day = today - timedelta(days=5 - index % 6)
            # Every third door of the 敲门队 member's grid was knocked through their link.
            member = members.get(grid.id) if index % 3 == 0 else None
            visitor = None if member else worker
            roll = rng.random()
            if roll < 0.2:
                _visit(campaign, household, visitor, "not_home", _moment(day, rng), 1, member=member)
                if roll < 0.08:
                    _visit(campaign, household, visitor, "not_home",
                           _moment(min(day + timedelta(days=1), today), rng), 2, member=member)
            elif roll < 0.25:
                _visit(campaign, household, visitor, "refused", _moment(day, rng), 1, member=member)
            else:
                _visit(campaign, household, visitor, "visited", _moment(day, rng), 1,
                       _answers(campaign, rng, household.compound.name), member=member)
            made += 1
    return made


def seed() -> dict:
    """Both rounds; safe to run again."""
    today, made = clock.today(), {}
    for slug, build in (("liujin", seed_finished), ("xingyuan", seed_ongoing)):
        community = db.session.scalar(select(Community).where(Community.slug == slug))
        if community is None or db.session.scalar(select(VisitCampaign.id).where(
                VisitCampaign.community_id == community.id, VisitCampaign.name == NAME)):
            continue
        made[slug] = build(community, today)
        db.session.commit()
    return made
