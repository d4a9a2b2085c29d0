"""What a partner user may reach: their own unit and its offers, else 404."""
from flask import abort
from flask_login import current_user

from blueprints.offers import services
from models import Offer, Partner


def own_unit() -> Partner | None:
    """The signed-in partner user's unit (None while staff have not attached one)."""
    return services.unit_of(current_user)


def own_unit_or_404() -> Partner:
    """The signed-in partner user's unit, or 404."""
    unit = own_unit()
    if unit is None:
        abort(404)
    return unit


def own_offer_or_404(offer_id: int) -> Offer:
    """The offer when it is the user's unit's, else 404."""
    offer = services.partner_offer(current_user, offer_id)
    if offer is None:
        abort(404)
    return offer
