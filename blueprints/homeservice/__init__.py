"""Home services (上门服务): bookable offers, bookings for households, rosters and service cards.

Public booking pages live here; the partner's roster and scan pages in blueprints/partner/.
"""
from flask import Blueprint

from blueprints.community.lookup import bind_community

bp = Blueprint("homeservice", __name__)
bind_community(bp)

# The routes and documents register themselves.
from blueprints.homeservice import documents, routes, staff_routes  # noqa: E402,F401
