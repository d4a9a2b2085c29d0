"""The staff console's home, accounts and the change log."""
from flask import Blueprint

from blueprints.community.lookup import bind_community

bp = Blueprint("staff", __name__, url_prefix="/staff")
bind_community(bp)

from blueprints.staff import routes  # noqa: E402,F401  (the routes register themselves on bp)
