"""The collection ledger of an issue's cost share: payments, and reversals of wrong lines."""
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from blueprints.core.audit import record_event
from blueprints.core.transaction import transactional
from blueprints.issues.costs import CostError
from blueprints.issues.services import timeline_line
from extensions import db
from models import CostShare, Issue, Payment, User


def _locked_share(issue: Issue, share_id: int) -> tuple[CostShare, int]:
    """The share, its row locked until commit (FOR UPDATE on PostgreSQL; SQLite transactions
    begin IMMEDIATE), and what has been paid towards it, read after the lock."""
    share = db.session.scalar(select(CostShare).where(CostShare.id == share_id)
                              .with_for_update().execution_options(populate_existing=True))
    if share is None or share.issue_id != issue.id:
        raise CostError("share", "no_households")
    paid = db.session.scalar(select(func.coalesce(func.sum(Payment.amount_fen), 0))
                             .where(Payment.share_id == share.id))
    return share, paid


@transactional
def record_payment(issue: Issue, share_id: int, amount_fen: int, paid_on: date,
                   payer_name: str, collected_by: str, actor: User) -> Payment:
    """A line in the collection ledger; never more than the household still owes."""
    share, paid = _locked_share(issue, share_id)
    if amount_fen <= 0 or amount_fen > share.amount_fen - paid:
        raise CostError("amount", "too_much")
    payment = Payment(share=share, amount_fen=amount_fen, paid_on=paid_on,
                      payer_name=payer_name.strip(), collected_by=collected_by.strip(),
                      recorded_by_id=actor.id)
    db.session.add(payment)
    db.session.flush()
    timeline_line(issue, "payment", actor, amount_fen=amount_fen)
    record_event(actor, "issue.payment", issue, issue.community, amount_fen=amount_fen)
    return payment


@transactional
def reverse_payment(issue: Issue, payment_id: int, reason: str, today: date, actor: User) -> Payment:
    """Correct a wrong line: a reversal line of minus its amount, with the reason; never a delete."""
    wrong = db.session.get(Payment, payment_id)
    if wrong is None or wrong.reverses_id is not None:
        raise CostError("payment", "reversed")
    _locked_share(issue, wrong.share_id)
    if not reason.strip():
        raise CostError("reason", "reason")
    reversal = Payment(share_id=wrong.share_id, amount_fen=-wrong.amount_fen, paid_on=today,
                       collected_by=actor.display_name[:40], recorded_by_id=actor.id,
                       reverses_id=wrong.id, note=reason.strip())
    try:
        with db.session.begin_nested():  # the unique reverses_id: a line is reversed once
            db.session.add(reversal)
    except IntegrityError:
        raise CostError("payment", "reversed")
    timeline_line(issue, "payment_reversed", actor, note=reason.strip(), amount_fen=wrong.amount_fen)
    record_event(actor, "issue.payment_reversed", issue, issue.community, payment=wrong.id,
                 amount_fen=wrong.amount_fen, reason=reason.strip())
    return reversal
