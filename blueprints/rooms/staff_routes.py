"""Staff room pages under /staff/<slug>/rooms: rooms, a room's week, booking and cancelling."""
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.auth.access import SIGNED_IN, STAFF_ROLES, community_role_required
from blueprints.core import clock
from blueprints.core.forms import EmptyForm, refused_onto
from blueprints.core.pagecache import cached_page
from blueprints.rooms import bp, services
from blueprints.rooms.forms import BookingForm, RoomForm
from blueprints.rooms.week import by_day, parse_week, this_week, week_of

REFUSALS = {services.RoomError: lambda error: (error.field, error.message)}


def _room_or_404(room_id: int):
    return services.room_in(g.community, room_id) or abort(404)


def _room_values(form: RoomForm) -> dict:
    return {name: getattr(form, name).data for name in services.ROOM_FIELDS}


@bp.route("/staff/<slug>/rooms", methods=["GET", "POST"])
@community_role_required(*STAFF_ROLES)
def staff_rooms():
    """The community's rooms, open or not; add a room."""
    form, status = RoomForm(), 200
    if form.validate_on_submit():
        if refused_onto(form, lambda: services.create_room(g.community, current_user,
                                                           **_room_values(form)), REFUSALS):
            flash(_("场地已添加。"), "success")
            return redirect(url_for("rooms.staff_rooms"), 303)
        status = 422
    elif request.method == "POST":
        status = 422
    return render_template("rooms/staff/rooms.html", community=g.community, form=form,
                           rooms=services.rooms_of(g.community, active_only=False),
                           opening=services.opening), status


@bp.route("/staff/<slug>/rooms/<int:room_id>/edit", methods=["GET", "POST"])
@community_role_required(*STAFF_ROLES)
def edit_room(room_id: int):
    """Change a room's name, capacity, opening hours, description, or close it to bookings."""
    room = _room_or_404(room_id)
    form, status = RoomForm(obj=room), 200
    if form.validate_on_submit():
        if refused_onto(form, lambda: services.update_room(room, current_user,
                                                           **_room_values(form)), REFUSALS):
            flash(_("场地已保存。"), "success")
            return redirect(url_for("rooms.staff_room", room_id=room.id), 303)
        status = 422
    elif request.method == "POST":
        status = 422
    return render_template("rooms/staff/room_form.html", community=g.community, room=room,
                           form=form), status


def _week_page(room, form: BookingForm | None = None, status: int = 200):
    """A room's week with its bookings and the booking form (also the answer to a refusal)."""
    week = parse_week(request.args.get("week")) or this_week()
    bookings, more = services.week_bookings(room, week, with_booker=True)
    return render_template("rooms/staff/room.html", community=g.community, room=room, week=week,
                           days=by_day(week, bookings), more=more, opening=services.opening,
                           form=form or BookingForm(formdata=None, day=clock.today()),
                           actions=EmptyForm(), weekday_names=services.WEEKDAY_NAMES), status


@bp.get("/staff/<slug>/rooms/<int:room_id>")
@community_role_required(*STAFF_ROLES)
@cached_page(viewer=SIGNED_IN)
def staff_room(room_id: int):
    """A room's week: its bookings, who made them, and a form to book it for a meeting."""
    return _week_page(_room_or_404(room_id))


@bp.post("/staff/<slug>/rooms/<int:room_id>/bookings")
@community_role_required(*STAFF_ROLES)
def book_room(room_id: int):
    """Book the room for a meeting; a refusal comes back next to its field, typed values kept."""
    room = _room_or_404(room_id)
    form = BookingForm()
    if not form.validate_on_submit():
        return _week_page(room, form, 422)
    starts_at, ends_at = (clock.at(form.day.data, form.start.data),
                          clock.at(form.day.data, form.end.data))
    if not refused_onto(form, lambda: services.book(
            room, current_user, starts_at, ends_at, form.title.data, people=form.people.data),
            REFUSALS):
        return _week_page(room, form, 422)
    flash(_("已预约：%(title)s", title=form.title.data), "success")
    return redirect(url_for("rooms.staff_room", room_id=room.id,
                            week=_week_key(form.day.data)), 303)


def _week_key(day) -> str | None:
    """The week a day lies in, for the URL of the page showing it."""
    week = week_of(day)
    return week.key if week else None


@bp.post("/staff/<slug>/rooms/<int:room_id>/bookings/<int:booking_id>/cancel")
@community_role_required(*STAFF_ROLES)
def cancel_booking(room_id: int, booking_id: int):
    """Cancel a booking; its time is free again."""
    room = _room_or_404(room_id)
    booking = services.booking_in(room, booking_id) or abort(404)
    if EmptyForm().validate_on_submit():
        services.cancel_booking(booking, current_user)
        flash(_("已取消预约：%(title)s", title=booking.title), "success")
    return redirect(url_for("rooms.staff_room", room_id=room.id,
                            week=_week_key(clock.today(booking.starts_at))), 303)
