"""The staff print centre: every document as PDF and as an HTML preview, rendered in the background."""
from flask import (
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.auth.access import STAFF_ROLES, community_role_required
from blueprints.core.forms import EmptyForm
from blueprints.htmx import is_partial, render_view
from blueprints.printing import bp
from blueprints.printing.delivery import STATE_LABELS, deliver, send_pdf
from blueprints.printing.jobs import job_in
from blueprints.printing.queue import enqueue_render
from printing.registry import DOCUMENTS, DocumentError, get_document
from printing.render import RenderedPdf, record_printing, render_html, stored_pdf


def _options() -> dict:
    """Document options from the query string (e.g. ?compound=3&size=A3)."""
    return {key: value for key, value in request.args.items() if value}


def _job_view(job, status: int = 200):
    """The job's progress: the page, or only its self-polling fragment for htmx."""
    return render_view("printing/job.html", "printing/partials/job.html", status=status,
                       community=g.community, job=job, title=DOCUMENTS[job.document].title,
                       state_labels=STATE_LABELS)


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
    """Download a document as PDF, or watch it being rendered (a GET changes nothing printed)."""
    try:
        delivery = deliver(name, g.community, _options())
    except DocumentError:
        abort(404)
    if delivery.current is not None:
        return send_pdf(delivery.current)
    return _job_view(delivery.job, status=202)  # staff print the current content, never an old one


@bp.post("/<name>/render")
@community_role_required(*STAFF_ROLES)
def render(name: str):
    """Queue a render of the document now; answer with its progress."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        get_document(name).build(g.community, _options())  # refuses bad options here (reads only)
        job = enqueue_render(name, g.community.slug, _options())
    except DocumentError:
        abort(404)
    if is_partial():
        return _job_view(job)
    return redirect(url_for("printing.job", job_id=job.id), 303)


@bp.get("/jobs/<int:job_id>")
@community_role_required(*STAFF_ROLES)
def job(job_id: int):
    """One render job's progress (htmx polls the fragment until it is done)."""
    found = job_in(g.community, job_id)
    if found is None:
        abort(404)
    return _job_view(found)


@bp.post("/<name>/printed")
@community_role_required(*STAFF_ROLES)
def printed(name: str):
    """Record that this document (with these options) was printed and put up."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    options = _options()
    try:
        # Staff printed the rendered PDF: from the cache. If it changed since, the hook
        # builds the document again (reads only) rather than rendering it here.
        result = stored_pdf(name, g.community, options) or RenderedPdf(b"", "", "", False, options=options)
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
