"""Deliberation and cost sharing: meetings, quotes, the chosen quote and the split.

Every step also goes onto the issue's timeline without names. The ledger is in ledger.py."""
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import selectinload

from blueprints.core.audit import record_event
from blueprints.core.money import parse_yuan
from blueprints.core.transaction import transactional
from blueprints.core.uploads import save_image
from blueprints.issues.services import PHOTO_FOLDER, timeline_line
from extensions import db
from models import (
    Community,
    CostShare,
    Deliberation,
    Household,
    Issue,
    Payment,
    Quote,
    User,
)


class CostError(ValueError):
    """A cost-sharing step that cannot be done; `field` names the form field to blame."""

    def __init__(self, field: str, code: str):
        super().__init__(f"{field}: {code}")
        self.field = field
        self.code = code  # reason, no_quote, no_households, sum, locked, too_much, reversed


@transactional
def record_deliberation(issue: Issue, held_on: date, attendees: str, decision: str,
                        actor: User) -> Deliberation:
    """Record a meeting of resident representatives."""
    meeting = Deliberation(issue_id=issue.id, held_on=held_on, attendees=attendees.strip(),
                           decision=decision.strip(), recorded_by_id=actor.id)
    db.session.add(meeting)
    db.session.flush()
    timeline_line(issue, "meeting", actor)
    record_event(actor, "issue.deliberation", issue, issue.community, meeting=meeting.id)
    return meeting


@transactional
def add_quote(issue: Issue, contractor: str, amount_fen: int, note: str, actor: User,
              scan=None) -> Quote:
    """Record a contractor's quote. A new quote undoes an earlier choice (it must be made again
    against the new lowest), which is refused once money has been collected."""
    chosen = chosen_quote(issue)
    if chosen is not None and has_payments(issue):
        raise CostError("contractor", "locked")
    quote = Quote(issue_id=issue.id, contractor=contractor.strip(), amount_fen=amount_fen,
                  note=note.strip())
    if scan is not None:
        stored = save_image(scan, PHOTO_FOLDER)
        quote.scan_file, quote.scan_type = stored.name, stored.content_type
    if chosen is not None:
        chosen.chosen, chosen.choice_reason = False, ""
        db.session.execute(delete(CostShare).where(CostShare.issue_id == issue.id))
    db.session.add(quote)
    db.session.flush()
    timeline_line(issue, "quote", actor, amount_fen=amount_fen)
    record_event(actor, "issue.quote", issue, issue.community, amount_fen=amount_fen,
                 unchosen=chosen.id if chosen else None)
    return quote


def quotes_of(issue: Issue) -> list[Quote]:
    """The issue's quotes, cheapest first."""
    query = select(Quote).where(Quote.issue_id == issue.id).order_by(Quote.amount_fen, Quote.id)
    return list(db.session.scalars(query))


def lowest_quote(issue: Issue) -> Quote | None:
    """The default choice."""
    quotes = quotes_of(issue)
    return quotes[0] if quotes else None


def chosen_quote(issue: Issue) -> Quote | None:
    """The quote chosen for the issue, if any."""
    return db.session.scalar(select(Quote).where(Quote.issue_id == issue.id, Quote.chosen.is_(True)))


@transactional
def choose_quote(issue: Issue, quote_id: int, reason: str, actor: User) -> Quote:
    """Choose a quote: the lowest freely, any other only with a written reason. Choosing the
    chosen one again only updates the reason and keeps the split."""
    quotes = quotes_of(issue)
    quote = next((q for q in quotes if q.id == quote_id), None)
    if quote is None:
        raise CostError("quote", "no_quote")
    if quote.amount_fen > quotes[0].amount_fen and not reason.strip():
        raise CostError("reason", "reason")
    if not quote.chosen:
        if has_payments(issue):
            raise CostError("quote", "locked")
        for other in quotes:
            other.chosen = other.id == quote.id
            other.choice_reason = ""
        # A new total makes the old split wrong.
        db.session.execute(delete(CostShare).where(CostShare.issue_id == issue.id))
        timeline_line(issue, "quote_chosen", actor, amount_fen=quote.amount_fen)
    quote.choice_reason = reason.strip()
    record_event(actor, "issue.quote_chosen", issue, issue.community, quote=quote.id)
    return quote


def equal_split(total_fen: int, count: int) -> list[int]:
    """`count` amounts summing exactly to total: the first `remainder` get one fen more."""
    if count <= 0:
        raise CostError("buildings", "no_households")
    base, remainder = divmod(total_fen, count)
    return [base + 1 if i < remainder else base for i in range(count)]


def households_for(issue: Issue, building_ids: list[int] | None) -> list[Household]:
    """Households of the issue's compound, or only of the chosen buildings."""
    query = (select(Household).where(Household.compound_id == issue.compound_id)
             .options(selectinload(Household.building)))
    if building_ids:
        query = query.where(Household.building_id.in_(building_ids))
    return list(db.session.scalars(query.order_by(Household.building_id, Household.id)))


