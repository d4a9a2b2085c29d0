"""20 parallel bookings of one date with 8 places: exactly 8 booked, 12 told it is full."""
import threading

from flask import current_app

from blueprints.homeservice import services
from blueprints.homeservice.services import BookingError
from extensions import db
from models import HomeBooking, HomeOffer, Household, VisitDate
from tests.homeservice.factories import make_door, make_world


def test_twenty_parallel_bookings_never_overbook(app):
    community, compound, building, partner, home = make_world()
    doors = [make_door(compound, room=f"{n + 1:02d}01").id for n in range(20)]
    day = services.open_days(home)[0]
    home_id = home.id
    db.session.commit()  # end the test's own transaction before the workers start
    application = current_app._get_current_object()
    errors, full = [], []
    start = threading.Barrier(20)

    def worker(n: int):
        with application.app_context():
            try:
                start.wait()
                target = db.session.get(HomeOffer, home_id)
                services.book(target, day, db.session.get(Household, doors[n]), f"家属{n}",
                              f"1390000{n:04d}", "relative")
            except BookingError as refused:
                full.append(str(refused.message))
            except Exception as error:  # collected and asserted below
                errors.append(repr(error))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(full) == 12 and all("名额已满" in message for message in full)
    booked = db.session.scalars(db.select(HomeBooking)).all()
    assert len(booked) == 8 and {b.status for b in booked} == {"confirmed"}
    assert db.session.scalar(db.select(VisitDate.taken)) == 8
