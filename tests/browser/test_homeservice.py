"""On a phone: a relative books the barber for their mother; the barber opens the day's roster
and marks the visit done; a meal is counted by pasting a service card's QR content."""
from playwright.sync_api import Page, expect

from blueprints.homeservice import cards, services
from extensions import db
from models import Person
from tests.browser.conftest import log_in
from tests.factories import make_building, make_community, make_compound
from tests.homeservice.factories import make_door, make_home_offer
from tests.offers.factories import make_offer, make_partner, make_partner_user


def test_a_relative_books_the_barber_and_the_barber_marks_the_visit_done(live, page: Page):
    community = make_community(slug="liujin", name="流津社区")
    compound = make_compound(community, name="颐和新园")
    building = make_building(compound, name="3号楼")
    barber = make_partner(community, name="微发馆", kind="barber")
    home = make_home_offer(barber)
    door = make_door(compound, building, room="502", unit="1", address="3号楼1单元502")
    mother = Person(community_id=community.id, household_id=door.id, name="张秀兰",
                    mobile="13800001111")
    db.session.add(mother)
    db.session.commit()
    make_partner_user(barber, username="barber")
    meals = make_offer(barber, title="免费午餐")
    token = cards.card_token(cards.issue_card(door, mother, None))
    offer_id, meals_id, day = home.offer_id, meals.id, services.open_days(home)[0]
    db.session.commit()  # end the test's read so the server can write (SQLite lock)

    page.goto(f"{live}/c/liujin/book/{offer_id}")
    form = page.locator("#homeservice-book")
    form.get_by_label("小区").select_option(label="颐和新园")
    form.get_by_label("楼栋（选填）").select_option(label="颐和新园 3号楼")
    form.get_by_label("房号").fill("999")
    form.get_by_label("家属").check()
    form.get_by_label("联系人姓名").fill("王女士")
    form.get_by_label("联系人手机号").fill("13912345678")
    form.get_by_role("button", name="预约").click()
    expect(page.locator("#book-room-error")).to_contain_text("找不到这个门牌")
    expect(form.get_by_label("联系人姓名")).to_have_value("王女士")  # what was typed is kept
    form.get_by_label("房号").fill("502")
    form.get_by_role("button", name="预约").click()
    mine = page.locator("#homeservice-mine")
    expect(mine).to_contain_text("3号楼1单元502")
    expect(mine).to_contain_text("139****5678")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    log_in(page, live, "barber")
    page.goto(f"{live}/partner/home-visits")
    page.get_by_role("link", name=day.isoformat()).click()
    visit = page.locator("section.card", has_text="3号楼1单元502")
    expect(visit).to_contain_text("王女士")
    visit.get_by_label("已上门服务").check()
    visit.get_by_label("备注（选填）").fill("剪好了")
    visit.get_by_role("button", name="保存").click()
    expect(page.locator("section.card", has_text="3号楼1单元502")).to_contain_text("剪好了")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.goto(f"{live}/partner/offers/{meals_id}/scan")
    page.get_by_label("服务卡二维码内容").fill(f"{live}/c/liujin/card/{token}")
    page.get_by_role("button", name="记一次", exact=True).click()
    expect(page.locator("#partner-scan")).to_contain_text("已记一次")
    page.get_by_label("服务卡二维码内容").fill(token)
    page.get_by_role("button", name="记一次", exact=True).click()
    expect(page.locator("#scan-content-error")).to_contain_text("今天已经用过")
