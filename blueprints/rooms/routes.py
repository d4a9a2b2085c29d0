"""Public room pages: /c/<slug>/rooms and a room's week calendar."""
from flask import abort, g, render_template, request

from blueprints.core.pagecache import cached_page
from blueprints.rooms import bp, services
from blueprints.rooms.week import by_day, parse_week, this_week


@bp.get("/c/<slug>/rooms")
@cached_page
def index():
    """The community's rooms with capacity, opening hours and what is on this week."""
    rooms, week = services.rooms_of(g.community), this_week()
    return render_template("rooms/index.html", community=g.community, rooms=rooms, week=week,
                           overview=services.week_overview(rooms, week), opening=services.opening,
                           weekday_names=services.WEEKDAY_NAMES)


@bp.get("/c/<slug>/rooms/<int:room_id>")
@cached_page
def room(room_id: int):
    """One room's week: what is on each day (titles only, never who booked)."""
    found = services.room_in(g.community, room_id)
    if found is None or not found.active:
        abort(404)
    week = parse_week(request.args.get("week")) or this_week()
    bookings, more = services.week_bookings(found, week)
    return render_template("rooms/room.html", community=g.community, room=found, week=week,
                           days=by_day(week, bookings), more=more, opening=services.opening,
                           weekday_names=services.WEEKDAY_NAMES)

