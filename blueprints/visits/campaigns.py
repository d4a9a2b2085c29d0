"""Campaign rules and writes: a round's dates, grids, questionnaire and visitors."""
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, insert, literal, select, true
from sqlalchemy.orm import selectinload

from blueprints.core.audit import record_event
from blueprints.core.paging import Page, paginate
from blueprints.core.transaction import transactional
from blueprints.community.grids import in_grids, worker_grid_ids
from extensions import db
from models import Community, Grid, Household, Team, TeamMember, User
from models.community import grid_buildings, grid_compounds
from models.visits import (
    QUESTION_KINDS,
    VisitAssignment,
    VisitCampaign,
    VisitQuestion,
    campaign_grids,
    campaign_households,
)

CAMPAIGNS_PER_PAGE = 20
MAX_QUESTIONS = 8  # a doorstep questionnaire stays short
MAX_CHOICES = 8
YES_NO = ("是", "否")


class CampaignError(ValueError):
    """A campaign change refused, with the form field it belongs to and a message."""

    def __init__(self, field: str, message):
        super().__init__(str(message))
        self.field = field
        self.message = message


def campaign_in(community: Community, campaign_id: int) -> VisitCampaign | None:
    """The community's campaign with this id, with its grids and questions, or None."""
    return db.session.scalar(
        select(VisitCampaign).where(VisitCampaign.id == campaign_id,
                                    VisitCampaign.community_id == community.id)
        .options(selectinload(VisitCampaign.grids), selectinload(VisitCampaign.questions),
                 selectinload(VisitCampaign.assignments).options(
                     selectinload(VisitAssignment.grid), selectinload(VisitAssignment.user),
                     selectinload(VisitAssignment.team_member).selectinload(TeamMember.person))))


def campaigns_page(community: Community, user: User, number: int) -> Page[VisitCampaign]:
    """One page of the community's rounds, newest first; a grid worker sees those of their grids."""
    query = (select(VisitCampaign).where(VisitCampaign.community_id == community.id)
             .options(selectinload(VisitCampaign.grids))
             .order_by(VisitCampaign.starts_on.desc(), VisitCampaign.id.desc()))
    if user.role == "grid_worker":
        mine = select(campaign_grids.c.campaign_id).where(
            campaign_grids.c.grid_id.in_(worker_grid_ids(user, community)))
        assigned = select(VisitAssignment.campaign_id).where(VisitAssignment.user_id == user.id)
        query = query.where(VisitCampaign.id.in_(mine) | VisitCampaign.id.in_(assigned))
    return paginate(query, number, CAMPAIGNS_PER_PAGE)


def community_grids(community: Community) -> list[Grid]:
    """The community's grids by name (a campaign's choices)."""
    return list(db.session.scalars(select(Grid).where(Grid.community_id == community.id)
                                   .order_by(Grid.name, Grid.id)))


def _grids(community: Community, grid_ids) -> list[Grid]:
    grids = [g for g in community_grids(community) if g.id in set(grid_ids)]
    if not grids:
        raise CampaignError("grids", _l("请至少选择一个网格。"))
    return grids


def _check_dates(starts_on: date, ends_on: date) -> None:
    if ends_on < starts_on:
        raise CampaignError("ends_on", _l("结束日期不能早于开始日期。"))


def _check_name(community: Community, name: str, campaign_id: int | None = None) -> None:
    taken = db.session.scalar(select(VisitCampaign.id).where(
        VisitCampaign.community_id == community.id, VisitCampaign.name == name.strip()))
    if taken is not None and taken != campaign_id:
        raise CampaignError("name", _l("已有同名的走访行动。"))


@transactional
def create_campaign(community: Community, actor: User, name: str, starts_on: date,
                    ends_on: date, max_tries: int, grid_ids) -> VisitCampaign:
    """A new round over some of the community's grids (需求与建议 is always asked)."""
    _check_dates(starts_on, ends_on)
    _check_name(community, name)
    campaign = VisitCampaign(community=community, name=name.strip(), starts_on=starts_on,
                             ends_on=ends_on, max_tries=max_tries, created_by_id=actor.id,
                             grids=_grids(community, grid_ids))
    db.session.add(campaign)
    db.session.flush()
    record_event(actor, "visit_campaign.created", campaign, community, name=campaign.name)
    return campaign


def on_round(campaign: VisitCampaign):
    """Condition on Household: its door is on the round (every door, unless it is targeted)."""
    if not campaign.targeted:
        return true()
    return Household.id.in_(select(campaign_households.c.household_id)
                            .where(campaign_households.c.campaign_id == campaign.id))


def _grid_ids_of(households) -> list[int]:
    """The grids that hold any of these households (by compound or by building)."""
    ids = select(households.c.id)
    by_compound = (select(grid_compounds.c.grid_id).join(
        Household, Household.compound_id == grid_compounds.c.compound_id)
        .where(Household.id.in_(ids)))
    by_building = (select(grid_buildings.c.grid_id).join(
        Household, Household.building_id == grid_buildings.c.building_id)
        .where(Household.id.in_(ids)))
    return sorted(set(db.session.scalars(by_compound.union(by_building))))


