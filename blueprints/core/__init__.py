"""The site root, preferences (language, elder mode) and health."""
from flask import Blueprint

bp = Blueprint("core", __name__)

from blueprints.core import routes  # noqa: E402,F401  (the routes register themselves on bp)
