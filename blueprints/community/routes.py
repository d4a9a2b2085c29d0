"""The public community home, the page printed QR codes lead to first."""
from flask import Blueprint, g, render_template

from blueprints.community.lookup import bind_community

bp = Blueprint("community", __name__, url_prefix="/c/<slug>")
bind_community(bp)


@bp.get("/")
def home():
    """Today's services, activities, classes and a way to report a problem."""
    return render_template("community/home.html", community=g.community)
