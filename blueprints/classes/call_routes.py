"""Public pages of recruitment calls: a call with its application form (我来教)."""
from flask import abort, current_app, flash, g, render_template, url_for
from flask_babel import gettext as _

from blueprints.classes import bp, calls
from blueprints.classes.call_forms import ApplyForm
from blueprints.classes.calls import CallError
from blueprints.core.pagecache import cached_page
from blueprints.htmx import is_partial, navigate, render_view
from extensions import limiter


def _public_limit() -> str:
    return current_app.config["PUBLIC_FORM_RATE_LIMIT"]


def _call_or_404(call_id: int):
    return calls.get_call(g.community, call_id) or abort(404)


def _context(call, form=None, applied=None, error=None) -> dict:
    """What the call page shows: `applied` is True (recorded), False (already) or None."""
    return {"community": g.community, "call": call, "form": form or ApplyForm(formdata=None),
            "applied": applied, "error": error, "teachers": calls.accepted_teachers(call)}


@bp.get("/c/<slug>/classes/calls/<int:call_id>")
@cached_page
def call_page(call_id: int):
    """A 招募令: what skill is sought, for whom, how often; and the form to offer to teach."""
    return render_template("classes/calls/call.html", **_context(_call_or_404(call_id)))


@bp.post("/c/<slug>/classes/calls/<int:call_id>/apply")
@limiter.limit(_public_limit, methods=["POST"])
def apply(call_id: int):
    """我来教: recorded once per number; a second time is told so, not counted again."""
    call = _call_or_404(call_id)
    form = ApplyForm()
    error = None
    if form.validate_on_submit():
        try:
            applied = calls.apply(call, form.name.data, form.mobile.data, form.skill.data,
                                  form.experience.data, form.availability.data)
            return _applied(call, applied)
        except CallError as refused:
            error = refused.message
    return render_view("classes/calls/call.html", "classes/calls/partials/apply.html", 422,
                       **_context(call, form=form, error=error))


def _applied(call, applied: bool):
    """The form region's thanks (htmx), or the call's page with the same words."""
    if is_partial():
        return render_template("classes/calls/partials/apply.html",
                               **_context(call, applied=applied))
    flash(_("谢谢！报名已收到，社区工作人员会与您联系。") if applied
          else _("这个号码已经报名过这个招募令了，只算一次。"), "success")
    return navigate(url_for("classes.call_page", call_id=call.id))
