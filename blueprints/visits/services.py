"""Visits on the doorstep: who may walk which grid, the roster and its states, recording a
visit once however often it is sent, and a need turned into an issue.

A household's state in a round is the outcome of its latest visit (the highest id: the last
one recorded), or 未访 when it has none; each "not home" is one try, and a household not
home fewer than `max_tries` times is on the revisit list.
"""
import uuid
from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import case, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from blueprints.community.grids import in_grids, walking_order, worker_grid_ids
from blueprints.core.audit import record_event
from blueprints.core.paging import Page, paginate
from blueprints.core.privacy import MOBILE_IN_TEXT
from blueprints.core.transaction import transactional
from blueprints.issues import services as issues
from blueprints.visits.campaigns import YES_NO, on_round
from extensions import db
from models import Grid, Household, Issue, TeamMember, User
from models.visits import OUTCOMES, Visit, VisitAnswer, VisitAssignment, VisitCampaign, VisitQuestion

ROSTER_PAGE = 30  # doors on one roster page: one stairwell or two
FILTERS = ("all", "pending", "revisit")
STAFF_ROLES = ("admin", "staff")


class VisitRefused(ValueError):
    """A visit refused, with the form field it belongs to and a message."""

    def __init__(self, field: str, message):
        super().__init__(str(message))
        self.field = field
        self.message = message


@dataclass
class RosterRow:
    """One door on the roster: the household, its state in the round and its not-home tries."""

    household: Household
    state: str
    tries: int
    revisit: bool

    @property
    def state_label(self) -> str:
        if self.state == "pending" and self.household.status == "vacant":
            return str(OUTCOMES["vacant"])
        return str(_l("未访")) if self.state == "pending" else str(OUTCOMES[self.state])


def visitor_grid_ids(user: User, campaign: VisitCampaign) -> set[int]:
    """The round's grids this user may walk: all for staff; a grid worker's own or assigned."""
    campaign_ids = {grid.id for grid in campaign.grids}
    if user.role in STAFF_ROLES:
        return campaign_ids
    if user.role != "grid_worker":
        return set()
    own = set(db.session.scalars(worker_grid_ids(user, campaign.community)))
    assigned = set(db.session.scalars(select(VisitAssignment.grid_id).where(
        VisitAssignment.campaign_id == campaign.id, VisitAssignment.user_id == user.id)))
    return campaign_ids & (own | assigned)


def grid_of(campaign: VisitCampaign, grid_id: int) -> Grid | None:
    """The round's grid with this id, or None."""
    return next((grid for grid in campaign.grids if grid.id == grid_id), None)


def _latest(campaign: VisitCampaign):
    """Subquery: each household's latest visit id and its not-home tries in the round."""
    return (select(Visit.household_id,
                   func.max(Visit.id).label("last_id"),
                   func.sum(case((Visit.outcome == "not_home", 1), else_=0)).label("tries"))
            .where(Visit.campaign_id == campaign.id).group_by(Visit.household_id).subquery())


def roster(campaign: VisitCampaign, grid: Grid, number: int = 1,
           show: str = "all", per_page: int = ROSTER_PAGE) -> Page[RosterRow]:
    """One page of the grid's doors in walking order, each with its state (one query)."""
    latest = _latest(campaign)
    tries = func.coalesce(latest.c.tries, 0)
    query = (select(Household, Visit.outcome, tries)
             .outerjoin(latest, latest.c.household_id == Household.id)
             .outerjoin(Visit, Visit.id == latest.c.last_id)
             .where(in_grids([grid.id]), on_round(campaign), Household.status != "moved_out")
             .options(selectinload(Household.compound))
             .order_by(*walking_order()))
    if show == "pending":
        query = query.where(Visit.id.is_(None))
    elif show == "revisit":
        query = query.where(Visit.outcome == "not_home", tries < campaign.max_tries)
    page = paginate(query, number, per_page, scalars=False)
    page.items = [_row(campaign, household, outcome, int(n or 0))
                  for household, outcome, n in page.items]
    return page


def _row(campaign: VisitCampaign, household: Household, outcome: str | None, tries: int):
    state = outcome or "pending"
    return RosterRow(household, state, tries,
                     revisit=state == "not_home" and tries < campaign.max_tries)


def household_in(campaign: VisitCampaign, grid_ids, household_id: int) -> Household | None:
    """The household with this id when it lies in one of these grids of the round, else None."""
    if not grid_ids:
        return None
    return db.session.scalar(select(Household).where(
        Household.id == household_id, Household.community_id == campaign.community_id,
        in_grids(list(grid_ids)), on_round(campaign)))


def new_client_id() -> str:
    """A fresh visit id, for a form rendered on the server (the phone makes its own).

    One in a few hundred random UUIDs holds digits that read like a mobile number
    ("…a168-9242-4787…"); public pages mask such numbers, so those are drawn again.
    """
    while MOBILE_IN_TEXT.search(value := str(uuid.uuid4())):
        pass
    return value


def valid_client_id(raw: str) -> bool:
    """A UUID in its usual text form."""
    try:
        return str(uuid.UUID(raw)) == raw.lower()
    except (ValueError, AttributeError, TypeError):
        return False


