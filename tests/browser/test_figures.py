"""On a phone: the figures page shows a chart with its table, and the picker changes the month."""
import pytest
from playwright.sync_api import Page, expect

from demo.foundation import DEMO_PASSWORD
from extensions import db
from tests.browser.conftest import log_in
from tests.browser.test_accessibility import VIEWPORTS, Audit, _context, _log_in, axe_present  # noqa: F401
from tests.factories import make_user
from tests.figures.conftest import build_world


def test_figures_on_a_phone_chart_table_and_picker(live, page: Page, tmp_path):
    community = build_world()
    make_user("staff", [community], username="xy-staff", display_name="兴元工作人员")
    db.session.commit()
    log_in(page, live, "xy-staff")
    page.goto(f"{live}/staff/xy/figures?start=2026-11&end=2026-11")
    compounds = page.locator("#figure-by-compound")
    expect(compounds.locator(".chart svg")).to_be_visible()
    expect(compounds.locator("svg text", has_text="颐和新园").first).to_be_visible()
    expect(compounds.get_by_role("table")).to_contain_text("颐和新园")
    box = compounds.locator(".chart svg").bounding_box()
    assert box and 300 < box["width"] <= 390  # fits the phone, no sideways scrolling
    page.screenshot(path=str(tmp_path / "figures.png"), full_page=True)

    page.get_by_label("开始月份").fill("2026-10")
    page.get_by_label("结束月份").fill("2026-10")
    page.get_by_role("button", name="查看").click()
    expect(page).to_have_url(f"{live}/staff/xy/figures?start=2026-10&end=2026-10")
    expect(compounds.get_by_role("table")).to_contain_text("水产宿舍")
    expect(compounds.get_by_role("table")).not_to_contain_text("颐和新园")


@pytest.mark.a11y
def test_figures_and_district_pass_axe(demo, browser, axe_present):
    """The demo's figures page (phone and desktop, Chinese and English, with an error) and
    the district view of its administrator: no serious or critical violation."""
    audit = Audit()
    for mode in ("standard", "english"):
        context = _context(browser, demo, mode)
        page = context.new_page()
        _log_in(page, demo, "admin", DEMO_PASSWORD)
        for path in ("/staff/xingyuan/figures", "/staff/xingyuan/figures?start=2026-13",
                     "/staff/district?sort=open&dir=desc"):
            page.goto(demo + path)
            for size, viewport in VIEWPORTS.items():
                page.set_viewport_size(viewport)
                audit.check(page, f"{path} ({mode}, {size})")
        context.close()
    assert not audit.found, audit.report()
