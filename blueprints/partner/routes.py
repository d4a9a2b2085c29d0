"""The partner portal shell; partners keep their unit's offers here."""
from flask import Blueprint, render_template
from flask_login import current_user

from blueprints.auth.access import role_required

bp = Blueprint("partner", __name__, url_prefix="/partner")


@bp.get("/")
@role_required("partner")
def portal():
    """A partner user's start page."""
    return render_template("partner/portal.html", community=current_user.communities[0])
