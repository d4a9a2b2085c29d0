"""Printed documents of home services, registered with printing/.

A partner's roster for a day (上门服务名单) and the service cards (服务卡, A6).
"""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from blueprints.core import clock
from blueprints.core.fields import db_int, parse_day
from blueprints.homeservice import cards, roster
from blueprints.homeservice.eligibility import tags_for
from extensions import db
from models import Community, Household, Offer, Partner
from models.homeservice import ServiceCard
from models.people import mask_mobile
from printing.links import public_url
from printing.qr import qr_data_uri
from printing.registry import Document, DocumentError, PrintJob, register_document

CARDS_LIMIT = 400  # cards per printing: a compound at a time


def _partner(community: Community, options: dict) -> Partner:
    try:
        partner = db.session.get(Partner, db_int(options["partner"]))
    except (KeyError, TypeError, ValueError):
        raise DocumentError("--partner <id> is required")
    if partner is None or partner.community_id != community.id:
        raise DocumentError(f"no partner {options.get('partner')} in {community.slug}")
    return partner


def build_roster(community: Community, options: dict) -> PrintJob:
    """The doors of `--partner <id>` on `--day YYYY-MM-DD`; numbers masked (paper travels)."""
    partner = _partner(community, options)
    day = parse_day(options.get("day"))
    if day is None:
        raise DocumentError("--day YYYY-MM-DD is required")
    lines = [(line, mask_mobile(line.booking.person.mobile if line.booking.person else ""))
             for line in roster.day_roster(partner, day)]
    return PrintJob(template="homeservice/print/roster.html",
                    context={"partner": partner, "day": day, "lines": lines,
                             "today": clock.today()},
                    filename=f"home-roster-{partner.id}-{day.isoformat()}.pdf")


def roster_choices(community: Community) -> dict[str, list[tuple[str, str]]]:
    """Units with bookable offers."""
    partners = db.session.scalars(select(Partner).where(Partner.community_id == community.id)
                                  .order_by(Partner.name).limit(200))
    return {"partner": [(str(p.id), p.name) for p in partners]}


register_document(Document(
    name="home-roster", title=_l("上门服务名单"), build=build_roster,
    options={"partner": "partner id", "day": "visit day, YYYY-MM-DD"}, choices=roster_choices,
))


def _offers_by_tag(community: Community) -> list[tuple[Offer, set[str]]]:
    offers = db.session.scalars(select(Offer).where(
        Offer.community_id == community.id, Offer.published.is_not(None),
        Offer.paused.is_(False)).order_by(Offer.id).limit(200))
    return [(offer, tags_for(offer.published)) for offer in offers]


def build_cards(community: Community, options: dict) -> PrintJob:
    """A6 cards of the live cards issued in the community (`--compound <id>` for one compound)."""
    query = (select(ServiceCard).join(Household, ServiceCard.household_id == Household.id)
             .where(ServiceCard.community_id == community.id, ServiceCard.revoked_at.is_(None))
             .options(selectinload(ServiceCard.person),
                      selectinload(ServiceCard.household).selectinload(Household.tags),
                      selectinload(ServiceCard.household).selectinload(Household.compound))
             .order_by(Household.compound_id, Household.id, ServiceCard.id).limit(CARDS_LIMIT))
    if options.get("compound"):
        try:
            query = query.where(Household.compound_id == db_int(options["compound"]))
        except ValueError:
            raise DocumentError("--compound <id> must be a number")
    offers = _offers_by_tag(community)
    items = []
    for card in db.session.scalars(query):
        tags = card.household.tag_names
        usable = [o.title for o, needs in offers if needs & tags]
        url = public_url("homeservice.card", slug=community.slug, token=cards.card_token(card))
        items.append({"card": card, "offers": usable, "qr": qr_data_uri(url, scale=4)})
    return PrintJob(template="homeservice/print/cards.html",
                    context={"items": items, "today": clock.today()},
                    filename=f"service-cards-{community.slug}.pdf")


register_document(Document(
    name="service-cards", title=_l("服务卡"), build=build_cards,
    options={"compound": "compound id (optional)"},
))
