"""The staff page of exports and the streamed downloads."""
from flask import abort, g, render_template
from flask_login import current_user

from blueprints.auth.access import SIGNED_IN, STAFF_ROLES, community_role_required
from blueprints.core.pagecache import cached_page
from blueprints.core import clock
from blueprints.exports import bp, services
from blueprints.exports.forms import ExportForm
from blueprints.exports.responses import download as download_response
from blueprints.exports.tables import TABLES


@bp.get("/staff/<slug>/exports")
@community_role_required(*STAFF_ROLES)
@cached_page(viewer=SIGNED_IN)
def index():
    """Every list staff can take away as a spreadsheet."""
    return render_template("exports/index.html", community=g.community, tables=TABLES,
                           form=ExportForm())


@bp.post("/staff/<slug>/exports/<what>")
@community_role_required(*STAFF_ROLES)
def download(what: str):
    """Stream one export; it is logged before the first byte leaves."""
    if what not in TABLES:
        abort(404)
    form = ExportForm()
    if not form.validate_on_submit():
        return render_template("exports/index.html", community=g.community, tables=TABLES,
                               form=form, refused=what), 422
    chunks = services.export_chunks(current_user, g.community, what, form.format.data,
                                    form.full_numbers.data)
    name = services.file_name(g.community, what, form.format.data, clock.today())
    return download_response(chunks, name, form.format.data)
