"""make_<thing> helpers for the services domain."""
from itertools import count

from blueprints.offers import schedule, services
from extensions import db
from models import Community, Offer, OfferRevision, Partner
from tests.factories import make_user

_seq = count(1)


def terms(**overrides) -> dict:
    """Complete, valid offer terms."""
    values = {**schedule.EMPTY_TERMS, "title": f"服务{next(_seq)}", "benefit": "免费理发"}
    values.update(overrides)
    return values


def make_partner(community: Community, **overrides) -> Partner:
    values = {"name": f"共建单位{next(_seq)}", "kind": "restaurant", "address": "流津路1号",
              "phone": "0317-5551234"}
    values.update(overrides)
    partner = Partner(community=community, **values)
    db.session.add(partner)
    db.session.commit()
    return partner


def make_partner_user(partner: Partner, **overrides):
    return make_user("partner", [partner.community], partner_id=partner.id, **overrides)


def make_offer(partner: Partner, published: bool = True, **term_overrides) -> Offer:
    """An offer of the unit, published through the real review unless published=False."""
    offer = services.create_offer(partner, None, terms(**term_overrides))
    if published:
        services.submit(offer, None)
        services.approve(services.open_revision(offer), None)
    return offer


def make_live_offers(partner: Partner, n: int, **term_overrides) -> list[Offer]:
    """`n` published offers at once (as review leaves them), for lists that need many rows."""
    offers = []
    for _ in range(n):
        data = terms(**term_overrides)
        offer = Offer(community_id=partner.community_id, partner=partner)
        offer.revisions.append(OfferRevision(data=data, status="published"))
        services.publish_terms(offer, data)
        offers.append(offer)
    db.session.add_all(offers)
    db.session.commit()
    return offers
