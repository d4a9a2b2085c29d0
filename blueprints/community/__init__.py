"""A community's public home page, under /c/<slug>."""
from flask import Blueprint

from blueprints.community.lookup import bind_community

bp = Blueprint("community", __name__, url_prefix="/c/<slug>")
bind_community(bp)

from blueprints.community import routes  # noqa: E402,F401  (the routes register themselves on bp)
