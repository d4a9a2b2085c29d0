"""Partner units, their offers, staff review and the service checklist (便民服务清单).

The partner portal's pages for offers live in blueprints/partner/; they call services.py.
"""
from flask import Blueprint

from blueprints.community.lookup import bind_community
from blueprints.offers.labels import register_labels

bp = Blueprint("offers", __name__)
bind_community(bp)
register_labels(bp)

from blueprints.offers import documents, routes, staff_routes  # noqa: E402,F401  (the routes register themselves on bp)
