"""The main flows with the keyboard alone: Tab, Shift+Tab, arrows, Enter and Space, no clicks.

Every element the keyboard lands on shows a focus ring; after a swap the focus stays
where the person was, not back at the top of the page.
"""
import re
from datetime import timedelta

import pytest
from playwright.sync_api import Browser, Page, expect

from extensions import db
from tests.factories import PASSWORD, make_community, make_compound, make_person, make_user
from tests.issues.factories import make_issue
from tests.offers.factories import make_offer, make_partner, make_partner_user
from tests.volunteers.factories import make_activity, make_shift, make_signup

pytestmark = pytest.mark.a11y

FOCUS = """sel => {
  const el = document.activeElement;
  if (!el || !el.matches(sel)) return null;
  const style = getComputedStyle(el);
  return {ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2
                || style.boxShadow !== "none"};
}"""


@pytest.fixture
def keyboard_page(browser: Browser, live):
    """A desktop browser driven by keyboard: no touch, no mouse used."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    yield context.new_page()
    context.close()


def tab_to(page: Page, selector: str, limit: int = 80, back: bool = False) -> None:
    """Press Tab (Shift+Tab with back=True) until the focus is on `selector`; it shows a ring."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        found = page.evaluate(FOCUS, selector)
        if found:
            assert found["ring"], f"{selector} has the focus but no visible focus ring"
            return
    raise AssertionError(f"Tab never reached {selector}")


def log_in_by_keyboard(page: Page, live: str, username: str) -> None:
    page.goto(f"{live}/login")
    tab_to(page, "input[name=identifier]")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/(staff|partner)/"))


def test_skip_link_is_the_first_stop_and_jumps_to_the_content(live, keyboard_page: Page):
    page = keyboard_page
    make_community(slug="liujin", name="流津社区")
    db.session.commit()
    page.goto(f"{live}/c/liujin/")
    tab_to(page, ".skip-link", limit=1)
    expect(page.locator(".skip-link")).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_sign_up_for_a_shift_by_keyboard(live, keyboard_page: Page):
    page = keyboard_page
    community = make_community(slug="liujin", name="流津社区")
    activity = make_activity(community, title="颐和新园红马甲清扫")
    shift = make_shift(activity, capacity=2, start_in=timedelta(days=3))
    make_signup(shift, make_person(community, name="先报名"))
    shift_id = shift.id
    db.session.commit()

    page.goto(f"{live}/c/liujin/activities")
    tab_to(page, "main a[href*='/activities/']")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/activities/\d+$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("颐和新园红马甲清扫")
    card = page.locator(f"#volunteers-shift-{shift_id}")
    tab_to(page, f"#volunteers-shift-{shift_id} button[type=submit]")
    page.keyboard.press("Enter")  # sent empty: the errors come back, tied to their fields
    expect(card.locator("input[name$=name]")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#live-announcer")).to_contain_text("姓名")
    tab_to(page, f"#volunteers-shift-{shift_id} input[name$=name]", back=True)
    page.keyboard.type("王芳")
    page.keyboard.press("Tab")
    page.keyboard.type("13912345678")
    page.keyboard.press("Enter")
    expect(card.get_by_role("status")).to_have_text("已报名")
    expect(page.locator("#live-announcer")).to_contain_text("已报名")
    expect(card).to_be_focused()  # the keyboard goes on from the card, not from the top


def test_report_an_issue_with_the_opinion_box_form_by_keyboard(live, keyboard_page: Page):
    page = keyboard_page
    community = make_community(slug="xingyuan", name="兴元社区")
    make_compound(community, name="外贸小区")
    db.session.commit()

    page.goto(f"{live}/c/xingyuan/issues/new")
    tab_to(page, "select[name=compound]")
    page.keyboard.press("ArrowDown")  # the first compound
    expect(page.locator("select[name=compound] option:checked")).to_have_text("外贸小区")
    tab_to(page, "select[name=category]")
    page.keyboard.press("ArrowDown")
    tab_to(page, "textarea[name=what]")
    page.keyboard.type("一根电线垂到地面上了")
    tab_to(page, "input[name=where]")
    page.keyboard.type("3号楼后面")
    tab_to(page, "input[name=anonymous]")
    page.keyboard.press("Space")
    expect(page.locator("input[name=anonymous]")).to_be_checked()
    tab_to(page, "#issues-report-form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/c/xingyuan/issues/\d+/follow/"))
    expect(page.get_by_text("已收到您反映的问题")).to_be_visible()


