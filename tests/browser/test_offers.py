"""A partner edits an offer on a phone, staff approve it on a desktop, residents see it."""
from urllib.parse import unquote_plus

from playwright.sync_api import Browser, Page, expect

from extensions import db
from tests.browser.conftest import log_in
from tests.factories import make_community, make_user
from tests.offers.factories import make_offer, make_partner, make_partner_user


def test_partner_edit_staff_approve_public_sees(live, page: Page, browser: Browser):
    community = make_community(slug="liujin", name="流津社区")
    shop = make_partner(community, name="永兴超市", kind="supermarket")
    offer = make_offer(shop, title="周六日九折", schedule="weekdays", weekdays=[5, 6])
    make_partner_user(shop, username="yongxing")
    make_user("staff", [community], username="xu")
    offer_id = offer.id
    db.session.commit()

    log_in(page, live, "yongxing")
    expect(page.get_by_role("link", name="周六日九折")).to_be_visible()
    page.get_by_role("link", name="周六日九折").click()
    saved = lambda r: r.request.method == "POST" and f"/partner/offers/{offer_id}" in r.url  # noqa: E731
    page.get_by_label("服务名称").fill("每天九折")
    with page.expect_response(saved):
        page.get_by_label("时间规则").select_option("monthday")
    page.get_by_label("每月几号").fill("32")
    with page.expect_response(saved):
        page.get_by_label("服务内容").click()  # leaving the field saves it (hx-trigger=change)
    expect(page.locator("main").get_by_text("请填写1到31之间的日期")).to_be_visible()
    expect(page.get_by_label("服务名称")).to_have_value("每天九折")  # nothing typed is lost
    with page.expect_response(saved):
        page.get_by_label("时间规则").select_option("daily")
    page.get_by_label("每月几号").fill("")
    with page.expect_response(saved):
        page.get_by_label("服务内容").click()
    # The autosave swaps the form; wait for it, or the click may land on the old button.
    expect(page.locator("main").get_by_text("请填写1到31之间的日期")).to_have_count(0)
    page.get_by_role("button", name="提交审核").click()
    expect(page.locator("#offer-state")).to_have_text("待审核")

    desk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    staff = desk.new_page()
    log_in(staff, live, "xu")
    staff.goto(f"{live}/staff/liujin/services/")
    expect(staff.locator(".diff ins", has_text="每天九折")).to_be_visible()
    staff.get_by_role("button", name="通过并发布").click()
    expect(staff.get_by_text("没有待审核的修改。")).to_be_visible()
    desk.close()

    page.goto(f"{live}/c/liujin/services")
    expect(page.get_by_role("link", name="每天九折")).to_be_visible()
    expect(page.get_by_text("周六日九折")).to_have_count(0)
    page.goto(f"{live}/partner/offers/{offer_id}")
    expect(page.locator("#offer-state")).to_have_text("已发布")


def test_a_change_made_while_a_save_is_on_its_way_is_saved_after_it(live, page: Page,
                                                                    slow_network):
    community = make_community(slug="liujin", name="流津社区")
    shop = make_partner(community, name="永兴超市", kind="supermarket")
    offer = make_offer(shop, title="周六日九折", schedule="weekdays", weekdays=[5, 6])
    make_partner_user(shop, username="yongxing")
    offer_id = offer.id
    db.session.commit()

    log_in(page, live, "yongxing")
    page.goto(f"{live}/partner/offers/{offer_id}")
    # The first save's answer is held (a phone on a poor signal); a second change is made meanwhile.
    answer = slow_network(rf"/partner/offers/{offer_id}")
    posted = lambda r: r.method == "POST" and f"/partner/offers/{offer_id}" in r.url  # noqa: E731
    with page.expect_request(posted):
        page.get_by_label("服务名称").fill("每天九折")
        page.get_by_label("服务内容").click()
    page.get_by_label("服务名称").fill("每天八折")
    page.get_by_label("服务内容").click()  # queued behind the first save
    second = lambda r: posted(r.request) and "每天八折" in unquote_plus(r.request.post_data or "")  # noqa: E731
    with page.expect_response(second):
        answer.set()  # the first answer arrives; the queued save leaves after it
    expect(page.locator("#offer-saved")).to_be_visible()
    page.reload()
    expect(page.get_by_label("服务名称")).to_have_value("每天八折")


def test_submit_right_after_typing_is_not_lost_to_the_autosave(live, page: Page):
    community = make_community(slug="liujin", name="流津社区")
    shop = make_partner(community, name="永兴超市", kind="supermarket")
    offer = make_offer(shop, title="周六日九折", schedule="weekdays", weekdays=[5, 6])
    make_partner_user(shop, username="yongxing")
    offer_id = offer.id
    db.session.commit()

    log_in(page, live, "yongxing")
    expect(page.get_by_role("link", name="周六日九折")).to_be_visible()
    page.goto(f"{live}/partner/offers/{offer_id}")
    page.get_by_label("服务名称").fill("每天九折")
    # Tapping the button blurs the field: the autosave and the submission leave together.
    page.get_by_role("button", name="提交审核").click()
    expect(page.locator("#offer-state")).to_have_text("待审核")
    page.reload()
    expect(page.locator("#offer-state")).to_have_text("待审核")
    expect(page.get_by_label("服务名称")).to_have_value("每天九折")


def test_typing_during_a_slow_autosave_is_never_lost(live, page: Page, slow_network):
    community = make_community(slug="liujin", name="流津社区")
    shop = make_partner(community, name="理发店", kind="barber")
    offer = make_offer(shop, title="上门理发", benefit="每月28日上门免费理发")
    make_partner_user(shop, username="barber")
    offer_id = offer.id
    db.session.commit()

    log_in(page, live, "barber")
    page.goto(f"{live}/partner/offers/{offer_id}")
    answer = slow_network(rf"/partner/offers/{offer_id}")  # the autosave's answer is held …
    page.get_by_label("服务名称").fill("上门理发（80岁以上）")
    benefit = page.get_by_label("服务内容")
    with page.expect_request(lambda r: r.method == "POST" and f"/partner/offers/{offer_id}" in r.url):
        benefit.click()  # leaving the title sends the autosave …
    benefit.press("End")
    page.keyboard.type("，另送一碗汤")  # … and the partner keeps typing while it travels
    expect(page.locator("main").get_by_text("已保存草稿")).to_have_count(0)  # nothing has come back yet
    answer.set()  # … until now
    expect(page.locator("main").get_by_text("已保存草稿")).to_be_visible()  # the late answer has been swapped in
    expect(benefit).to_have_value("每月28日上门免费理发，另送一碗汤")
    expect(benefit).to_be_focused()
    page.keyboard.type("！")
    expect(benefit).to_have_value("每月28日上门免费理发，另送一碗汤！")
    page.get_by_label("服务名称").click()  # leaving the benefit saves it
    expect(page.locator("main").get_by_text("已保存草稿")).to_be_visible()
    page.wait_for_load_state("networkidle")
    page.reload()
    expect(page.get_by_label("服务内容")).to_have_value("每月28日上门免费理发，另送一碗汤！")
    expect(page.get_by_label("服务名称")).to_have_value("上门理发（80岁以上）")
