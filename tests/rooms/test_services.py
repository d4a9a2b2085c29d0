"""Booking rules: overlaps refused (by the service and by the database), opening hours, past."""
from datetime import time, timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from blueprints.core import clock
from blueprints.rooms import services
from blueprints.rooms.services import BookingRefused, RoomError
from extensions import db
from models import AuditEvent, RoomBooking
from tests.factories import make_community, make_user
from tests.rooms.factories import ahead, at, make_booking, make_room


@pytest.fixture
def room(app):
    return make_room(make_community(slug="liujin", name="流津社区"))


@pytest.fixture
def staff(room):
    return make_user("staff", communities=[room.community])


def book(room, staff, day, start, end, **extra):
    return services.book(room, staff, at(day, *start), at(day, *end), extra.pop("title", "健身指导"),
                         **extra)


def test_one_minute_of_overlap_is_refused_and_names_the_other_booking(room, staff):
    day = ahead()
    book(room, staff, day, (9, 0), (10, 0), title="居民议事会")
    with pytest.raises(BookingRefused) as refused:
        book(room, staff, day, (9, 59), (11, 0))
    assert refused.value.field == "start"
    assert refused.value.clash.title == "居民议事会"
    assert "居民议事会" in str(refused.value.message) and "09:00–10:00" in str(refused.value.message)
    with pytest.raises(BookingRefused):  # inside, and around
        book(room, staff, day, (9, 15), (9, 45))
    with pytest.raises(BookingRefused):
        book(room, staff, day, (8, 0), (12, 0))
    assert db.session.scalar(db.select(db.func.count(RoomBooking.id))) == 1


def test_back_to_back_bookings_are_allowed(room, staff):
    day = ahead()
    book(room, staff, day, (9, 0), (10, 0))
    book(room, staff, day, (10, 0), (11, 0))
    book(room, staff, day, (8, 0), (9, 0))
    assert db.session.scalar(db.select(db.func.count(RoomBooking.id))) == 3


def test_other_rooms_and_cancelled_bookings_do_not_block(room, staff):
    day = ahead()
    gym = make_room(room.community, name="健身房")
    first = book(room, staff, day, (9, 0), (10, 0))
    book(gym, staff, day, (9, 0), (10, 0))
    services.cancel_booking(first, staff)
    again = book(room, staff, day, (9, 0), (10, 0), title="合唱排练")
    assert again.id != first.id and first.cancelled_at is not None
    actions = db.session.scalars(db.select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions.count("room_booking.created") == 3 and "room_booking.cancelled" in actions


def test_the_database_refuses_an_overlap_the_service_did_not_see(room):
    """The rule holds without the service: a trigger (SQLite) or an exclusion constraint."""
    day = ahead()
    make_booking(room, day, (9, 0), (10, 0))
    make_booking(room, day, (10, 0), (11, 0))  # back to back: fine
    make_booking(room, day, (9, 30), (10, 30), cancelled_at=clock.now())  # cancelled: fine
    with pytest.raises(IntegrityError):
        make_booking(room, day, (10, 59), (11, 30))
    db.session.rollback()
    live = make_booking(room, day, (12, 0), (13, 0))
    live.starts_at = at(day, 10, 30)  # moving a booking onto another is refused too
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_opening_hours_and_closed_days(room, staff):
    day = ahead()
    room.opens_at, room.closes_at = time(9, 0), time(17, 0)
    room.closed_days = [day.isoweekday()]
    db.session.commit()
    with pytest.raises(BookingRefused) as closed:
        book(room, staff, day, (10, 0), (11, 0))
    assert closed.value.field == "day" and "不开放" in str(closed.value.message)
    other = day + timedelta(days=1)
    for start, end in (((8, 30), (10, 0)), ((16, 0), (17, 1))):
        with pytest.raises(BookingRefused) as outside:
            book(room, staff, other, start, end)
        assert "09:00–17:00" in str(outside.value.message)
    assert book(room, staff, other, (9, 0), (17, 0)).id


def test_past_far_backwards_and_too_many_people_are_refused(room, staff):
    now = clock.now()
    with pytest.raises(BookingRefused) as past:
        services.book(room, staff, now - timedelta(hours=1), now, "x")
    assert past.value.field == "day"
    with pytest.raises(BookingRefused) as far:
        book(room, staff, ahead(400), (9, 0), (10, 0))
    assert far.value.field == "day"
    with pytest.raises(BookingRefused) as backwards:
        book(room, staff, ahead(), (10, 0), (9, 0))
    assert backwards.value.field == "end"
    for people in (0, 31):
        with pytest.raises(BookingRefused) as crowd:
            book(room, staff, ahead(), (9, 0), (10, 0), people=people)
        assert crowd.value.field == "people" and "30" in str(crowd.value.message)
    assert book(room, staff, ahead(), (9, 0), (10, 0), people=30).people == 30


def test_an_inactive_room_takes_no_bookings(room, staff):
    room.active = False
    db.session.commit()
    with pytest.raises(BookingRefused):
        book(room, staff, ahead(), (9, 0), (10, 0))


def test_a_refusal_inside_another_service_undoes_its_whole_change(room, staff):
    """Another domain books within its own transaction; the refusal rolls all of it back."""
    from blueprints.core.transaction import transactional

    day = ahead()
    book(room, staff, day, (9, 0), (10, 0), title="居民议事会")

    @transactional
    def plan_session():
        services.book(room, staff, at(day, 14), at(day, 15), "钩织课", purpose="session",
                      purpose_id=7)
        services.book(room, staff, at(day, 9, 30), at(day, 10, 30), "钩织课", purpose="session")

    with pytest.raises(BookingRefused):
        plan_session()
    titles = db.session.scalars(db.select(RoomBooking.title)).all()
    assert titles == ["居民议事会"]


def test_rooms_are_created_and_changed_with_their_names_unique(room, staff):
    fields = {"name": "健身房", "capacity": 15, "opens_at": time(6, 0), "closes_at": time(21, 0),
              "closed_days": [1], "description": "新建的健身房", "active": True}
    gym = services.create_room(room.community, staff, **fields)
    with pytest.raises(RoomError) as taken:
        services.create_room(room.community, staff, **fields)
    assert taken.value.field == "name"
    with pytest.raises(RoomError) as hours:
        services.update_room(gym, staff, **dict(fields, closes_at=time(6, 0)))
    assert hours.value.field == "closes_at"
    services.update_room(gym, staff, **dict(fields, capacity=20))
    assert gym.capacity == 20
    assert services.opening(gym) == "06:00–21:00（周一不开放）"
    other = make_community()
    assert services.room_in(other, gym.id) is None


def test_a_booking_made_after_the_check_is_refused_by_the_database_and_named(room, staff,
                                                                            monkeypatch):
    """The race the concurrency test provokes, made certain: the check saw nothing, the
    insert meets the database's rule, and the refusal still names the other booking."""
    day = ahead()
    make_booking(room, day, (9, 0), (10, 0), title="居民议事会")
    checks = []
    real = services.clash_with

    def blind_first(*args, **kwargs):
        checks.append(args)
        return None if len(checks) == 1 else real(*args, **kwargs)

    monkeypatch.setattr(services, "clash_with", blind_first)
    with pytest.raises(BookingRefused) as refused:
        book(room, staff, day, (9, 30), (10, 30))
    assert refused.value.clash.title == "居民议事会" and len(checks) == 2
    assert db.session.scalar(db.select(db.func.count(RoomBooking.id))) == 1
