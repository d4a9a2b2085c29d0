"""Room pages over HTTP: public rooms and weeks, staff booking and refusals, denials, bad input."""
from datetime import timedelta

import pytest

from extensions import db
from models import AuditEvent, Room, RoomBooking
from tests.factories import login, make_community, make_user
from tests.rooms.factories import ahead, make_booking, make_room


@pytest.fixture
def community(app):
    return make_community(slug="liujin", name="流津社区")


@pytest.fixture
def room(community):
    return make_room(community, capacity=30)


@pytest.fixture
def staff(client, community):
    user = make_user("staff", [community], display_name="李书记")
    login(client, user)
    return user


def booking_data(day, start="09:00", end="10:00", title="居民议事会", **extra):
    return {"title": title, "day": day.isoformat(), "start": start, "end": end, **extra}


def week_key(day):
    year, number, _ = day.isocalendar()
    return f"{year}-W{number:02d}"


def test_public_rooms_page_shows_capacity_hours_and_this_week(client, community, room):
    make_room(community, name="健身房", capacity=12, closed_days=[7])
    make_room(community, name="旧仓库", active=False)
    today = ahead(0)
    make_booking(room, today, (20, 0), (20, 59), title="健身指导", booked_by_id=None)
    page = client.get("/c/liujin/rooms").get_data(as_text=True)
    assert "党群服务中心活动室" in page and "可容纳 30 人" in page and "08:00–21:00" in page
    assert "健身房" in page and "周日不开放" in page and "旧仓库" not in page
    assert "健身指导" in page
    home = client.get("/c/liujin/").get_data(as_text=True)
    assert 'href="/c/liujin/rooms"' in home


def test_public_week_shows_titles_never_who_booked(client, community, room):
    booker = make_user("staff", [community], display_name="王主任", mobile="13912345678")
    day = ahead(7)
    make_booking(room, day, (9, 0), (10, 30), title="居民议事会", booked_by_id=booker.id, people=12)
    url = f"/c/liujin/rooms/{room.id}?week={week_key(day)}"
    page = client.get(url).get_data(as_text=True)
    assert "居民议事会" in page and "09:00–10:30" in page
    assert "王主任" not in page and "1391234" not in page and "5678" not in page
    assert f"week={week_key(day - timedelta(days=7))}" in page
    assert f"week={week_key(day + timedelta(days=7))}" in page
    for garbage in ("garbage", "9999-W01", "2026-W99", "2026-W-1"):  # this week instead
        fallback = client.get(f"/c/liujin/rooms/{room.id}", query_string={"week": garbage})
        assert f"week={week_key(ahead(7))}" in fallback.get_data(as_text=True), garbage


def test_inactive_and_other_communities_rooms_are_not_found(client, community, room):
    other = make_room(make_community(slug="xingyuan"), name="邻聚力会客厅")
    closed = make_room(community, name="旧仓库", active=False)
    assert client.get(f"/c/liujin/rooms/{other.id}").status_code == 404
    assert client.get(f"/c/liujin/rooms/{closed.id}").status_code == 404
    assert client.get(f"/staff/xingyuan/rooms/{room.id}").status_code == 302  # login first


def test_staff_books_a_room_and_sees_who_booked(client, room, staff):
    day = ahead(7)
    response = client.post(f"/staff/liujin/rooms/{room.id}/bookings", data=booking_data(day, people="12"))
    assert response.status_code == 303
    assert f"week={week_key(day)}" in response.headers["Location"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "居民议事会" in page and "李书记" in page and "12 人" in page
    booking = db.session.scalar(db.select(RoomBooking))
    assert (booking.purpose, booking.people, booking.booked_by_id) == ("meeting", 12, staff.id)
    public = client.get(f"/c/liujin/rooms/{room.id}?week={week_key(day)}").get_data(as_text=True)
    assert "居民议事会" in public  # the cached public week was refreshed by the booking
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "room_booking.created"))
    assert event.detail["title"] == "居民议事会"
    log = client.get("/staff/liujin/audit").get_data(as_text=True)
    assert "预约场地" in log


def test_overlap_is_refused_next_to_the_field_with_the_typed_values_kept(client, room, staff):
    day = ahead(7)
    make_booking(room, day, (9, 0), (10, 0), title="健身指导")
    response = client.post(f"/staff/liujin/rooms/{room.id}/bookings",
                           data=booking_data(day, "09:59", "11:00", title="合唱排练", people="5"))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "与已有预约“健身指导”" in page and "09:00–10:00" in page
    assert 'id="booking-start-error"' in page
    assert 'value="合唱排练"' in page and 'value="09:59"' in page and 'value="11:00"' in page
    assert f'value="{day.isoformat()}"' in page and 'value="5"' in page
    back_to_back = client.post(f"/staff/liujin/rooms/{room.id}/bookings",
                               data=booking_data(day, "10:00", "11:00", title="合唱排练"))
    assert back_to_back.status_code == 303


