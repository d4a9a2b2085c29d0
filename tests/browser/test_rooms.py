"""On a phone: staff book a room for a meeting; the public week shows it, without the booker."""
import re

from playwright.sync_api import Page, expect

from extensions import db
from tests.browser.conftest import log_in
from tests.factories import make_community, make_user
from tests.rooms.factories import ahead, make_booking, make_room


def test_staff_book_a_room_and_the_public_week_shows_it(live, page: Page):
    community = make_community(slug="liujin", name="流津社区")
    room = make_room(community, name="党群服务中心活动室")
    make_user("staff", [community], username="lj-staff", display_name="李书记")
    day = ahead(7)
    make_booking(room, day, (9, 0), (10, 0), title="健身指导")
    room_id = room.id
    db.session.commit()  # end the test's read so the server can write (SQLite lock)

    log_in(page, live, "lj-staff")
    page.goto(f"{live}/staff/liujin/rooms/{room_id}")
    form = page.locator("#rooms-booking")
    form.get_by_label("用途").fill("居民议事会")
    form.get_by_label("日期").fill(day.isoformat())
    form.get_by_label("开始时间").fill("09:30")
    form.get_by_label("结束时间").fill("11:00")
    form.get_by_role("button", name="预约").click()
    expect(page.locator("#booking-start-error")).to_contain_text("与已有预约“健身指导”")
    expect(form.get_by_label("用途")).to_have_value("居民议事会")  # what was typed is kept

    form.get_by_label("开始时间").fill("10:00")
    form.get_by_role("button", name="预约").click()
    expect(page.locator(".flash")).to_contain_text("已预约：居民议事会")
    expect(page.locator("#rooms-week")).to_contain_text("李书记")

    page.goto(f"{live}/c/liujin/rooms")
    page.locator(f"#room-{room_id}").get_by_role("link", name="查看整周安排").click()
    page.get_by_role("link", name=re.compile("下一周")).click()
    week = page.locator("#rooms-week")
    expect(week).to_contain_text("10:00–11:00")
    expect(week).to_contain_text("居民议事会")
    expect(week).not_to_contain_text("李书记")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
