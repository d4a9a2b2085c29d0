"""Door-knocking rounds (敲门行动): campaigns, a visitor's roster on a phone (offline too),
visit sheets on paper and typed back in, coverage and the campaign report."""
from flask import Blueprint

from blueprints.community.lookup import bind_community

bp = Blueprint("visits", __name__)
bind_community(bp)

from blueprints.visits import documents, roster_routes, staff_routes  # noqa: E402,F401  (routes register themselves)
