"""Open311 GeoReport v2: the issue board read and filed by other systems (a city hotline,
a property manager), and the staff page that hands out their API keys.

The API has no community slug in its URLs: `jurisdiction_id` names the community.
"""
from flask import Blueprint

from blueprints.community.lookup import bind_community

bp = Blueprint("open311", __name__)  # the API: no slug, its own error shape
staff_bp = Blueprint("open311_staff", __name__)  # /staff/<slug>/open311: the site's error pages
bind_community(staff_bp)

from blueprints.open311 import api_routes, staff_routes  # noqa: E402,F401  (routes register themselves)
