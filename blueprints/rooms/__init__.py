"""Rooms (微阵地): the community's rooms, their opening hours and bookings that never overlap.

Other domains (class sessions, volunteer activities) book a room through
services.book, naming what the booking is for (`purpose`, `purpose_id`).
"""
from flask import Blueprint

from blueprints.community.lookup import bind_community

bp = Blueprint("rooms", __name__)
bind_community(bp)

from blueprints.rooms import routes, staff_routes  # noqa: E402,F401  (routes register themselves)
