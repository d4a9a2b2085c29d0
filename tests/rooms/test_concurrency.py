"""Two bookings of one room for the same hour at the same moment: exactly one succeeds."""
import threading

from flask import current_app

from blueprints.rooms import services
from blueprints.rooms.services import BookingRefused
from extensions import db
from models import Room, RoomBooking
from tests.factories import make_community
from tests.rooms.factories import ahead, at, make_room

WORKERS = 8


def test_parallel_bookings_of_one_hour_never_both_succeed(app):
    room = make_room(make_community())
    room_id, day = room.id, ahead()
    db.session.commit()  # end the test's own transaction before the workers start
    application = current_app._get_current_object()
    booked, refused, errors = [], [], []
    start = threading.Barrier(WORKERS, timeout=60)

    def worker(n: int):
        with application.app_context():
            try:
                start.wait()
                target = db.session.get(Room, room_id)
                services.book(target, None, at(day, 10), at(day, 11), f"会议{n}")
                booked.append(n)
            except BookingRefused as refusal:
                refused.append(refusal.clash.title if refusal.clash else None)
            except Exception as error:  # collected and asserted below
                errors.append(repr(error))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(booked) == 1 and len(refused) == WORKERS - 1
    assert set(refused) == {f"会议{booked[0]}"}  # every refusal names the booking that won
    titles = db.session.scalars(db.select(RoomBooking.title)).all()
    assert titles == [f"会议{booked[0]}"]
