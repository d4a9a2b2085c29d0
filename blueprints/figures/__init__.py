"""Figures with charts for one community, and the district view across communities."""
from flask import Blueprint

from blueprints.community.lookup import bind_community

bp = Blueprint("figures", __name__, url_prefix="/staff")
bind_community(bp)

from blueprints.figures import routes  # noqa: E402,F401  (the routes register themselves on bp)
