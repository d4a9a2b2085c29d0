"""Public classes page: open course requests with 我也想学, and proposing a new one."""
from flask import abort, current_app, flash, g, render_template, url_for
from flask_babel import gettext as _

from blueprints.classes import bp, calls, listing, matching, services
from blueprints.classes.forms import ProposeForm, SupportForm
from blueprints.classes.services import RequestError
from blueprints.core.pagecache import cached_page
from blueprints.core.paging import page_number
from blueprints.htmx import is_partial, navigate, render_view
from extensions import limiter


def _public_limit() -> str:
    return current_app.config["PUBLIC_FORM_RATE_LIMIT"]


def _request_or_404(request_id: int):
    return services.get_request(g.community, request_id) or abort(404)


def support_form(item, typed: ProposeForm | None = None) -> SupportForm:
    """An empty card form (or one holding what was typed into the proposal)."""
    data = {"name": typed.name.data, "mobile": typed.mobile.data} if typed else None
    return SupportForm(prefix=f"r{item.id}", formdata=None, data=data)


def _card(item, form=None, supported=None, error=None) -> dict:
    """What one request card shows: `supported` is True (counted), False (already) or None."""
    return {"item": item, "form": form or support_form(item), "supported": supported,
            "error": error}


def _index_context(propose_form=None, similar=()) -> dict:
    open_page = services.open_requests(g.community, page_number())
    return {"community": g.community, "requests": open_page,
            "courses": listing.upcoming_courses(g.community, page_number("courses")),
            "cards": [_card(item) for item in open_page],
            "closed": services.closed_requests(g.community, page_number("closed")),
            "open_calls": calls.open_calls(g.community),
            "propose_form": propose_form or ProposeForm(formdata=None), "similar": similar}


@bp.get("/c/<slug>/classes")
@cached_page
def index():
    """Open recruitment calls; open course requests, most supported first, each with 我也想学;
    and 我想学… below."""
    return render_template("classes/index.html", **_index_context())


@bp.get("/c/<slug>/classes/requests/<int:request_id>")
@cached_page
def request_page(request_id: int):
    """One request: its card to support, or why it was declined, or where it was merged."""
    item = _request_or_404(request_id)
    return render_template("classes/request.html", community=g.community, card=_card(item))


@bp.post("/c/<slug>/classes/requests/<int:request_id>/support")
@limiter.limit(_public_limit, methods=["POST"])
def support(request_id: int):
    """我也想学: counted once per number; the card swaps to 已支持 with the new count."""
    item = _request_or_404(request_id)
    form = SupportForm(prefix=f"r{item.id}")
    error = None
    if form.validate_on_submit():
        try:
            counted = services.support(item, form.name.data, form.mobile.data)
            return _supported(item, counted)
        except RequestError as refused:
            error = refused.message
    card = _card(item, form=form, error=error)
    return render_view("classes/request.html", "classes/partials/request.html", 422,
                       community=g.community, card=card, **card)


def _supported(item, counted: bool):
    """The card as 已支持 (htmx), or the request's page with the same words."""
    if is_partial():
        return render_template("classes/partials/request.html", **_card(item, supported=counted))
    flash(_("谢谢，已记下您的支持。") if counted
          else _("这个号码已经支持过这个点课了，只计一次。"), "success")
    return navigate(url_for("classes.request_page", request_id=item.id))


@bp.post("/c/<slug>/classes/requests")
@limiter.limit(_public_limit, methods=["POST"])
def propose():
    """我想学…: similar open requests are offered first; a confirmed one is created."""
    form = ProposeForm()
    similar = []
    if form.validate_on_submit():
        if not form.confirm.data:
            similar = matching.similar(g.community, form.subject.data)
        if not similar:
            item = services.propose(g.community, form.subject.data, form.details.data,
                                    form.name.data, form.mobile.data)
            flash(_("点课已提交，您是第一位支持者。邻居们支持的越多，越容易开课。"), "success")
            return navigate(url_for("classes.request_page", request_id=item.id))
        form.confirm.data = "1"  # shown once: the next submit makes a new request
    cards = [_card(item, form=support_form(item, form)) for item in similar]
    return render_view("classes/propose.html", "classes/partials/propose.html",
                       200 if similar else 422, community=g.community, propose_form=form,
                       similar=cards)
