"""Staff pages of the services domain under /staff/<slug>/services: review, partners, visits."""
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user

from blueprints.auth.access import STAFF_ROLES, SIGNED_IN, community_role_required
from blueprints.core.forms import EmptyForm
from blueprints.core.pagecache import cached_page
from blueprints.core.paging import page_number
from blueprints.htmx import is_partial, navigate, render_view
from blueprints.offers import bp, checklist, listing, services
from blueprints.offers.forms import (
    PERSONAL_NUMBER,
    PUBLIC_PHONE_HINT,
    PartnerForm,
    ReturnForm,
    VisitForm,
)

PARTNER_ERRORS = {"name": _l("该单位已存在"), "phone": PERSONAL_NUMBER}
PRINT_LINES = 30  # changes since the last printing listed one by one; the rest are counted


def _queue_context(**extra) -> dict:
    community = g.community
    pending, count = listing.pending_page(community, page_number())
    return {"community": community, "pending": pending, "pending_count": count,
            "print_changes": checklist.print_changes(community), "print_lines": PRINT_LINES,
            "actions": EmptyForm(),
            "return_form": ReturnForm(formdata=None), "errors_for": None, "changed": [],
            **extra}


def _queue(status: int = 200, notice: str | None = None, **extra):
    """The review queue page or its region; 303 back to it after a plain post.

    `notice` confirms what was done, in the region (htmx) or as a flash after the redirect.
    """
    if request.method == "POST" and status == 200 and not is_partial():
        if notice:
            flash(notice, "success")
        return redirect(url_for("offers.review_queue"), 303)
    extra["notice"] = notice
    return render_view("offers/review.html", "offers/partials/review_queue.html", status,
                       **_queue_context(**extra))


@bp.get("/staff/<slug>/services/")
@community_role_required(*STAFF_ROLES)
@cached_page(viewer=SIGNED_IN)
def review_queue():
    """Pending revisions with old → new per field, and what changed since the last print."""
    return _queue()


@bp.post("/staff/<slug>/services/revisions/<int:revision_id>/approve")
@community_role_required(*STAFF_ROLES)
def approve(revision_id: int):
    """Publish one pending revision."""
    revision = services.revision_in(g.community, revision_id)
    if revision is None:
        abort(404)
    if EmptyForm().validate_on_submit() and revision.status == "pending":
        try:
            services.approve(revision, current_user, request.form.get("version", ""))
        except services.RevisionChanged:
            return _queue(409, changed=[revision.id])
        return _queue(notice=_("已通过并发布：%(title)s", title=revision.data.get("title", "")))
    return _queue()


@bp.post("/staff/<slug>/services/revisions/<int:revision_id>/return")
@community_role_required(*STAFF_ROLES)
def return_revision(revision_id: int):
    """Send a revision back to the partner with a comment (422 without one)."""
    revision = services.revision_in(g.community, revision_id)
    if revision is None:
        abort(404)
    form = ReturnForm()
    if not form.validate_on_submit():
        return _queue(422, return_form=form, errors_for=revision.id)
    if revision.status == "pending":
        services.return_revision(revision, current_user, form.comment.data)
        return _queue(notice=_("已退回给%(partner)s修改。", partner=revision.offer.partner.name))
    return _queue()


@bp.post("/staff/<slug>/services/revisions/approve")
@community_role_required(*STAFF_ROLES)
def approve_many():
    """Publish every ticked revision at once."""
    if EmptyForm().validate_on_submit():
        done, changed = services.approve_many(g.community, _ticked(), current_user)
        if changed:
            return _queue(409, changed=[r.id for r in changed])
        return _queue(notice=ngettext("已通过并发布 %(num)d 项。", "已通过并发布 %(num)d 项。", done))
    return _queue()


def _ticked() -> dict[int, str]:
    """Ticked boxes `<id>:<version>` → {id: version}; a box without a version never matches."""
    ticked = {}
    for value in request.form.getlist("revision"):
        revision_id, _sep, version = value.partition(":")
        if revision_id.isdigit():
            ticked[int(revision_id)] = version
    return ticked


@bp.get("/staff/<slug>/services/offers/<int:offer_id>/history")
@community_role_required(*STAFF_ROLES)
def offer_history(offer_id: int):
    """The full history of one offer: revisions with old → new, and every recorded action."""
    offer = services.offer_in(g.community, offer_id)
    if offer is None:
        abort(404)
    pages = listing.history_pages(offer, page_number(), page_number("log"))
    return render_template("offers/history.html", offer=offer, **pages,
                           community=g.community, back=url_for("offers.partners"))


@bp.route("/staff/<slug>/services/partners", methods=["GET", "POST"])
@community_role_required(*STAFF_ROLES)
def partners():
    """Partner units, their offers and visit reminders; add a unit."""
    form, status = PartnerForm(), 200
    if form.validate_on_submit():
        try:
            services.create_partner(g.community, current_user, **_partner_fields(form))
            return redirect(url_for("offers.partners"), 303)
        except services.OfferError as error:
            for name in error.errors:
                getattr(form, name).errors.append(PARTNER_ERRORS[name])
            status = 422
    elif request.method == "POST":
        status = 422
    units = listing.partner_page(g.community, page_number())
    return render_template("offers/partners.html", community=g.community, form=form, units=units,
                           needs_visit=services.needs_visit, visit_form=VisitForm(formdata=None),
                           public_phone_hint=PUBLIC_PHONE_HINT,
                           state=services.offer_state), status


def _partner_fields(form: PartnerForm) -> dict:
    return {name: getattr(form, name).data.strip() if isinstance(getattr(form, name).data, str)
            else getattr(form, name).data for name in ("name", "kind", "address", "contact_name", "phone", "contact_phone")}


@bp.post("/staff/<slug>/services/partners/<int:partner_id>/visits")
@community_role_required(*STAFF_ROLES)
def record_visit(partner_id: int):
    """Record a 定期走访 visit to the unit."""
    partner = services.partner_in(g.community, partner_id)
    if partner is None:
        abort(404)
    form = VisitForm()
    if form.validate_on_submit():
        services.record_visit(partner, current_user, form.note.data or "")
    return navigate(url_for("offers.partners"))
