"""Volunteers: teams, activities, shifts, sign-ups, check-in, hours and reminders.

Two blueprints: `bp` for the community's pages (public and staff, under /c/<slug>
and /staff/<slug>) and `me_bp` for a volunteer's own pages behind their signed
link (/me/<token>), which belong to no community URL.
"""
from flask import Blueprint

from blueprints.community.lookup import bind_community
from blueprints.volunteers.labels import register_labels
from blueprints.volunteers.remember import community_with_volunteer

bp = Blueprint("volunteers", __name__)
bind_community(bp, read_with=community_with_volunteer)
me_bp = Blueprint("me", __name__, url_prefix="/me")
for blueprint in (bp, me_bp):
    register_labels(blueprint)

from blueprints.volunteers import documents, me_routes, routes, staff_routes  # noqa: E402,F401  (routes register themselves)
