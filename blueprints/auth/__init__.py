"""Accounts: login, logout, invitations and passwords."""
from flask import Blueprint

bp = Blueprint("auth", __name__)

from blueprints.auth import routes  # noqa: E402,F401  (the routes register themselves on bp)
