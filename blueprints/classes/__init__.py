"""Talent classes (能人公益课堂): residents' course requests (点课), recruitment calls (招募令)
and teachers, and the courses that answer them, with their sessions on the volunteers' place
engine (issue 12).

Public pages under /c/<slug>/classes, staff pages under /staff/<slug>/classes.
"""
from flask import Blueprint

from blueprints.classes.labels import register_labels
from blueprints.community.lookup import bind_community
from blueprints.volunteers.remember import community_with_volunteer

bp = Blueprint("classes", __name__)
bind_community(bp, read_with=community_with_volunteer)
register_labels(bp)

from blueprints.classes import (  # noqa: E402,F401  (routes and documents register themselves)
    call_documents,
    call_routes,
    call_staff_routes,
    course_routes,
    course_staff_routes,
    routes,
    staff_routes,
    timetable,
)
