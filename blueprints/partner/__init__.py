"""The partner portal /partner/: a partner unit's own offers and red-vest teams.

The portal owns its pages; each module calls the services of the domain it shows
(offers, volunteers, and next the home-service roster). Every page is scoped by
the signed-in user's unit (lookups.py): another unit's records answer 404.
"""
from flask import Blueprint

from blueprints.offers.labels import register_labels

bp = Blueprint("partner", __name__, url_prefix="/partner")
register_labels(bp)

from blueprints.partner import homevisits, offers, teams  # noqa: E402,F401  (the routes register themselves on bp)
