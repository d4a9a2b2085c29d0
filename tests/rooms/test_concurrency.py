"""Writers racing for one room: two bookings of one hour, two rooms of one name; exactly one
of each succeeds and every other writer gets the refusal a single writer would get."""
import threading
from datetime import time

from flask import current_app

from blueprints.rooms import services
from blueprints.rooms.services import BookingRefused, RoomError
from extensions import db
from models import Community, Room, RoomBooking, User
from tests.factories import make_community, make_user
from tests.rooms.factories import ahead, at, make_room

WORKERS = 8


def _race(action, refusal_type, note):
    """Run action(n) in WORKERS threads released together: (won, notes, errors), `note`
    reading each refusal inside its worker (its rows belong to that worker's session)."""
    db.session.commit()  # end the test's own transaction before the workers start
    application = current_app._get_current_object()
    won, refusals, errors = [], [], []
    start = threading.Barrier(WORKERS, timeout=60)

    def worker(n: int):
        with application.app_context():
            try:
                start.wait()
                action(n)
                won.append(n)
            except refusal_type as refusal:
                refusals.append(note(refusal))
            except Exception as error:  # collected and asserted by the test
                errors.append(repr(error))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return won, refusals, errors


def test_parallel_bookings_of_one_hour_never_both_succeed(app):
    room_id, day = make_room(make_community()).id, ahead()

    def book(n):
        services.book(db.session.get(Room, room_id), None, at(day, 10), at(day, 11), f"会议{n}")

    booked, refusals, errors = _race(book, BookingRefused,
                                     lambda r: r.clash.title if r.clash else None)
    assert errors == []
    assert len(booked) == 1 and len(refusals) == WORKERS - 1
    # Every refusal names the booking that won.
    assert set(refusals) == {f"会议{booked[0]}"}
    titles = db.session.scalars(db.select(RoomBooking.title)).all()
    assert titles == [f"会议{booked[0]}"]


def test_two_rooms_of_one_name_made_at_once_give_one_room_and_one_field_error(app):
    community = make_community()
    community_id, staff_id = community.id, make_user("staff", [community]).id

    def create(_n):
        services.create_room(db.session.get(Community, community_id),
                             db.session.get(User, staff_id), name="健身房", capacity=15,
                             opens_at=time(7), closes_at=time(21), closed_days=[],
                             description="", active=True)

    made, refusals, errors = _race(create, RoomError, lambda r: (r.field, str(r.message)))
    assert errors == [] and len(made) == 1
    assert refusals == [("name", "已经有同名的场地")] * (WORKERS - 1)
    assert db.session.scalar(db.select(db.func.count(Room.id))) == 1