@pytest.mark.parametrize("data, field, message", [
    ({"start": "07:00"}, "start", "不在开放时间内"),
    ({"end": "08:00"}, "end", "结束时间要晚于开始时间"),
    ({"day": "2020-01-06"}, "day", "已经过去"),
    ({"day": "2099-01-06"}, "day", "一年以内"),
    ({"day": "9999-12-31"}, "day", "1900年到2100年"),
    ({"people": "0"}, "people", "至少 1 人"),
    ({"people": "31"}, "people", "1 到 30"),
    ({"people": str(2**63)}, "people", "太大"),
    ({"title": ""}, "title", "请填写用途"),
    ({"title": "x" * 100_000}, "title", ""),
    ({"title": "a\x00b"}, "title", ""),
])
def test_bad_bookings_are_refused_with_a_field_error(client, room, staff, data, field, message):
    response = client.post(f"/staff/liujin/rooms/{room.id}/bookings",
                           data=dict(booking_data(ahead(7)), **data))
    assert response.status_code in (400, 422)
    if response.status_code == 422:
        page = response.get_data(as_text=True)
        assert f'id="booking-{field}-error"' in page and message in page
    assert db.session.scalar(db.select(db.func.count(RoomBooking.id))) == 0


def test_staff_cancels_a_booking_and_the_time_is_free(client, room, staff):
    day = ahead(7)
    booking = make_booking(room, day, (9, 0), (10, 0))
    response = client.post(f"/staff/liujin/rooms/{room.id}/bookings/{booking.id}/cancel")
    assert response.status_code == 303
    db.session.refresh(booking)
    assert booking.cancelled_at is not None
    again = client.post(f"/staff/liujin/rooms/{room.id}/bookings", data=booking_data(day))
    assert again.status_code == 303
    other_room = make_room(room.community, name="健身房")
    assert client.post(f"/staff/liujin/rooms/{other_room.id}/bookings/{booking.id}/cancel").status_code == 404


def test_staff_adds_and_edits_rooms(client, community, staff):
    data = {"name": "健身房", "capacity": "15", "opens_at": "06:00", "closes_at": "21:00",
            "closed_days": ["1"], "description": "流津新建的健身房", "active": "y"}
    assert client.post("/staff/liujin/rooms", data=data).status_code == 303
    room = db.session.scalar(db.select(Room))
    assert (room.capacity, room.closed_days, room.active) == (15, [1], True)
    again = client.post("/staff/liujin/rooms", data=data)
    assert again.status_code == 422 and "已经有同名的场地" in again.get_data(as_text=True)
    bad = client.post("/staff/liujin/rooms", data=dict(data, name="会客厅", capacity="0",
                                                       closes_at="05:00", closed_days=["8"]))
    page = bad.get_data(as_text=True)
    assert bad.status_code == 422 and "人数在 1 到 2000 之间" in page and "关门时间要晚于开门时间" in page
    assert 'value="会客厅"' in page
    edited = client.post(f"/staff/liujin/rooms/{room.id}/edit", data=dict(data, capacity="20", active=""))
    assert edited.status_code == 303
    db.session.refresh(room)
    assert (room.capacity, room.active) == (20, False)
    assert "已停用" in client.get("/staff/liujin/rooms").get_data(as_text=True)
    actions = db.session.scalars(db.select(AuditEvent.action)).all()
    assert actions == ["room.created", "room.updated"]


def staff_urls(room, booking):
    return {"get": ["/staff/liujin/rooms", f"/staff/liujin/rooms/{room.id}",
                    f"/staff/liujin/rooms/{room.id}/edit"],
            "post": ["/staff/liujin/rooms", f"/staff/liujin/rooms/{room.id}/edit",
                     f"/staff/liujin/rooms/{room.id}/bookings",
                     f"/staff/liujin/rooms/{room.id}/bookings/{booking.id}/cancel"]}


def test_staff_pages_are_refused_to_public_partners_grid_workers_and_other_staff(client, community, room):
    booking = make_booking(room, ahead(7), (9, 0), (10, 0))
    urls = staff_urls(room, booking)
    for url in urls["get"]:
        assert "/login" in client.get(url).headers["Location"], url
    for url in urls["post"]:
        assert "/login" in client.post(url, data=booking_data(ahead(8))).headers["Location"], url
    others = [make_user("staff", [make_community(slug="xingyuan")]), make_user("partner", [community]),
              make_user("grid_worker", [community])]
    for user in others:
        login(client, user)
        for url in urls["get"]:
            assert client.get(url).status_code == 403, (user.role, url)
        for url in urls["post"]:
            assert client.post(url, data=booking_data(ahead(8))).status_code == 403, (user.role, url)
        client.post("/logout")
    db.session.refresh(booking)
    assert booking.cancelled_at is None
    assert db.session.scalar(db.select(db.func.count(RoomBooking.id))) == 1
