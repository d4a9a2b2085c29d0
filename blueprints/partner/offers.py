"""Portal pages where a partner user keeps their own unit's offers and logo current."""
from flask import abort, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from blueprints.auth.access import role_required
from blueprints.core.forms import EmptyForm
from blueprints.core.paging import Page, page_number
from blueprints.core.uploads import ImageRejected
from blueprints.htmx import is_partial, navigate, render_view
from blueprints.offers import checklist, listing, services
from blueprints.offers.forms import LogoForm, OfferForm
from blueprints.partner import bp
from blueprints.partner.lookups import own_offer_or_404, own_unit, own_unit_or_404
from models import Offer, Partner

LOGO_ERRORS = {"too_large": _l("图片不能超过5MB"), "not_image": _l("这不是图片文件"),
               "format": _l("只支持JPG、PNG或WebP图片")}


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
    unit = own_unit()
    return render_template("partner/portal.html", unit=unit, offers=_listed(unit),
                           community=current_user.communities[0], actions=EmptyForm(),
                           logo_form=LogoForm())


def _listed(unit: Partner | None) -> Page[tuple]:
    """A page of (offer, state, last printed) for the unit's offers, in a fixed number of queries."""
    if unit is None:
        return Page([], 1, listing.PORTAL_PAGE, has_next=False)
    offers = listing.offer_page(unit, page_number())
    printed = checklist.last_printed_map(unit.community_id, [o.id for o in offers])
    rows = [(o, services.offer_state(o), printed.get(o.id)) for o in offers]
    return Page(rows, offers.number, offers.per_page, offers.has_next)


@bp.post("/offers")
@role_required("partner")
def new_offer():
    """Start a new offer as a draft and open it for editing."""
    unit = own_unit()
    if unit is None or not EmptyForm().validate_on_submit():
        abort(404 if unit is None else 400)
    offer = services.create_offer(unit, current_user, {"title": _("新服务项目")})
    return navigate(url_for("partner.edit_offer", offer_id=offer.id))


@bp.get("/offers/<int:offer_id>")
@role_required("partner")
def edit_offer(offer_id: int):
    """The offer's edit page, showing the open draft or the published terms."""
    offer = own_offer_or_404(offer_id)
    form = OfferForm(formdata=None)
    form.load(services.working_terms(offer))
    return render_template("partner/offer.html", **_edit_context(offer, form))


@bp.post("/offers/<int:offer_id>")
@role_required("partner")
def save_offer(offer_id: int):
    """Save what was typed as the draft; errors come back next to their fields (422)."""
    offer = own_offer_or_404(offer_id)
    form = OfferForm()
    valid = form.validate_on_submit()
    services.save_draft(offer, current_user, form.terms())
    if valid and not is_partial():
        return redirect(url_for("partner.edit_offer", offer_id=offer.id), 303)
    return render_view("partner/offer.html", "partner/partials/offer_form.html",
                       200 if valid else 422, saved=valid, **_edit_context(offer, form))


@bp.post("/offers/<int:offer_id>/submit")
@role_required("partner")
def submit_offer(offer_id: int):
    """Save the draft and send it to staff review."""
    offer = own_offer_or_404(offer_id)
    form = OfferForm()
    valid = form.validate_on_submit()
    services.save_draft(offer, current_user, form.terms())
    if valid:
        services.submit(offer, current_user)
        if not is_partial():
            return redirect(url_for("partner.edit_offer", offer_id=offer.id), 303)
    return render_view("partner/offer.html", "partner/partials/offer_form.html",
                       200 if valid else 422, **_edit_context(offer, form))


@bp.post("/offers/<int:offer_id>/pause")
@role_required("partner")
def pause_offer(offer_id: int):
    """Withdraw the offer at once (no review needed)."""
    offer = own_offer_or_404(offer_id)
    if EmptyForm().validate_on_submit() and not offer.paused:
        services.pause(offer, current_user)
    return navigate(url_for("partner.edit_offer", offer_id=offer.id))


@bp.post("/offers/<int:offer_id>/resume")
@role_required("partner")
def resume_offer(offer_id: int):
    """Ask staff to show the paused offer again."""
    offer = own_offer_or_404(offer_id)
    if EmptyForm().validate_on_submit():
        try:
            services.request_resume(offer, current_user)
        except services.IllegalTransition:
            pass  # already asked, or not paused: the page shows the state
    return navigate(url_for("partner.edit_offer", offer_id=offer.id))


@bp.get("/offers/<int:offer_id>/history")
@role_required("partner")
def offer_history(offer_id: int):
    """Who changed the offer, what and when."""
    offer = own_offer_or_404(offer_id)
    pages = listing.history_pages(offer, page_number(), page_number("log"))
    return render_template("offers/history.html", offer=offer, **pages,
                           community=offer.community, back=url_for("partner.edit_offer", offer_id=offer.id))


@bp.post("/logo")
@role_required("partner")
def upload_logo():
    """Replace the unit's logo with an uploaded image."""
    unit, form = own_unit_or_404(), LogoForm()
    if form.validate_on_submit() and form.logo.data:
        try:
            services.set_logo(unit, current_user, form.logo.data.stream)
            return navigate(url_for("partner.portal"))
        except ImageRejected as error:
            form.logo.errors = [LOGO_ERRORS[error.reason]]
    else:
        form.logo.errors = [_("请选择图片")]
    return render_template("partner/portal.html", unit=unit, community=unit.community,
                           offers=_listed(unit),
                           actions=EmptyForm(), logo_form=form), 422
