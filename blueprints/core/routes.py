"""Site-wide pages: the list of communities and per-browser preferences."""
from flask import redirect, render_template, request, url_for
from sqlalchemy import select

from blueprints.core import bp
from blueprints.core.forms import PreferenceForm
from blueprints.core.redirects import local_target
from extensions import db
from models import Community

ONE_YEAR = 365 * 24 * 3600


def _back() -> str:
    """The local page to return to after changing a preference."""
    return local_target(request.form.get("next") or request.referrer, url_for("core.index"))


@bp.get("/")
def index():
    """The communities served by this installation."""
    communities = db.session.scalars(select(Community).order_by(Community.id)).all()
    return render_template("core/index.html", communities=communities)


@bp.post("/prefs/language")
def set_language():
    """Remember the chosen UI language in this browser."""
    form = PreferenceForm()
    response = redirect(_back(), 303)
    if form.validate_on_submit() and form.value.data in ("zh", "en"):
        response.set_cookie("lang", form.value.data, max_age=ONE_YEAR, samesite="Lax")
    return response


@bp.post("/prefs/elder")
def set_elder_mode():
    """Switch elder mode (长辈版: larger text and buttons) in this browser."""
    form = PreferenceForm()
    response = redirect(_back(), 303)
    if form.validate_on_submit():
        response.set_cookie("elder", "1" if form.value.data == "1" else "0",
                            max_age=ONE_YEAR, samesite="Lax")
    return response


@bp.get("/healthz")
def health():
    """A cheap liveness probe for the proxy."""
    db.session.execute(select(1))
    return {"status": "ok"}
