"""Exports (issue 14): every list staff work from, as .xlsx or CSV, streamed, numbers masked
unless staff ask for them in full (and that is logged); also `flask export`."""
from flask import Blueprint

from blueprints.community.lookup import bind_community

bp = Blueprint("exports", __name__)
bind_community(bp)

from blueprints.exports import routes  # noqa: E402,F401  (routes register themselves)
