"""The staff print centre: every document as PDF and as an HTML preview."""
from io import BytesIO

from flask import (
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.auth.access import STAFF_ROLES, community_role_required
from blueprints.core.forms import EmptyForm
from blueprints.printing import bp
from printing.registry import DOCUMENTS, DocumentError
from printing.render import record_printing, render_html, render_pdf


def _options() -> dict:
    """Document options from the query string (e.g. ?compound=3&size=A3)."""
    return {key: value for key, value in request.args.items() if value}


@bp.get("/")
@community_role_required(*STAFF_ROLES)
def center():
    """Every printable document of this community, with whether its paper copy is current."""
    documents = sorted(DOCUMENTS.values(), key=lambda d: d.name)
    statuses = {d.name: d.status(g.community) for d in documents if d.status is not None}
    pickers = {d.name: d.choices(g.community) for d in documents if d.choices is not None}
    return render_template("printing/center.html", community=g.community, documents=documents,
                           statuses=statuses, pickers=pickers, form=EmptyForm())


@bp.get("/<name>.pdf")
@community_role_required(*STAFF_ROLES)
def pdf(name: str):
    """Download a document as PDF (a GET changes nothing: "printed" is its own POST)."""
    try:
        result = render_pdf(name, g.community, _options())
    except DocumentError:
        abort(404)
    response = send_file(BytesIO(result.data), mimetype="application/pdf",
                         download_name=result.filename)
    response.headers["X-Print-Cache"] = "hit" if result.cached else "miss"
    return response


@bp.post("/<name>/printed")
@community_role_required(*STAFF_ROLES)
def printed(name: str):
    """Record that this document (with these options) was printed and put up."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        result = render_pdf(name, g.community, _options())  # from the cache: milliseconds
    except DocumentError:
        abort(404)
    record_printing(name, g.community, result, current_user._get_current_object())
    flash(_("已记下：%(title)s 已打印。", title=DOCUMENTS[name].title), "success")
    return redirect(url_for("printing.center"), 303)


@bp.get("/<name>.html")
@community_role_required(*STAFF_ROLES)
def preview(name: str):
    """The HTML a PDF is made from, for a quick look and for tests."""
    try:
        html, _filename = render_html(name, g.community, _options())
    except DocumentError:
        abort(404)
    # The preview carries its own print CSS inline and its QR codes as data URIs.
    csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    return html, 200, {"Content-Security-Policy": csp}
