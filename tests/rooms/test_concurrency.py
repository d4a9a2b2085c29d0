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


def test_two_rooms_of_one_name_made_at_once_give_one_room_and_one_field_error(app):
    from datetime import time

    from blueprints.rooms.services import RoomError
    from models import Community, User
    from tests.factories import make_user

    community = make_community()
    staff = make_user("staff", [community])
    community_id, staff_id = community.id, staff.id
    db.session.commit()
    application = current_app._get_current_object()
    made, refused, errors = [], [], []
    start = threading.Barrier(WORKERS, timeout=60)

    def worker(n: int):
        with application.app_context():
            try:
                start.wait()
                services.create_room(db.session.get(Community, community_id),
                                     db.session.get(User, staff_id), name="健身房", capacity=15,
                                     opens_at=time(7), closes_at=time(21), closed_days=[],
                                     description="", active=True)
                made.append(n)
            except RoomError as refusal:
                refused.append((refusal.field, str(refusal.message)))
            except Exception as error:  # collected and asserted below
                errors.append(repr(error))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(made) == 1
    assert refused == [("name", "已经有同名的场地")] * (WORKERS - 1)
    assert db.session.scalar(db.select(db.func.count(Room.id))) == 1
