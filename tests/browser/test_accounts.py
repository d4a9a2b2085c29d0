"""On a phone: log in, switch language, switch to elder mode and measure it."""
import re

from playwright.sync_api import Page, expect

from tests.factories import PASSWORD, make_community, make_compound, make_user


def test_staff_logs_in_on_a_phone(live, page: Page):
    community = make_community(slug="liujin", name="流津社区")
    make_compound(community, name="明珠公寓")
    make_user("staff", [community], username="xu", display_name="徐工作人员")
    page.goto(f"{live}/login")
    page.get_by_label("手机号或用户名").fill("xu")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(re.compile(r"/staff/liujin/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("流津社区工作台")
    expect(page.get_by_role("cell", name="明珠公寓")).to_be_visible()


MEASURE = """(selector) => Array.from(document.querySelectorAll(selector))
  .filter(el => el.offsetParent !== null)
  .map(el => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
    return {text: el.textContent.trim().slice(0, 20), w: r.width, h: r.height,
            size: parseFloat(s.fontSize), line: parseFloat(s.lineHeight) / parseFloat(s.fontSize)}; })"""

TAP_TARGETS = "main a.button, main a.tile, main button, .site-nav a, .prefs button, main input, main select"


def home_with_compound(live):
    community = make_community(slug="liujin", name="流津社区", hall_phone="0317-5550101")
    make_compound(community, name="明珠公寓")
    return f"{live}/c/liujin/"


CONTRAST = """() => {
  const rgb = c => c.match(/[\\d.]+/g).map(Number);
  const lum = c => { const [r, g, b] = rgb(c).slice(0, 3).map(v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const background = el => { for (; el; el = el.parentElement) {
      const c = getComputedStyle(el).backgroundColor; const a = rgb(c)[3];
      if (a === undefined || a > 0) return c; } return "rgb(255, 255, 255)"; };
  return Array.from(document.querySelectorAll("h1, h2, p, a, button, label, td, th, li"))
    .filter(el => el.offsetParent !== null && el.textContent.trim())
    .map(el => { const a = lum(getComputedStyle(el).color), b = lum(background(el));
      return {text: el.textContent.trim().slice(0, 20),
              ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)}; });
}"""


def test_text_contrast_is_at_least_4_5(live, page: Page):
    page.goto(home_with_compound(live))
    checked = page.evaluate(CONTRAST)
    assert len(checked) > 5
    for item in checked:
        assert item["ratio"] >= 4.5, item


def test_standard_layout_meets_the_phone_minimums(live, page: Page):
    page.goto(home_with_compound(live), wait_until="load")
    for item in page.evaluate(MEASURE, "main p, main li"):
        assert item["size"] >= 16 and item["line"] >= 1.3, item
    for item in page.evaluate(MEASURE, TAP_TARGETS):
        assert item["w"] >= 44 and item["h"] >= 44, item
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing forces sideways scrolling on a phone


def test_elder_mode_is_larger_and_remembered(live, page: Page):
    url = home_with_compound(live)
    page.goto(url)
    page.get_by_role("button", name="长辈版").click()
    expect(page.locator("html")).to_have_class("elder")
    page.wait_for_load_state("load")  # the stylesheet too, before measuring
    for item in page.evaluate(MEASURE, "main p, main li"):
        assert item["size"] >= 18, item
    targets = page.evaluate(MEASURE, TAP_TARGETS)
    assert targets
    for item in targets:
        assert item["w"] >= 60 and item["h"] >= 60, item
    page.goto(url)  # a new visit in the same browser keeps it
    expect(page.locator("html")).to_have_class("elder")
    page.get_by_role("button", name="标准版").click()
    expect(page.locator("html")).not_to_have_class("elder")


def test_language_switch_is_remembered(live, page: Page):
    url = home_with_compound(live)
    page.goto(url)
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("流津社区 Doorstep Services")
    page.goto(f"{live}/login")
    expect(page.get_by_role("button", name="Log in")).to_be_visible()
    page.get_by_role("button", name="中文").click()
    expect(page.get_by_role("button", name="登录")).to_be_visible()


def test_login_works_from_the_keyboard(live, page: Page):
    community = make_community(slug="liujin", name="流津社区")
    make_user("staff", [community], username="xu")
    page.goto(f"{live}/login")
    expect(page.get_by_label("手机号或用户名")).to_be_focused()
    page.keyboard.type("xu")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/staff/liujin/$"))


def test_wrong_password_message_sits_next_to_the_field(live, page: Page):
    community = make_community(slug="liujin", name="流津社区")
    make_user("staff", [community], username="xu")
    page.goto(f"{live}/login")
    page.get_by_label("手机号或用户名").fill("xu")
    page.get_by_label("密码").fill("wrong-password")
    page.get_by_role("button", name="登录").click()
    expect(page.locator("#password-error")).to_have_text("账号或密码不正确")
    expect(page.get_by_label("手机号或用户名")).to_have_value("xu")
