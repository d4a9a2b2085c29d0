"""Service cards (服务卡) and walk-in services counted by scanning them or by a tally.

A card's QR holds a signed card id: a card from another community, a revoked card or
a forged one is refused; one household is served once a day per offer.
"""
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from blueprints.core import clock
from blueprints.core.audit import record_event
from blueprints.core.signing import sign, unsign
from blueprints.core.transaction import transactional
from extensions import db
from models import Household, HouseholdTag, Offer, Person, User
from models.base import utcnow
from models.homeservice import ServiceCard, ServiceUse

CARD_SALT = "service-card"


class ScanRefused(Exception):
    """A scan the partner is told about at the counter."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def card_token(card: ServiceCard) -> str:
    """What the card's QR code carries."""
    return sign(card.id, CARD_SALT)


@transactional
def issue_card(household: Household, person: Person | None, actor: User | None) -> ServiceCard:
    """A card for a resident of the household (an existing live card is reused)."""
    card = db.session.scalar(select(ServiceCard).where(
        ServiceCard.household_id == household.id, ServiceCard.revoked_at.is_(None),
        ServiceCard.person_id == (person.id if person else None)))
    if card is None:
        card = ServiceCard(community_id=household.community_id, household_id=household.id,
                           person_id=person.id if person else None)
        db.session.add(card)
        db.session.flush()
        record_event(actor, "service_card.issued", card, household.community)
    return card


@transactional
def revoke_card(card: ServiceCard, actor: User | None) -> ServiceCard:
    """A lost card stops working."""
    card.revoked_at = card.revoked_at or utcnow()
    record_event(actor, "service_card.revoked", card, card.household.community)
    return card


def _card_of(offer: Offer, content: str) -> ServiceCard:
    text = (content or "").strip().rsplit("/", 1)[-1]  # a pasted URL or the bare token
    card_id = unsign(text, CARD_SALT)
    card = db.session.get(ServiceCard, card_id) if isinstance(card_id, int) else None
    if card is None:
        raise ScanRefused(_l("这不是本系统的服务卡，请居民到社区核实。"))
    if card.community_id != offer.community_id:
        raise ScanRefused(_l("这张服务卡属于其他社区，不能在这里使用。"))
    if card.revoked_at is not None:
        raise ScanRefused(_l("这张服务卡已作废，请居民到社区补办。"))
    return card


@transactional
def scan(offer: Offer, content: str, actor: User | None, today: date | None = None) -> ServiceUse:
    """Count one service for the card's household today; refused the second time."""
    card = _card_of(offer, content)
    use = ServiceUse(community_id=offer.community_id, offer_id=offer.id,
                     household_id=card.household_id, card_id=card.id,
                     day=today or clock.today(), kind="card",
                     recorded_by_id=actor.id if actor else None)
    try:
        with db.session.begin_nested():
            db.session.add(use)
            db.session.flush()
    except IntegrityError:
        raise ScanRefused(_l("这户今天已经用过这项服务了。")) from None
    return use


@transactional
def tally(offer: Offer, actor: User | None, today: date | None = None) -> ServiceUse:
    """Count one service for a resident without a card."""
    use = ServiceUse(community_id=offer.community_id, offer_id=offer.id, household_id=None,
                     day=today or clock.today(), kind="tally",
                     recorded_by_id=actor.id if actor else None)
    db.session.add(use)
    return use


def served_on(offer: Offer, day: date) -> int:
    """How many services the offer counted on the day."""
    return db.session.scalar(select(db.func.count(ServiceUse.id)).where(
        ServiceUse.offer_id == offer.id, ServiceUse.day == day)) or 0


CARDS_PER_RUN = 400  # a compound at a time, as the cards are printed


@transactional
def issue_cards_in(compound, actor: User | None) -> int:
    """A card for every member of the compound's tagged, occupied households who has none."""
    members = db.session.execute(
        select(Person.id, Person.household_id).join(Household, Person.household_id == Household.id)
        .where(Household.compound_id == compound.id, Household.status == "occupied",
               select(HouseholdTag.id).where(HouseholdTag.household_id == Household.id,
                                             HouseholdTag.withdrawn_at.is_(None)).exists(),
               ~select(ServiceCard.id).where(ServiceCard.person_id == Person.id,
                                             ServiceCard.revoked_at.is_(None)).exists())
        .order_by(Person.id).limit(CARDS_PER_RUN)).all()
    for person_id, household_id in members:
        db.session.add(ServiceCard(community_id=compound.community_id,
                                   household_id=household_id, person_id=person_id))
    if members:
        record_event(actor, "service_card.issued", None, compound.community,
                     name=compound.name, people=len(members))
    return len(members)
