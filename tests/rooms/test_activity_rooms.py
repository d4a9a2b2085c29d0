"""A volunteer activity books a room for its first shift, in the same transaction."""
import pytest

from extensions import db
from models import Activity, RoomBooking
from tests.factories import login, make_community, make_user
from tests.rooms.factories import ahead, make_booking, make_room


@pytest.fixture
def room(app):
    return make_room(make_community(slug="liujin", name="流津社区"), name="党群服务中心活动室",
                     capacity=30)


@pytest.fixture
def staff(client, room):
    user = make_user("staff", [room.community])
    login(client, user)
    return user


def activity_data(chosen, day, start="14:00", end="16:00", **extra):
    return {"title": "反诈宣传讲座", "category": "lecture", "campaign": "", "description": "",
            "compound": "0", "team": "0", "venue": "", "room": str(chosen.id), "role": "讲解",
            "day": day.isoformat(), "start": start, "end": end, "capacity": "20", **extra}


def test_an_activity_books_its_room_and_cancelling_frees_it(client, room, staff):
    day = ahead(7)
    response = client.post("/staff/liujin/activities/new", data=activity_data(room, day))
    assert response.status_code == 303
    activity = db.session.scalar(db.select(Activity))
    booking = db.session.scalar(db.select(RoomBooking))
    assert (booking.purpose, booking.purpose_id, booking.title, booking.people) == (
        "activity", activity.shifts[0].id, "反诈宣传讲座", 20)
    assert activity.venue == "党群服务中心活动室"
    client.post(f"/staff/liujin/activities/{activity.id}/cancel")
    db.session.refresh(booking)
    assert booking.cancelled_at is not None


def test_a_clash_refuses_the_whole_activity_and_names_the_booking(client, room, staff):
    day = ahead(7)
    make_booking(room, day, (15, 0), (16, 0), title="居民议事会")
    response = client.post("/staff/liujin/activities/new", data=activity_data(room, day))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "与已有预约“居民议事会”" in page and 'id="start-error"' in page
    assert 'value="反诈宣传讲座"' in page
    assert db.session.scalar(db.select(db.func.count(Activity.id))) == 0
    too_many = client.post("/staff/liujin/activities/new",
                           data=activity_data(room, day, "09:00", "10:00", capacity="31"))
    assert too_many.status_code == 422 and 'id="capacity-error"' in too_many.get_data(as_text=True)
    without = client.post("/staff/liujin/activities/new",
                          data=activity_data(room, day, room="0"))
    assert without.status_code == 303  # no room chosen: nothing to clash with


def test_only_the_communitys_open_rooms_are_offered(client, room, staff):
    other = make_room(make_community(slug="xingyuan"), name="邻聚力会客厅")
    closed = make_room(room.community, name="旧仓库", active=False)
    page = client.get("/staff/liujin/activities/new").get_data(as_text=True)
    assert "党群服务中心活动室" in page and "邻聚力会客厅" not in page and "旧仓库" not in page
    for wrong in (other, closed):
        response = client.post("/staff/liujin/activities/new",
                               data=activity_data(wrong, ahead(7)))
        assert response.status_code == 422
    assert db.session.scalar(db.select(db.func.count(RoomBooking.id))) == 0
