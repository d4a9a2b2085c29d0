"""Door-knocking rounds (敲门行动): campaigns, a visitor's roster on a phone (offline too),
visit sheets on paper and typed back in, coverage and the campaign report."""
from flask import Blueprint

from blueprints.community.lookup import bind_community

bp = Blueprint("visits", __name__)
bind_community(bp)

# The routes register themselves.
from blueprints.visits import (  # noqa: E402,F401
    documents,
    roster_routes,
    staff_routes,
    team_routes,
)
