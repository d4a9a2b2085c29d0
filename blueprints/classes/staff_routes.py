"""Staff pages of course requests: the list by status, merging duplicates, declining."""
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.auth.access import SIGNED_IN, STAFF_ROLES, community_role_required
from blueprints.classes import bp, matching, services
from blueprints.classes.forms import DeclineForm, MergeForm
from blueprints.classes.services import RequestError
from blueprints.core.forms import refused_onto
from blueprints.core.pagecache import cached_page
from blueprints.core.paging import page_number
from models.classes import REQUEST_STATUSES


def _request_or_404(request_id: int):
    return services.get_request(g.community, request_id) or abort(404)


@bp.get("/staff/<slug>/classes/requests")
@community_role_required(*STAFF_ROLES)
@cached_page(viewer=SIGNED_IN)
def staff_requests():
    """All course requests, newest first, optionally of one status."""
    status = request.args.get("status")
    status = status if status in REQUEST_STATUSES else None
    return render_template("classes/staff/requests.html", community=g.community, status=status,
                           page=services.staff_requests(g.community, status, page_number()))


def _merge_form(item, formdata=True) -> MergeForm:
    """Similar open requests first in the list, then the most supported ones."""
    form = MergeForm() if formdata else MergeForm(formdata=None)
    similar = matching.similar(g.community, item.subject, limit=5)
    rest = [t for t in services.merge_targets(g.community) if t not in similar]
    form.set_targets(similar + rest, skip_id=item.id)
    return form


def _detail(item, merge_form=None, decline_form=None, status=200):
    return render_template("classes/staff/request.html", community=g.community, item=item,
                           merge_form=merge_form or _merge_form(item, formdata=False),
                           decline_form=decline_form or DeclineForm(formdata=None),
                           supporters=services.supporters(item)), status


@bp.get("/staff/<slug>/classes/requests/<int:request_id>")
@community_role_required(*STAFF_ROLES)
def staff_request(request_id: int):
    """One request with its merge and decline forms."""
    return _detail(_request_or_404(request_id))


def _refusal(field: str):
    return {RequestError: lambda refused: (refused.field if refused.field != "form" else field,
                                           refused.message)}


@bp.post("/staff/<slug>/classes/requests/<int:request_id>/merge")
@community_role_required(*STAFF_ROLES)
def merge(request_id: int):
    """Merge this duplicate into another open request; supporters move, counted once."""
    item = _request_or_404(request_id)
    form = _merge_form(item)
    if form.validate_on_submit():
        target = services.get_request(g.community, form.into.data)
        if target is None:
            form.into.errors.append(_("请选择本社区的另一个点课。"))
        elif refused_onto(form, lambda: services.merge(item, target, current_user),
                          _refusal("into")):
            flash(_("已合并，支持者已转到“%(subject)s”。", subject=target.subject), "success")
            return redirect(url_for("classes.staff_request", request_id=target.id), 303)
    return _detail(item, merge_form=form, status=422)


@bp.post("/staff/<slug>/classes/requests/<int:request_id>/decline")
@community_role_required(*STAFF_ROLES)
def decline(request_id: int):
    """Decline with a reason that the public page shows."""
    item = _request_or_404(request_id)
    form = DeclineForm()
    if form.validate_on_submit() and refused_onto(
            form, lambda: services.decline(item, form.reason.data, current_user),
            _refusal("reason")):
        flash(_("已婉拒，理由会显示在公开页面上。"), "success")
        return redirect(url_for("classes.staff_request", request_id=item.id), 303)
    return _detail(item, decline_form=form, status=422)