def split(issue: Issue, mode: str, building_ids: list[int] | None, typed: Mapping,
          actor: User) -> list[CostShare]:
    """The split the form asked for: `custom` reads `share-<household id>` amounts in yuan from
    `typed`; anything else splits equally among the chosen buildings (or the compound)."""
    if mode != "custom":
        return split_equally(issue, building_ids, actor)
    amounts = {}
    for household in households_for(issue, None):
        raw = (typed.get(f"share-{household.id}") or "").strip()
        if raw and raw not in ("0", "0.00"):
            amounts[household.id] = parse_yuan(raw)
            if amounts[household.id] is None:
                raise CostError("amounts", "sum")
    return split_custom(issue, amounts, actor)


def split_equally(issue: Issue, building_ids: list[int] | None, actor: User) -> list[CostShare]:
    """Split the chosen quote equally among households (all of the compound, or some buildings)."""
    quote = _quote_for_split(issue)
    households = households_for(issue, building_ids)
    amounts = equal_split(quote.amount_fen, len(households))
    return _replace_shares(issue, dict(zip((h.id for h in households), amounts)), actor)


def split_custom(issue: Issue, amounts: dict[int, int], actor: User) -> list[CostShare]:
    """Custom amounts per household; they must add up to the chosen quote exactly."""
    quote = _quote_for_split(issue)
    amounts = {hid: fen for hid, fen in amounts.items() if fen}
    if any(fen < 0 for fen in amounts.values()) or sum(amounts.values()) != quote.amount_fen:
        raise CostError("amounts", "sum")
    allowed = {h.id for h in households_for(issue, None)}
    if not amounts or not set(amounts) <= allowed:
        raise CostError("amounts", "no_households")
    return _replace_shares(issue, amounts, actor)


def _quote_for_split(issue: Issue) -> Quote:
    quote = chosen_quote(issue)
    if quote is None:
        raise CostError("quote", "no_quote")
    if has_payments(issue):
        raise CostError("buildings", "locked")
    return quote


def has_payments(issue: Issue) -> bool:
    """Money has been collected: a payment line that is neither a reversal nor reversed."""
    reversed_ids = select(Payment.reverses_id).where(Payment.reverses_id.is_not(None))
    query = (select(Payment.id).join(CostShare).where(CostShare.issue_id == issue.id,
                                                      Payment.reverses_id.is_(None),
                                                      Payment.id.not_in(reversed_ids)).limit(1))
    return db.session.scalar(query) is not None


@transactional
def _replace_shares(issue: Issue, amounts: dict[int, int], actor: User) -> list[CostShare]:
    db.session.execute(delete(CostShare).where(CostShare.issue_id == issue.id))
    shares = [CostShare(issue_id=issue.id, household_id=hid, amount_fen=fen)
              for hid, fen in amounts.items()]
    db.session.add_all(shares)
    timeline_line(issue, "split", actor, amount_fen=sum(amounts.values()))
    record_event(actor, "issue.cost_split", issue, issue.community,
                 households=len(shares), total_fen=sum(amounts.values()))
    return shares


def shares_of(issue: Issue) -> list[CostShare]:
    """The split with households and payments loaded (one query each)."""
    query = (select(CostShare).where(CostShare.issue_id == issue.id)
             .options(selectinload(CostShare.household).selectinload(Household.building),
                      selectinload(CostShare.payments))
             .order_by(CostShare.id))
    return list(db.session.scalars(query))


def meetings_of(issue: Issue) -> list[Deliberation]:
    """The issue's meetings, oldest first."""
    query = select(Deliberation).where(Deliberation.issue_id == issue.id)
    return list(db.session.scalars(query.order_by(Deliberation.held_on, Deliberation.id)))


@dataclass
class CostSummary:
    """What the public page and the notice show: no names."""

    total_fen: int
    quote: Quote | None
    households: int
    collected_fen: int
    paid_households: int

    @property
    def outstanding_fen(self) -> int:
        return max(self.total_fen - self.collected_fen, 0)


def summarize(quote: Quote | None, shares: list[CostShare]) -> CostSummary | None:
    """Total, chosen quote, collected and outstanding; None when no quote is chosen."""
    if quote is None:
        return None
    collected = sum(s.paid_fen for s in shares)
    paid = sum(1 for s in shares if s.paid_fen >= s.amount_fen)
    return CostSummary(quote.amount_fen, quote, len(shares), collected, paid)


def cost_summary(issue: Issue) -> CostSummary | None:
    """The summary of one issue (two queries)."""
    quote = chosen_quote(issue)
    return summarize(quote, shares_of(issue)) if quote else None



def issues_with_chosen_quote(community: Community, limit: int = 50) -> list[Issue]:
    """The community's issues that have a chosen quote (a cost notice can be printed), newest first."""
    return list(db.session.scalars(
        select(Issue).join(Quote, Quote.issue_id == Issue.id)
        .where(Issue.community_id == community.id, Quote.chosen.is_(True))
        .order_by(Issue.id.desc()).distinct().limit(limit)))
