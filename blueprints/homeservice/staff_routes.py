"""Staff pages under /staff/<slug>/home-services: figures, pending bookings, the gap list."""
from datetime import date, timedelta

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from blueprints.auth.access import SIGNED_IN, STAFF_ROLES, community_role_required
from blueprints.core import clock
from blueprints.core.fields import parse_day
from blueprints.core.forms import EmptyForm, choice_list
from blueprints.core.pagecache import cached_page
from blueprints.core.paging import page_number
from blueprints.homeservice import bp, cards, figures, gaps, services
from blueprints.homeservice.forms import BookableForm, CardsForm, StaffBookForm
from blueprints.register.labels import TAG_LABELS
from extensions import db
from models import Household, Offer
from models.homeservice import HomeBooking, HomeOffer


def _live_offers():
    return db.session.scalars(select(Offer).where(
        Offer.community_id == g.community.id, Offer.published.is_not(None),
        Offer.paused.is_(False)).order_by(Offer.id).limit(figures.OFFERS_LIMIT)).all()


def _home_offers():
    return db.session.scalars(select(HomeOffer).join(Offer).where(
        HomeOffer.community_id == g.community.id, HomeOffer.active.is_(True))
        .order_by(HomeOffer.id).limit(figures.OFFERS_LIMIT)).all()


def _forms(bookable=None):
    bookable = bookable or BookableForm(formdata=None)
    bookable.offer.choices = choice_list([(o.id, o.title) for o in _live_offers()])
    gap = StaffBookForm(formdata=None)
    gap.offer.choices = choice_list([(h.offer_id, h.offer.title) for h in _home_offers()])
    cards_form = CardsForm(formdata=None)
    cards_form.compound.choices = choice_list([(c.id, c.name) for c in g.community.compounds])
    return bookable, gap, cards_form


@bp.get("/staff/<slug>/home-services")
@community_role_required(*STAFF_ROLES)
@cached_page(viewer=SIGNED_IN)
def staff_index():
    """Each offer's month, bookings waiting for a decision, and households nobody reached."""
    return _index()


def _month() -> date:
    """The first day of the month asked for by ?month=YYYY-MM, else of this month."""
    asked = parse_day(f"{request.args.get('month', '')[:7]}-01")
    return asked or clock.today().replace(day=1)


def _index(bookable=None, status: int = 200):
    today, month = clock.today(), _month()
    start, end = figures.month_of(month)
    gaps = figures.gap_page(g.community, today, page_number())
    bookable_form, gap_form, cards_form = _forms(bookable)
    return render_template(
        "homeservice/staff/index.html", community=g.community, today=today,
        offers=figures.offer_figures(g.community, month), month=month,
        previous_month=(start - timedelta(days=1)).strftime("%Y-%m"),
        next_month=end.strftime("%Y-%m"),
        pending=figures.pending_bookings(g.community, today), gaps=gaps,
        workers=figures.grid_workers_of(gaps.items), bookable_form=bookable_form,
        gap_form=gap_form, cards_form=cards_form, actions=EmptyForm(),
        tag_labels=TAG_LABELS), status


@bp.post("/staff/<slug>/home-services/offers")
@community_role_required(*STAFF_ROLES)
def make_bookable():
    """Open bookings for a live offer (or change its places and window)."""
    form = BookableForm()
    form.offer.choices = choice_list([(o.id, o.title) for o in _live_offers()])
    if not form.validate_on_submit():
        return _index(form, 422)
    offer = db.session.get(Offer, form.offer.data)
    services.make_bookable(offer, current_user, form.places.data, form.book_until_days.data)
    flash(_("已开放预约。"), "success")
    return redirect(url_for("homeservice.staff_index"), 303)


def _booking_or_404(booking_id: int) -> HomeBooking:
    booking = db.session.get(HomeBooking, booking_id)
    if booking is None or booking.community_id != g.community.id:
        abort(404)
    return booking


def _household_or_404(household_id: int) -> Household:
    household = db.session.get(Household, household_id)
    if household is None or household.community_id != g.community.id:
        abort(404)
    return household


