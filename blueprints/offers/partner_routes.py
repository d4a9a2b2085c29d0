"""The partner portal /partner/: a partner user keeps their own unit's offers current.

Every route is scoped by current_user.partner_id: another unit's offer answers 404.
"""
from flask import Blueprint, abort, current_app, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from blueprints.auth.access import role_required
from blueprints.core.forms import EmptyForm
from blueprints.core.uploads import ImageRejected
from blueprints.htmx import is_partial, render_view
from blueprints.offers import checklist, services
from blueprints.offers.forms import LogoForm, OfferForm
from blueprints.offers.labels import register_labels
from models import Offer, Partner

bp = Blueprint("partner", __name__, url_prefix="/partner")
register_labels(bp)

LOGO_ERRORS = {"too_large": _l("图片不能超过5MB"), "not_image": _l("这不是图片文件"),
               "format": _l("只支持JPG、PNG或WebP图片")}


def _unit() -> Partner | None:
    """The signed-in partner user's unit."""
    return services.unit_of(current_user)


def _own_offer(offer_id: int) -> Offer:
    """The offer when it is the user's unit's, else 404."""
    offer = services.partner_offer(current_user, offer_id)
    if offer is None:
        abort(404)
    return offer


def _go(url: str):
    """303 for a form post; HX-Location for htmx (never a 302 into a fragment)."""
    if is_partial():
        return "", 200, {"HX-Location": url}
    return redirect(url, 303)


def _edit_context(offer: Offer, form: OfferForm) -> dict:
    return {"offer": offer, "form": form, "community": offer.community,
            "revision": services.open_revision(offer), "state": services.offer_state(offer),
            "printed_on": checklist.last_printed_on(offer), "actions": EmptyForm(),
            "can_resume": services.can_request_resume(offer),
            "refused_resume": services.refused_resume(offer)}


@bp.get("/")
@role_required("partner")
def portal():
    """A partner user's start page: the unit and its offers with their review state."""
    unit = _unit()
    return render_template("offers/partner_portal.html", unit=unit, offers=_listed(unit),
                           community=current_user.communities[0], actions=EmptyForm(),
                           logo_form=LogoForm())


def _listed(unit: Partner | None) -> list[tuple]:
    """(offer, state, last printed) for each of the unit's offers, in a fixed number of queries."""
    if unit is None:
        return []
    offers = services.offers_of(unit)
    printed = checklist.last_printed_map(unit.community_id, [o.id for o in offers])
    return [(o, services.offer_state(o), printed.get(o.id)) for o in offers]


@bp.post("/offers")
@role_required("partner")
def new_offer():
    """Start a new offer as a draft and open it for editing."""
    unit = _unit()
    if unit is None or not EmptyForm().validate_on_submit():
        abort(404 if unit is None else 400)
    offer = services.create_offer(unit, current_user, {"title": _("新服务项目")})
    return _go(url_for("partner.edit_offer", offer_id=offer.id))


@bp.get("/offers/<int:offer_id>")
@role_required("partner")
def edit_offer(offer_id: int):
    """The offer's edit page, showing the open draft or the published terms."""
    offer = _own_offer(offer_id)
    form = OfferForm(formdata=None)
    form.load(services.working_terms(offer))
    return render_template("offers/partner_offer.html", **_edit_context(offer, form))


@bp.post("/offers/<int:offer_id>")
@role_required("partner")
def save_offer(offer_id: int):
    """Save what was typed as the draft; errors come back next to their fields (422)."""
    offer = _own_offer(offer_id)
    form = OfferForm()
    valid = form.validate_on_submit()
    services.save_draft(offer, current_user, form.terms())
    if valid and not is_partial():
        return redirect(url_for("partner.edit_offer", offer_id=offer.id), 303)
    return render_view("offers/partner_offer.html", "offers/partials/offer_form.html",
                       200 if valid else 422, saved=valid, **_edit_context(offer, form))


@bp.post("/offers/<int:offer_id>/submit")
@role_required("partner")
def submit_offer(offer_id: int):
    """Save the draft and send it to staff review."""
    offer = _own_offer(offer_id)
    form = OfferForm()
    valid = form.validate_on_submit()
    services.save_draft(offer, current_user, form.terms())
    if valid:
        services.submit(offer, current_user)
        if not is_partial():
            return redirect(url_for("partner.edit_offer", offer_id=offer.id), 303)
    response = render_view("offers/partner_offer.html", "offers/partials/offer_form.html",
                           200 if valid else 422, **_edit_context(offer, form))
    return (*response, {"HX-Trigger": "offer-submitted"}) if valid else response


@bp.post("/offers/<int:offer_id>/pause")
@role_required("partner")
def pause_offer(offer_id: int):
    """Withdraw the offer at once (no review needed)."""
    offer = _own_offer(offer_id)
    if EmptyForm().validate_on_submit() and not offer.paused:
        services.pause(offer, current_user)
    return _go(url_for("partner.edit_offer", offer_id=offer.id))


@bp.post("/offers/<int:offer_id>/resume")
@role_required("partner")
def resume_offer(offer_id: int):
    """Ask staff to show the paused offer again."""
    offer = _own_offer(offer_id)
    if EmptyForm().validate_on_submit():
        try:
            services.request_resume(offer, current_user)
        except services.IllegalTransition:
            pass  # already asked, or not paused: the page shows the state
    return _go(url_for("partner.edit_offer", offer_id=offer.id))


@bp.get("/offers/<int:offer_id>/history")
@role_required("partner")
def offer_history(offer_id: int):
    """Who changed the offer, what and when."""
    offer = _own_offer(offer_id)
    return render_template("offers/history.html", offer=offer, events=services.history(offer),
                           community=offer.community, back=url_for("partner.edit_offer", offer_id=offer.id))


@bp.post("/logo")
@role_required("partner")
def upload_logo():
    """Replace the unit's logo with an uploaded image."""
    unit, form = _unit(), LogoForm()
    if unit is None:
        abort(404)
    if form.validate_on_submit() and form.logo.data:
        try:
            services.set_logo(unit, current_user, form.logo.data.stream, current_app.config["UPLOAD_DIR"])
            return _go(url_for("partner.portal"))
        except ImageRejected as error:
            form.logo.errors = [LOGO_ERRORS[error.reason]]
    else:
        form.logo.errors = [_("请选择图片")]
    return render_template("offers/partner_portal.html", unit=unit, community=unit.community,
                           offers=_listed(unit),
                           actions=EmptyForm(), logo_form=form), 422