def test_partner_edits_an_offer_by_keyboard(live, keyboard_page: Page):
    page = keyboard_page
    community = make_community(slug="liujin", name="流津社区")
    shop = make_partner(community, name="永兴超市", kind="supermarket")
    offer = make_offer(shop, title="周六日九折", schedule="weekdays", weekdays=[5, 6])
    make_partner_user(shop, username="yongxing")
    offer_id = offer.id
    db.session.commit()

    log_in_by_keyboard(page, live, "yongxing")
    tab_to(page, f"a[href='/partner/offers/{offer_id}']")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/partner/offers/{offer_id}$"))
    tab_to(page, "input[name=title]")
    page.keyboard.press("Control+A")
    page.keyboard.type("每天九折")
    page.keyboard.press("Tab")  # leaving the field saves the draft
    expect(page.locator("#offer-saved")).to_be_visible()
    expect(page.locator("#live-announcer")).to_have_text("已保存草稿")
    expect(page.locator("textarea[name=benefit]")).to_be_focused()  # the swap kept the focus
    tab_to(page, "button[name=submit], .offer-form .button--primary")
    page.keyboard.press("Space")
    expect(page.locator("#offer-state")).to_have_text("待审核")


def test_staff_type_box_slips_by_keyboard(live, keyboard_page: Page):
    page = keyboard_page
    community = make_community(slug="xingyuan", name="兴元社区")
    make_compound(community, name="水产宿舍", position=0)
    make_compound(community, name="外贸小区", position=1)
    make_user("staff", [community], username="xy-staff")
    db.session.commit()

    log_in_by_keyboard(page, live, "xy-staff")
    page.goto(f"{live}/staff/xingyuan/issues/box")
    tab_to(page, "#issues-slip-form select[name$=compound]")
    page.keyboard.press("ArrowDown")
    tab_to(page, "#issues-slip-form input[name=what]")
    for slip in ("楼道灯坏了", "垃圾桶满了"):
        page.keyboard.type(slip)
        page.keyboard.press("Enter")
        expect(page.locator("#issues-slip-form .flash--success")).to_contain_text(slip)
        expect(page.locator("#live-announcer")).to_contain_text(slip)
        expect(page.locator("#issues-slip-form input[name=what]")).to_be_focused()
    expect(page.locator("#issues-slip-form select[name$=compound] option:checked")).to_have_text("外贸小区")


def test_the_issue_board_works_without_dragging(live, keyboard_page: Page):
    page = keyboard_page
    community = make_community(slug="xingyuan", name="兴元社区")
    compound = make_compound(community, name="水产宿舍")
    make_user("staff", [community], username="xy-staff")
    issue_id = make_issue(community, compound, what="键盘受理的诉求").id
    db.session.commit()

    log_in_by_keyboard(page, live, "xy-staff")
    page.goto(f"{live}/staff/xingyuan/issues")
    tab_to(page, f'.board__column[data-status="new"] #issue-card-{issue_id} button')
    expect(page.locator(":focus")).to_have_accessible_name(re.compile(rf"^受理 #{issue_id}$"))
    page.keyboard.press("Enter")
    accepted = page.locator('.board__column[data-status="accepted"]')
    expect(accepted.locator(f"#issue-card-{issue_id}")).to_be_visible()
    expect(accepted.locator(f"#issue-card-{issue_id}")).to_be_focused()  # focus moved with the card
    moves = f"#issue-card-{issue_id} .board-card__moves :is(a, button)"
    tab_to(page, moves, limit=3)  # its next move is among the next stops
