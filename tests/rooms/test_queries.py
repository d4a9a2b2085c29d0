"""The room pages send as many queries with 10× the bookings as with 1× (issue 10)."""
from datetime import timedelta

from blueprints.core import clock
from extensions import db
from models import RoomBooking
from tests.factories import login, make_community, make_user
from tests.queries import assert_bounded
from tests.rooms.factories import at, make_room


def test_room_pages_are_bounded(client, app):
    community = make_community(slug="liujin")
    rooms = [make_room(community, name=f"活动室{n}") for n in range(3)]
    monday = clock.today() - timedelta(days=clock.today().isoweekday() - 1)
    made = {"slots": 0}

    def add(count: int) -> None:
        # Each slot books every room for one 20-minute spell of the week, staff named.
        booker = make_user("staff", [community])
        for _ in range(count):
            n = made["slots"]
            day, minute = monday + timedelta(days=n % 7), 8 * 60 + (n // 7) * 20
            for room in rooms:
                db.session.add(RoomBooking(room_id=room.id, title=f"活动{n}", booked_by_id=booker.id,
                                           starts_at=at(day, minute // 60, minute % 60),
                                           ends_at=at(day, (minute + 20) // 60, (minute + 20) % 60)))
            made["slots"] += 1
        db.session.commit()

    add(2)
    login(client, make_user("staff", [community]))
    urls = ["/c/liujin/rooms", f"/c/liujin/rooms/{rooms[0].id}", "/staff/liujin/rooms",
            f"/staff/liujin/rooms/{rooms[0].id}"]
    assert_bounded(client, urls, lambda: add(18))
    assert_bounded(client, urls, lambda: add(180))  # past the limits of a week's list