@transactional
def create_targeted_campaign(community: Community, actor: User, name: str, starts_on: date,
                             ends_on: date, household_ids, reason: str) -> VisitCampaign | None:
    """A round over only these households (a select of Household.id), in the grids that hold
    them; None when none of them lies in a grid. Copied in one INSERT … SELECT, any number."""
    _check_dates(starts_on, ends_on)
    _check_name(community, name)
    chosen = household_ids.subquery()
    grid_ids = _grid_ids_of(chosen)
    if not grid_ids:
        return None
    campaign = VisitCampaign(community=community, name=name.strip(), starts_on=starts_on,
                             ends_on=ends_on, max_tries=3, created_by_id=actor.id,
                             targeted=True, grids=_grids(community, grid_ids))
    db.session.add(campaign)
    db.session.flush()
    in_a_grid = select(literal(campaign.id), Household.id).where(
        Household.community_id == community.id, Household.id.in_(select(chosen.c.id)),
        in_grids(grid_ids))
    db.session.execute(insert(campaign_households).from_select(
        ["campaign_id", "household_id"], in_a_grid))
    doors = db.session.scalar(select(func.count()).select_from(campaign_households)
                              .where(campaign_households.c.campaign_id == campaign.id))
    record_event(actor, "visit_campaign.created", campaign, community, name=campaign.name,
                 targeted=doors, reason=reason)
    return campaign


@transactional
def update_campaign(campaign: VisitCampaign, actor: User, name: str, starts_on: date,
                    ends_on: date, max_tries: int, grid_ids) -> VisitCampaign:
    """Change a round's name, dates, tries or grids; visits already made stay."""
    _check_dates(starts_on, ends_on)
    _check_name(campaign.community, name, campaign.id)
    campaign.name, campaign.starts_on, campaign.ends_on = name.strip(), starts_on, ends_on
    campaign.max_tries = max_tries
    campaign.grids = _grids(campaign.community, grid_ids)
    record_event(actor, "visit_campaign.updated", campaign, campaign.community, name=campaign.name)
    return campaign


def parse_choices(raw: str) -> list[str]:
    """'温暖、一般、偏冷' or one per line → the distinct options, in order."""
    parts = [p.strip() for p in raw.replace("、", "\n").replace(",", "\n")
             .replace("，", "\n").splitlines()]
    return list(dict.fromkeys(p for p in parts if p))


@transactional
def add_question(campaign: VisitCampaign, actor: User, kind: str, label: str, unit: str = "",
                 min_value: float | None = None, max_value: float | None = None,
                 flag_below: float | None = None, choices: str = "") -> VisitQuestion:
    """Add a question to the round's questionnaire (number, one choice, yes/no or text)."""
    if kind not in QUESTION_KINDS:
        raise CampaignError("kind", _l("请选择问题类型。"))
    if len(campaign.questions) >= MAX_QUESTIONS:
        raise CampaignError("label", _l("问题最多 %(n)d 个：入户时要问得快。", n=MAX_QUESTIONS))
    if kind == "number" and min_value is not None and max_value is not None \
            and max_value <= min_value:
        raise CampaignError("max_value", _l("最大值要大于最小值。"))
    options = parse_choices(choices) if kind == "choice" else []
    if kind == "choice" and not 2 <= len(options) <= MAX_CHOICES:
        raise CampaignError("choices", _l("单选题需要 2 到 %(n)d 个选项。", n=MAX_CHOICES))
    number = kind == "number"
    question = VisitQuestion(
        kind=kind, label=label.strip(), unit=unit.strip() if number else "",
        min_value=min_value if number else None, max_value=max_value if number else None,
        flag_below=flag_below if number else None, choices=options,
        position=len(campaign.questions))
    campaign.questions.append(question)
    db.session.flush()
    record_event(actor, "visit_campaign.question_added", campaign, campaign.community,
                 name=question.label)
    return question


def door_knocking_members(community: Community) -> list[TeamMember]:
    """Accepted members of the community's 敲门队 teams, by name (assignment choices)."""
    return list(db.session.scalars(
        select(TeamMember).join(Team).where(Team.community_id == community.id,
                                            Team.kind == "door_knocking",
                                            TeamMember.status == "accepted")
        .options(selectinload(TeamMember.person)).order_by(TeamMember.id).limit(200)))


def grid_workers_of(community: Community) -> list[User]:
    """The community's active grid-worker accounts, by name."""
    return list(db.session.scalars(
        select(User).where(User.role == "grid_worker", User.active.is_(True),
                           User.communities.any(id=community.id))
        .order_by(User.display_name, User.id)))


@transactional
def assign(campaign: VisitCampaign, actor: User, grid_id: int, user_id: int | None = None,
           team_member_id: int | None = None) -> VisitAssignment:
    """Put a grid worker or a 敲门队 member on one of the round's grids (once)."""
    if grid_id not in {g.id for g in campaign.grids}:
        raise CampaignError("grid", _l("这个网格不在本次走访范围内。"))
    community = campaign.community
    if user_id and user_id not in {u.id for u in grid_workers_of(community)}:
        raise CampaignError("visitor", _l("请选择本社区的网格员或敲门队队员。"))
    if team_member_id and team_member_id not in {m.id for m in door_knocking_members(community)}:
        raise CampaignError("visitor", _l("请选择本社区的网格员或敲门队队员。"))
    if not (user_id or team_member_id):
        raise CampaignError("visitor", _l("请选择走访人员。"))
    for existing in campaign.assignments:
        if existing.grid_id == grid_id and (existing.user_id, existing.team_member_id) == (
                user_id or None, team_member_id or None):
            return existing
    assignment = VisitAssignment(grid_id=grid_id, user_id=user_id or None,
                                 team_member_id=team_member_id or None)
    campaign.assignments.append(assignment)
    db.session.flush()
    record_event(actor, "visit_campaign.assigned", campaign, community, name=campaign.name)
    return assignment
