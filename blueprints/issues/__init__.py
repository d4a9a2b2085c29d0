"""The issue board (诉求): reports from every channel, the staff board, costs and their sharing."""
from flask import Blueprint

from blueprints.community.lookup import bind_community

bp = Blueprint("issues", __name__)
bind_community(bp)

from blueprints.issues import board_routes, cost_routes, documents, routes, staff_routes  # noqa: E402,F401  (routes register themselves)
