"""The rows of each export, read in batches (yield_per) so a big community streams.

Each function takes the community and a `show` function for phone numbers and free text
(masking, unless staff asked for full numbers) and yields lists in its header's order.
"""
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from blueprints.core import clock
from blueprints.core.audit import LogFilters, events_query
from blueprints.core.audit_words import sentence
from blueprints.offers.forms import KIND_LABELS
from blueprints.volunteers.labels import SIGNUP_LABELS
from extensions import db
from models import (
    Activity,
    CostShare,
    Issue,
    IssueEvent,
    Offer,
    Partner,
    Person,
    Shift,
    Signup,
    Visit,
)
from models.issues import CHANNELS, STATUSES
from models.visits import OUTCOMES

BATCH = 500  # rows read from the database at a time
EVENT_WORDS = {"created": "登记", "comment": "补充说明", "public": "设为公开", "private": "设为不公开",
               "meeting": "居民议事", "quote": "登记报价", "quote_chosen": "选定报价",
               "split": "费用分摊", "payment": "收款", "payment_reversed": "更正收款"}


def when(moment) -> str:
    """A stored moment as Shanghai time, to the minute."""
    return clock.local(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def money(fen: int | None):
    """Fen as a yuan number the spreadsheet can add up."""
    return None if fen is None else Decimal(fen).scaleb(-2)


def _stream(query):
    return db.session.scalars(query.execution_options(yield_per=BATCH))


def partners(community, show):
    """One row per service (a partner without one gets a row of its own)."""
    query = (select(Partner).where(Partner.community_id == community.id)
             .options(selectinload(Partner.offers).selectinload(Offer.revisions))
             .order_by(Partner.name, Partner.id))
    for partner in _stream(query):
        head = [partner.name, str(KIND_LABELS.get(partner.kind, partner.kind)), partner.address,
                partner.contact_name, show(partner.contact_phone), show(partner.phone),
                when(partner.last_visited_at)]
        for offer in partner.offers or [None]:
            if offer is None:
                yield head + ["", "", ""]
                continue
            state = "暂停" if offer.paused else "已发布" if offer.published else "未发布"
            yield head + [offer.title, state, when(offer.published_at)]


def volunteers(community, show):
    """Each volunteer's sign-ups, attendances and confirmed hours."""
    attended = func.sum(db.case((Signup.status == "attended", 1), else_=0))
    query = (select(Person.name, Person.mobile, func.count(Signup.id), attended,
                    func.coalesce(func.sum(Signup.minutes), 0))
             .join(Signup, Signup.person_id == Person.id)
             .where(Person.community_id == community.id)
             .group_by(Person.id, Person.name, Person.mobile).order_by(Person.name, Person.id))
    for name, mobile, signups, came, minutes in db.session.execute(
            query.execution_options(yield_per=BATCH)):
        yield [name, show(mobile), signups, came or 0, round(minutes / 60, 1)]


def signups(community, show):
    """Every sign-up, newest shift first."""
    query = (select(Signup).join(Signup.shift).join(Shift.activity)
             .where(Activity.community_id == community.id)
             .options(joinedload(Signup.shift).joinedload(Shift.activity),
                      joinedload(Signup.person))
             .order_by(Shift.starts_at.desc(), Signup.id))
    for signup in _stream(query):
        shift = signup.shift
        yield [shift.activity.title, when(shift.starts_at), shift.role, signup.person.name,
               show(signup.person.mobile), str(SIGNUP_LABELS.get(signup.status, signup.status)),
               when(signup.checked_in_at), signup.minutes]


def _timeline(issue: Issue, show) -> str:
    """The issue's timeline as lines of text, staff notes included (the export is staff's)."""
    lines = []
    for event in issue.events:
        who = "报告人" if event.by_reporter else (event.actor.display_name if event.actor else "")
        what = (f"改为{STATUSES.get(event.to_status, event.to_status)}" if event.kind == "status"
                else EVENT_WORDS.get(event.kind, event.kind))
        note = f"：{show(event.note)}" if event.note else ""
        lines.append(f"{when(event.at)} {who} {what}{note}".replace("  ", " "))
    return "\n".join(lines)


def issues(community, show):
    """Every issue, newest first, with its whole timeline in one cell."""
    events = selectinload(Issue.events)
    query = (select(Issue).where(Issue.community_id == community.id)
             .options(selectinload(Issue.compound), selectinload(Issue.assignee),
                      events.selectinload(IssueEvent.actor))
             .order_by(Issue.created_at.desc(), Issue.id.desc()))
    for issue in _stream(query):
        yield [issue.id, when(issue.created_at), str(CHANNELS.get(issue.channel, issue.channel)),
               issue.category_label, issue.compound.name, show(issue.where), show(issue.what),
               issue.status_label, issue.assignee.display_name if issue.assignee else "",
               issue.reporter_name, show(issue.reporter_mobile), when(issue.resolved_at),
               _timeline(issue, show)]


def costs(community, show):
    """Each household's share of an issue's cost and each line of its collection ledger."""
    query = (select(CostShare).join(Issue, CostShare.issue_id == Issue.id)
             .where(Issue.community_id == community.id)
             .options(joinedload(CostShare.household), selectinload(CostShare.payments))
             .order_by(CostShare.issue_id, CostShare.id))
    issue_titles = dict(db.session.execute(select(Issue.id, Issue.what)
                                           .where(Issue.community_id == community.id,
                                                  Issue.id.in_(select(CostShare.issue_id)))).all())
    for share in _stream(query):
        head = [share.issue_id, show(issue_titles.get(share.issue_id, "")),
                share.household.address, money(share.amount_fen)]
        for payment in share.payments or [None]:
            if payment is None:
                yield head + ["", "", None, "", ""]
                continue
            yield head + [payment.paid_on.isoformat(), payment.payer_name,
                          money(payment.amount_fen), payment.collected_by, show(payment.note)]


def visits(community, show):
    """Every door-knocking visit, newest first."""
    query = (select(Visit).where(Visit.community_id == community.id)
             .options(joinedload(Visit.campaign), joinedload(Visit.household),
                      joinedload(Visit.visitor))
             .order_by(Visit.visited_at.desc(), Visit.id.desc()))
    for visit in _stream(query):
        yield [visit.campaign.name, when(visit.visited_at), visit.household.address,
               str(OUTCOMES.get(visit.outcome, visit.outcome)), show(visit.need),
               visit.visitor.display_name if visit.visitor else "", visit.issue_id or ""]


def audit(community, show, filters=None):
    """The change log (narrowed like its page), newest first, each change as a sentence."""
    for event in _stream(events_query(community, filters or LogFilters())):
        yield [when(event.at), event.actor.display_name if event.actor else "系统",
               show(sentence(event)), event.action]
