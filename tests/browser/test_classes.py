"""On a phone: a resident supports a course request and the card turns to 已支持 with the count."""
import re

from playwright.sync_api import Page, expect

from extensions import db
from tests.classes.factories import make_request
from tests.factories import make_community
from tests.browser.conftest import PHONE


def test_resident_supports_a_request_on_a_phone(live, page: Page):
    community = make_community(slug="liujin", name="流津社区")
    item = make_request(community, "钩针编织", supporters=4, details="从最简单的针法学起")
    make_request(community, "面塑", supporters=1)
    item_id = item.id
    db.session.commit()  # end the test's read so the server can write (SQLite lock)

    page.goto(f"{live}/c/liujin/")
    page.get_by_role("link", name="能人课堂", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("能人课堂")
    card = page.locator(f"#classes-request-{item_id}")
    expect(card).to_contain_text("4 人想学")
    expect(card.get_by_label("手机号")).to_be_hidden()  # folded until tapped
    card.get_by_text("我也想学").click()
    card.get_by_label("姓名").fill("王芳")
    card.get_by_label("手机号").fill("13912345678")
    card.get_by_role("button", name="确认支持").click()
    expect(card.get_by_role("status")).to_contain_text("已支持")
    expect(card).to_contain_text("5 人想学")
    assert page.url.endswith("/c/liujin/classes")  # swapped in place, no page load
    assert "13912345678" not in page.content()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width}px wide on a {PHONE['width']}px phone"
    # The same number again, after a reload: counted once, and the card says so.
    page.reload()
    card = page.locator(f"#classes-request-{item_id}")
    card.get_by_text("我也想学").click()
    card.get_by_label("姓名").fill("王芳")
    card.get_by_label("手机号").fill("139 1234 5678")
    card.get_by_role("button", name="确认支持").click()
    expect(card.get_by_role("status")).to_contain_text(re.compile("只计一次"))
    expect(card).to_contain_text("5 人想学")
