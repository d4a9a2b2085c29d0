"""The print centre: previews and PDFs of every registered document."""
from flask import Blueprint

from blueprints.community.lookup import bind_community

bp = Blueprint("printing", __name__, url_prefix="/staff/<slug>/print")
bind_community(bp)

from blueprints.printing import routes  # noqa: E402,F401  (the routes register themselves on bp)
