"""Public booking pages: /c/<slug>/book/<offer id> and the signed link to see or cancel."""
from flask import abort, current_app, g, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from blueprints.core.fields import parse_day
from blueprints.core.forms import EmptyForm, refused_onto
from blueprints.core.pagecache import cached_page
from blueprints.homeservice import bp, services
from blueprints.homeservice.forms import BookingForm
from blueprints.htmx import navigate, render_view
from extensions import db, limiter
from models import Compound

REFUSALS = {services.BookingError: lambda error: (error.field, error.message)}


def _public_limit() -> str:
    return current_app.config["PUBLIC_FORM_RATE_LIMIT"]


def _home_or_404(offer_id: int):
    return services.home_offer_in(g.community, offer_id) or abort(404)


def _compounds():
    return db.session.scalars(select(Compound).where(Compound.community_id == g.community.id)
                              .options(selectinload(Compound.buildings))
                              .order_by(Compound.position, Compound.id)).all()


def _page(home, form: BookingForm, status: int = 200):
    return render_view("homeservice/book.html", "homeservice/partials/book.html", status,
                       community=g.community, home=home, offer=home.offer, form=form)


@bp.get("/c/<slug>/book/<int:offer_id>")
@cached_page
def book(offer_id: int):
    """The booking form of a home-service offer: a day, the door, a contact."""
    home = _home_or_404(offer_id)
    return _page(home, BookingForm(formdata=None).fill(services.open_days(home), _compounds()))


@bp.post("/c/<slug>/book/<int:offer_id>")
@limiter.limit(_public_limit, methods=["POST"])
def book_post(offer_id: int):
    """Book the visit; every refusal comes back next to its field with what was typed."""
    home = _home_or_404(offer_id)
    form = BookingForm().fill(services.open_days(home), _compounds())
    if form.validate_on_submit():
        done = {}
        doors = services.doors_at(g.community, form.compound.data, form.building.data,
                                  form.unit.data, form.room.data)
        if len(doors) > 1:  # the same room number in two units of the building
            form.unit.errors.append(_("这个楼栋有几户都是这个房号，请填写单元。"))
            return _page(home, form, 422)
        door = doors[0] if doors else None
        if refused_onto(form, lambda: done.setdefault("booking", services.book(
                home, parse_day(form.day.data), door, form.name.data,
                form.mobile.data, form.booked_as.data)), REFUSALS):
            token = services.booking_token(done["booking"])
            return navigate(url_for("homeservice.mine", token=token))
    return _page(home, form, 422)


@bp.get("/c/<slug>/book/mine/<token>")
def mine(token: str):
    """The booking behind a signed link: when, where, and a button to cancel it."""
    booking = services.booking_by_token(g.community, token) or abort(404)
    return render_template("homeservice/mine.html", community=g.community, booking=booking,
                           token=token, form=EmptyForm())


@bp.post("/c/<slug>/book/mine/<token>/cancel")
@limiter.limit(_public_limit, methods=["POST"])
def cancel(token: str):
    """Cancel the booking behind a signed link; its place goes back to the date."""
    booking = services.booking_by_token(g.community, token) or abort(404)
    if not EmptyForm().validate_on_submit():
        abort(400)
    services.cancel(booking)
    return navigate(url_for("homeservice.mine", token=token))


@bp.get("/c/<slug>/card/<token>")
@cached_page
def card(token: str):
    """What a phone shows for a service card's QR: whose community it is, nothing personal."""
    return render_template("homeservice/card.html", community=g.community, token=token)