@bp.post("/staff/<slug>/home-services/bookings/<int:booking_id>/confirm")
@community_role_required(*STAFF_ROLES)
def confirm(booking_id: int):
    """Vouch for a pending booking's household: it goes onto the partner's roster."""
    booking = _booking_or_404(booking_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    services.confirm_eligibility(booking, current_user)
    flash(_("已确认，这户会出现在服务单位的名单上。"), "success")
    return redirect(url_for("homeservice.staff_index"), 303)


@bp.post("/staff/<slug>/home-services/bookings/<int:booking_id>/cancel")
@community_role_required(*STAFF_ROLES)
def staff_cancel(booking_id: int):
    """Cancel a booking (not eligible, or asked by phone); its place goes back."""
    booking = _booking_or_404(booking_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    services.cancel(booking, current_user)
    flash(_("预约已取消。"), "success")
    return redirect(url_for("homeservice.staff_index"), 303)


@bp.post("/staff/<slug>/home-services/households/<int:household_id>/book")
@community_role_required(*STAFF_ROLES)
def gap_book(household_id: int):
    """Book an offer's soonest open date for a missed household; its first member is the contact."""
    household = _household_or_404(household_id)
    form = StaffBookForm()
    form.offer.choices = choice_list([(h.offer_id, h.offer.title) for h in _home_offers()])
    valid = form.validate_on_submit()
    home = services.home_offer_in(g.community, form.offer.data) if valid else None
    contact = household.members[0] if household.members else None
    days = services.open_days(home, count=1) if home else []
    if home is None or contact is None or not days:
        flash(_("没能预约：请选择上门服务，并确认这户登记了联系人。"), "error")
        return redirect(url_for("homeservice.staff_index"), 303)
    try:
        services.book(home, days[0], household, contact.name, contact.mobile, "staff")
        flash(_("已预约 %(day)s。", day=days[0].isoformat()), "success")
    except services.BookingError as refused:
        flash(str(refused.message), "error")
    return redirect(url_for("homeservice.staff_index"), 303)


@bp.post("/staff/<slug>/home-services/gaps/round")
@community_role_required(*STAFF_ROLES)
def gap_round():
    """Make the whole gap list a door-knocking round for the grid workers, in one step."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    campaign = gaps.gap_round(g.community, current_user, clock.today())
    if campaign is None:
        flash(_("名单上的户都不在任何网格里，没能建走访行动：请先在居民台账里划分网格。"), "error")
        return redirect(url_for("homeservice.staff_index", _anchor="homeservice-gaps"), 303)
    flash(_("已建走访行动“%(name)s”，各网格员在自己的走访名单里能看到这些户。",
            name=campaign.name), "success")
    return redirect(url_for("visits.campaign", campaign_id=campaign.id), 303)


@bp.post("/staff/<slug>/home-services/households/<int:household_id>/card")
@community_role_required(*STAFF_ROLES)
def issue_card(household_id: int):
    """Issue a service card to the household's first member (print them from the print centre)."""
    household = _household_or_404(household_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    cards.issue_card(household, household.members[0] if household.members else None, current_user)
    flash(_("已发放服务卡，可在打印中心打印“服务卡”。"), "success")
    return redirect(url_for("homeservice.staff_index"), 303)


@bp.post("/staff/<slug>/home-services/cards")
@community_role_required(*STAFF_ROLES)
def issue_cards():
    """Issue cards to every resident of a compound's tagged households, ready to print."""
    form = CardsForm()
    form.compound.choices = choice_list([(c.id, c.name) for c in g.community.compounds])
    if not form.validate_on_submit():
        abort(400)
    compound = next(c for c in g.community.compounds if c.id == form.compound.data)
    count = cards.issue_cards_in(compound, current_user)
    flash(_("已为%(name)s发放%(n)s张服务卡。打印：打印中心的“服务卡”，小区编号 %(id)s。",
            name=compound.name, n=count, id=compound.id), "success")
    return redirect(url_for("homeservice.staff_index"), 303)