def check_answer(question: VisitQuestion, raw) -> tuple[float | None, str]:
    """(number, text) for a typed answer, or VisitRefused next to the question's field."""
    value = ("" if raw is None else str(raw)).strip()
    field = f"q{question.id}"
    if not value:
        return None, ""
    if question.kind == "number":
        try:
            number = float(value)
        except ValueError:
            raise VisitRefused(field, _l("请填写数字。"))
        if number != number or abs(number) == float("inf"):  # NaN or infinity
            raise VisitRefused(field, _l("请填写数字。"))
        low, high = question.min_value, question.max_value
        if (low is not None and number < low) or (high is not None and number > high):
            raise VisitRefused(field, _l("请填写 %(low)s 到 %(high)s 之间的数。",
                                         low=_plain(low), high=_plain(high)))
        return number, ""
    allowed = question.choices if question.kind == "choice" else YES_NO
    if question.kind in ("choice", "yes_no") and value not in allowed:
        raise VisitRefused(field, _l("请从选项中选择。"))
    return None, value[:200]


def _plain(number: float | None) -> str:
    if number is None:
        return "…"
    return str(int(number)) if number == int(number) else str(number)


def existing_visit(client_id: str) -> Visit | None:
    """The visit stored under this phone-made id, if any."""
    return db.session.scalar(select(Visit).where(Visit.client_id == client_id))


@transactional
def record_visit(campaign: VisitCampaign, household: Household, visitor: User | None,
                 client_id: str, outcome: str, answers: dict | None = None, need: str = "",
                 source: str = "phone", make_issue: bool = False,
                 visited_at: datetime | None = None, team_member=None) -> Visit:
    """Store one knock; the same client id sent again returns the visit stored the first time.

    `team_member`: the 敲门队 member who knocked through their link (no account: `visitor` None).
    """
    if not valid_client_id(client_id):
        raise VisitRefused("client_id", _l("这条记录缺少编号，请刷新页面再记。"))
    stored = existing_visit(client_id)
    if stored is not None:
        return _same(stored, campaign, household)
    if outcome not in OUTCOMES:
        raise VisitRefused("outcome", _l("请选择走访结果。"))
    visit = Visit(community_id=campaign.community_id, campaign=campaign, household=household,
                  client_id=client_id, outcome=outcome, visitor=visitor, source=source,
                  visitor_team_member=team_member,
                  need=(need or "").strip() if outcome == "visited" else "")
    if visited_at is not None:
        visit.visited_at = visited_at
    if outcome == "visited":
        visit.answers = _answers(campaign, answers or {})
    try:
        with db.session.begin_nested():  # a resend racing the first send: keep the first
            db.session.add(visit)
            db.session.flush()
    except IntegrityError:
        return _same(existing_visit(client_id), campaign, household)
    if visitor is not None:
        record_event(visitor, "visit.recorded", visit, campaign.community, outcome=outcome)
    if make_issue and visit.need:
        need_to_issue(visit, visitor)
    return visit


def _same(stored: Visit, campaign: VisitCampaign, household: Household) -> Visit:
    if stored.campaign_id != campaign.id or stored.household_id != household.id:
        raise VisitRefused("client_id", _l("这条记录的编号已被另一户使用，请刷新页面再记。"))
    return stored


def _answers(campaign: VisitCampaign, answers: dict) -> list[VisitAnswer]:
    """The answers typed, checked against their questions; empty ones are not stored."""
    stored = []
    for question in campaign.questions:
        number, text = check_answer(question, answers.get(question.id))
        if number is not None or text:
            stored.append(VisitAnswer(question=question, number=number, text=text))
    return stored


def _assignee(visit: Visit, actor: User | None) -> User | None:
    """Who works the issue: the grid worker who heard the need, else a worker of its grid."""
    if actor is not None and actor.role == "grid_worker":
        return actor
    grids = db.session.scalars(select(Grid).where(
        Grid.id.in_([g.id for g in visit.campaign.grids]))).all()
    for grid in grids:
        if household_in(visit.campaign, [grid.id], visit.household_id) is not None:
            workers = [w for w in grid.workers if w.active]
            if workers:
                return workers[0]
    return None


@transactional
def need_to_issue(visit: Visit, actor: User | None) -> Issue:
    """Put the visit's need on the issue board (channel 入户走访), assigned to the grid worker."""
    if visit.issue is not None:
        return visit.issue
    if not visit.need.strip():
        raise VisitRefused("need", _l("这次走访没有记下需求。"))
    household = visit.household
    report = issues.Report(compound_id=household.compound_id, building_id=household.building_id,
                           category="other", what=visit.need, where=household.address,
                           channel="visit")
    issue = issues.build_issue(visit.campaign.community, report, actor)
    db.session.flush()
    visit.issue = issue
    assignee = _assignee(visit, actor)
    if assignee is not None:
        issues.change_status(issue, "accepted", actor)
        issues.change_status(issue, "assigned", actor, assignee=assignee)
    if actor is not None:
        record_event(actor, "visit.need_to_issue", issue, visit.campaign.community)
    return issue


def visits_of(campaign: VisitCampaign, household: Household) -> list[Visit]:
    """The household's visits in the round, latest first (a few: bounded by the tries)."""
    return list(db.session.scalars(
        select(Visit).where(Visit.campaign_id == campaign.id, Visit.household_id == household.id)
        .options(selectinload(Visit.answers).selectinload(VisitAnswer.question),
                 selectinload(Visit.visitor), selectinload(Visit.issue),
                 selectinload(Visit.visitor_team_member).selectinload(TeamMember.person))
        .order_by(Visit.id.desc()).limit(20)))
