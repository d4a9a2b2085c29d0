"""The household register (户籍台账): households, members, consented tags, and the places
(compounds, buildings, grids) they lie in; import and export; residents' personal data.

Staff see the whole community; a grid worker sees and changes only the households of
their own grids (scope.py), on every route.
"""
from flask import Blueprint

from blueprints.community.lookup import bind_community

bp = Blueprint("register", __name__)
bind_community(bp)

from blueprints.register import (  # noqa: E402,F401  (routes register themselves)
    data_routes,
    place_routes,
    routes,
)
