"""The bounded lists of staff and partner pages: one page of rows, eager-loaded (issue 10).

The public checklist's page lives with the checklist (checklist.checklist_page).
"""
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from blueprints.core.paging import Page, paginate
from extensions import db
from models import AuditEvent, Community, Offer, OfferRevision, Partner

PARTNERS_PAGE = 20  # units per page of the staff list; each row holds its offers
PORTAL_PAGE = 20  # a unit's offers per page of its portal
REVIEW_PAGE = 20  # pending revisions per page of the review queue, each with its old → new
HISTORY_PAGE = 20  # revisions, and log lines, per page of an offer's history


def partner_page(community: Community, number: int) -> Page[Partner]:
    """A page of the community's partner units by name, with their offers and revisions."""
    return paginate(
        select(Partner).where(Partner.community_id == community.id)
        .options(selectinload(Partner.offers).selectinload(Offer.revisions))
        .order_by(Partner.name, Partner.id), number, PARTNERS_PAGE)


def offer_page(partner: Partner, number: int) -> Page[Offer]:
    """A page of the unit's offers, newest first, with their revisions (their states need them)."""
    return paginate(
        select(Offer).where(Offer.partner_id == partner.id)
        .options(selectinload(Offer.revisions)).order_by(Offer.id.desc()), number, PORTAL_PAGE)


def _pending(community: Community):
    return (select(OfferRevision).join(Offer)
            .where(Offer.community_id == community.id, OfferRevision.status == "pending"))


def pending_page(community: Community, number: int) -> tuple[Page[OfferRevision], int]:
    """A page of the review queue, oldest first (first come, first reviewed), and its length."""
    query = _pending(community).options(
        selectinload(OfferRevision.offer).selectinload(Offer.partner),
        selectinload(OfferRevision.author)).order_by(OfferRevision.submitted_at, OfferRevision.id)
    total = db.session.scalar(select(func.count()).select_from(_pending(community).subquery()))
    return paginate(query, number, REVIEW_PAGE), total


def revision_page(offer: Offer, number: int) -> Page[OfferRevision]:
    """A page of the offer's revisions, newest first, with who wrote and who reviewed each."""
    return paginate(
        select(OfferRevision).where(OfferRevision.offer_id == offer.id)
        .options(selectinload(OfferRevision.author), selectinload(OfferRevision.reviewed_by))
        .order_by(OfferRevision.id.desc()), number, HISTORY_PAGE)


def event_page(offer: Offer, number: int) -> Page[AuditEvent]:
    """A page of the offer's recorded actions, newest first (who, what, when)."""
    return paginate(
        select(AuditEvent).where(AuditEvent.target_type == "Offer", AuditEvent.target_id == offer.id)
        .options(selectinload(AuditEvent.actor))
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()), number, HISTORY_PAGE)


def history_pages(offer: Offer, revisions: int, events: int) -> dict:
    """The two lists of an offer's history page, each at its own page number."""
    return {"revisions": revision_page(offer, revisions), "events": event_page(offer, events)}
