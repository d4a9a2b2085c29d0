"""seed-demo gives both article communities their rooms and this week's bookings, once."""
from sqlalchemy import func, select

from extensions import db
from models import Room, RoomBooking
from tests.core.test_demo import run_seed


def test_demo_rooms_and_this_weeks_bookings(app):
    output = run_seed(app)
    assert "rooms added: liujin 2, xingyuan 2" in output
    names = set(db.session.scalars(select(Room.name)))
    assert names == {"党群服务中心活动室", "健身房", "邻聚力会客厅", "户外劳动者之家"}
    bookings = db.session.scalar(select(func.count(RoomBooking.id)))
    assert bookings >= 8
    page = app.test_client().get("/c/liujin/rooms").get_data(as_text=True)
    assert "健身房" in page and "健身指导" in page and "居民议事会" in page
    run_seed(app)
    assert db.session.scalar(select(func.count(RoomBooking.id))) == bookings
    assert db.session.scalar(select(func.count(Room.id))) == 4
