"""Portal pages for home services: the day's roster of doors, outcomes, and card scans.

Only the unit's own offers and their bookings: anything else answers 404.
"""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.auth.access import role_required
from blueprints.core import clock
from blueprints.core.fields import parse_day
from blueprints.core.forms import EmptyForm, choice_list
from blueprints.homeservice import cards, roster, services
from blueprints.homeservice.forms import BookableForm, OutcomeForm, ScanForm
from blueprints.homeservice.labels import OUTCOME_LABELS
from blueprints.htmx import is_partial, render_view
from blueprints.partner import bp
from blueprints.partner.lookups import own_offer_or_404, own_unit_or_404
from blueprints.printing.delivery import deliver, preparing, send_pdf


def _bookable_form(unit, formdata=True) -> BookableForm:
    form = BookableForm() if formdata else BookableForm(formdata=None)
    form.offer.choices = choice_list([(o.id, o.title) for o in roster.live_offers(unit)])
    return form


def _visits_page(unit, form: BookableForm, status: int = 200):
    return render_template("partner/home_visits.html", unit=unit, community=unit.community,
                           days=roster.visit_days(unit, clock.today()), form=form,
                           bookable=roster.bookable_offers(unit)), status


@bp.get("/home-visits")
@role_required("partner")
def home_visits():
    """The unit's coming visit days with their doors, and its offers that take bookings."""
    unit = own_unit_or_404()
    return _visits_page(unit, _bookable_form(unit, formdata=False))


@bp.post("/home-visits/offers")
@role_required("partner")
def make_bookable():
    """Open bookings for one of the unit's live offers (places per day, how early to book)."""
    unit = own_unit_or_404()
    form = _bookable_form(unit)  # choices hold only the unit's own offers
    if not form.validate_on_submit():
        return _visits_page(unit, form, 422)
    offer = own_offer_or_404(form.offer.data)
    services.make_bookable(offer, current_user, form.places.data, form.book_until_days.data)
    flash(_("已开放预约，居民可以在预约页选日期。"), "success")
    return redirect(url_for("partner.home_visits"), 303)


def _roster(unit, day, form=None, failed_id=None, status=200):
    return render_template("partner/home_roster.html", unit=unit, community=unit.community,
                           day=day, lines=roster.day_roster(unit, day),
                           visible=services.number_visible(day), form=form or OutcomeForm(),
                           failed_id=failed_id, outcome_labels=OUTCOME_LABELS), status


@bp.get("/home-visits/<day>")
@role_required("partner")
def home_roster(day: str):
    """One day's doors in walking order: address, contact, number (in the window), outcome."""
    unit, visit_day = own_unit_or_404(), parse_day(day) or abort(404)
    return _roster(unit, visit_day)


@bp.get("/home-visits/<day>/roster.pdf")
@role_required("partner")
def home_roster_pdf(day: str):
    """The day's roster to print (numbers masked: paper travels), made in the background:
    the PDF when it is ready, else a page that reloads itself until it is."""
    unit, visit_day = own_unit_or_404(), parse_day(day) or abort(404)
    options = {"partner": str(unit.id), "day": visit_day.isoformat()}
    delivery = deliver("home-roster", unit.community, options)
    if delivery.current is not None:
        return send_pdf(delivery.current)
    return preparing(unit.community, _("上门服务名单"),
                     (url_for("partner.home_roster", day=visit_day.isoformat()),
                      _("先在手机上看这一天的名单")))


@bp.post("/home-visits/bookings/<int:booking_id>")
@role_required("partner")
def mark_visit(booking_id: int):
    """Mark one visit done, not at home or cancelled, with an optional note; htmx swaps the card."""
    unit = own_unit_or_404()
    booking = roster.own_booking(unit, booking_id) or abort(404)
    form = OutcomeForm()
    if not form.validate_on_submit():
        if is_partial():
            return _visit(booking, form, failed=True), 422
        return _roster(unit, booking.visit_date.day, form, booking.id, 422)
    services.mark(booking, current_user, form.outcome.data, form.note.data)
    if is_partial():
        return _visit(booking, OutcomeForm(formdata=None), saved=True)
    flash(_("已记录。"), "success")
    return redirect(url_for("partner.home_roster", day=booking.visit_date.day.isoformat()), 303)


def _visit(booking, form, failed=False, saved=False):
    line = roster.line_of(booking)
    return render_template("partner/partials/visit.html", line=line, form=form,
                           failed_id=booking.id if failed else None, saved=saved,
                           visible=services.number_visible(booking.visit_date.day),
                           outcome_labels=OUTCOME_LABELS)


def _scan_page(offer, form, status=200, message=None):
    return render_view("partner/scan.html", "partner/partials/scan.html", status, offer=offer,
                       community=offer.community, form=form, message=message, tally=EmptyForm(),
                       served=cards.served_on(offer, clock.today()))


@bp.route("/offers/<int:offer_id>/scan", methods=["GET", "POST"])
@role_required("partner")
def scan(offer_id: int):
    """Count a walk-in service by a service card's QR content, scanned or pasted."""
    offer = own_offer_or_404(offer_id)
    form = ScanForm()
    if not form.validate_on_submit():
        return _scan_page(offer, form, 422 if request.method == "POST" else 200)
    try:
        cards.scan(offer, form.content.data, current_user)
    except cards.ScanRefused as refused:
        form.content.errors.append(refused.message)
        return _scan_page(offer, form, 422)
    return _scan_page(offer, ScanForm(formdata=None), message=_("已记一次，谢谢！"))


@bp.post("/offers/<int:offer_id>/tally")
@role_required("partner")
def tally(offer_id: int):
    """Count one walk-in service for a resident without a card."""
    offer = own_offer_or_404(offer_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    cards.tally(offer, current_user)
    return _scan_page(offer, ScanForm(formdata=None), message=_("已记一次（无卡）。"))
