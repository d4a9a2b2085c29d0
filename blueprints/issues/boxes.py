"""Opinion-box openings: who opened which box when, slips found, and slips typed in."""
from datetime import date

from sqlalchemy import func, select, update

from blueprints.core import clock
from blueprints.core.audit import record_event
from blueprints.core.paging import Page, paginate
from blueprints.core.transaction import transactional
from blueprints.issues.services import Report, build_issue, community_compound
from extensions import db
from models import BoxOpening, Community, Compound, Issue, User


BOXES_PER_PAGE = 30  # compounds per page of the openings overview


class FutureOpening(ValueError):
    """An opening dated after today (Asia/Shanghai)."""


def _check_date(opened_on: date) -> None:
    if opened_on > clock.today():
        raise FutureOpening(opened_on.isoformat())


def _opening(community: Community, compound: Compound, opened_on: date, actor: User) -> BoxOpening:
    """The opening of this box on this day, created if missing (unique per compound/day)."""
    _check_date(opened_on)
    query = select(BoxOpening).where(BoxOpening.compound_id == compound.id,
                                     BoxOpening.opened_on == opened_on)
    opening = db.session.scalar(query)
    if opening is None:
        opening = BoxOpening(community_id=community.id, compound=compound, opened_on=opened_on,
                             opened_by=actor, opened_by_name=actor.display_name, slip_count=0)
        db.session.add(opening)
        db.session.flush()
    return opening


@transactional
def enter_slip(community: Community, report: Report, opened_on: date, actor: User) -> Issue:
    """Type in one paper slip from a box opening (created on the first slip)."""
    report.channel = "box"
    issue = build_issue(community, report, actor)
    opening = _opening(community, issue.compound, opened_on, actor)
    # One UPDATE, so two people typing slips of the same box never lose a count.
    db.session.execute(update(BoxOpening).where(BoxOpening.id == opening.id)
                       .values(slip_count=BoxOpening.slip_count + 1))
    issue.box_opening = opening
    db.session.flush()
    record_event(actor, "issue.created", issue, community, channel="box")
    return issue


@transactional
def record_opening(community: Community, compound_id: int, opened_on: date, actor: User,
                   opened_by: str, slips_found: int) -> BoxOpening:
    """Record who opened a box and how many slips it held (0: empty), so it is no longer overdue."""
    opening = _opening(community, community_compound(community, compound_id), opened_on, actor)
    opening.opened_by_name = opened_by.strip()[:40]
    opening.slips_found = slips_found
    record_event(actor, "box.opened", opening, community, opened_by=opening.opened_by_name,
                 slips_found=slips_found)
    return opening


def box_overview(community: Community, today: date, number: int = 1) -> Page[dict]:
    """One page of compounds, each with its last opening; stale when more than 7 days ago."""
    compounds = paginate(select(Compound).where(Compound.community_id == community.id)
                         .order_by(Compound.position, Compound.id), number, BOXES_PER_PAGE)
    ids = [compound.id for compound in compounds]
    last = (select(BoxOpening.compound_id, func.max(BoxOpening.opened_on).label("opened_on"))
            .where(BoxOpening.community_id == community.id, BoxOpening.compound_id.in_(ids))
            .group_by(BoxOpening.compound_id).subquery())
    latest = {o.compound_id: o for o in db.session.scalars(
        select(BoxOpening).join(last, (BoxOpening.compound_id == last.c.compound_id)
                                & (BoxOpening.opened_on == last.c.opened_on)))}
    rows = []
    for compound in compounds:
        opening = latest.get(compound.id)
        stale = opening is None or (today - opening.opened_on).days > 7
        rows.append({"compound": compound, "last": opening.opened_on if opening else None,
                     "opening": opening, "stale": stale})
    compounds.items = rows
    return compounds
