"""On Monday, on a phone or at the office: the secretary's start page shows the box's new issue
and leads to it; a grid worker's phone starts with their own queue."""
import pytest
from playwright.sync_api import Browser, Page, expect

from blueprints.core.audit import record_event
from extensions import db
from tests.browser.conftest import log_in
from tests.browser.test_accessibility import MODES, VIEWPORTS, Audit, _context, axe_present  # noqa: F401
from tests.factories import make_community, make_compound, make_grid, make_user
from tests.issues.factories import make_issue
from tests.staff.test_todo import aged


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_secretary_sees_the_new_box_issue_and_follows_its_line(live, page: Page, size):
    page.set_viewport_size(VIEWPORTS[size])
    community = make_community(slug="liujin", name="流津社区")
    compound = make_compound(community, name="明珠公寓")
    make_issue(community, compound, channel="box", what="楼道灯坏了三天")
    make_user("staff", [community], username="lj-secretary", display_name="许书记")
    db.session.commit()

    log_in(page, live, "lj-secretary")
    page.goto(f"{live}/staff/liujin/")
    todo = page.locator("#staff-todo")
    expect(todo.get_by_role("heading", name="需要处理的事")).to_be_visible()
    box_line = todo.get_by_role("link", name="1 条来自“民意收集箱”")
    expect(box_line).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[size]["width"]
    box_line.click()
    expect(page).to_have_url(f"{live}/staff/liujin/issues/list?channel=box")
    expect(page.locator("main")).to_contain_text("楼道灯坏了三天")
    # Back on the start page in the same sitting, it is still listed as new.
    page.go_back()
    expect(page.locator("#staff-todo").get_by_role("link", name="1 条来自“民意收集箱”")).to_be_visible()



def test_a_grid_worker_on_a_phone_starts_with_their_queue(live, page: Page):
    community = make_community(slug="liujin", name="流津社区")
    mine, other = make_compound(community, name="明珠公寓"), make_compound(community, name="颐和新园")
    worker = make_user("grid_worker", [community], username="lj-grid", display_name="网格员小王")
    make_grid(community, compounds=[mine], workers=[worker])
    aged(make_issue(community, mine, what="楼道堆放杂物"), status="assigned", assignee_id=worker.id)
    make_issue(community, other, channel="box", what="别的网格的事")
    db.session.commit()

    log_in(page, live, "lj-grid")
    page.goto(f"{live}/staff/liujin/")
    lines = page.locator("#staff-todo .todo__line")
    expect(lines.first).to_contain_text("1 条派给我、尚未办完的诉求")
    expect(page.locator("#staff-todo").get_by_role("link", name="0 条来自“民意收集箱”")).to_be_visible()
    expect(page.locator("#staff-todo")).not_to_contain_text("服务修改")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    lines.first.get_by_role("link").click()
    expect(page.locator("main")).to_contain_text("楼道堆放杂物")
    expect(page.locator("main")).not_to_contain_text("别的网格的事")

@pytest.mark.a11y
@pytest.mark.parametrize("mode", ["standard", "english"])
def test_start_page_and_change_log_have_no_serious_violation(live, browser: Browser, mode,
                                                              axe_present):
    """axe on the start page (every kind of line) and the change log with a field error."""
    community = make_community(slug="liujin", name="流津社区")
    compound = make_compound(community, name="明珠公寓")
    make_issue(community, compound, channel="box")
    staff = make_user("staff", [community], username="lj-secretary", display_name="许书记")
    record_event(staff, "issue.payment", None, community, amount_fen=4167)
    db.session.commit()
    context = _context(browser, live, "standard")
    page = context.new_page()
    log_in(page, live, "lj-secretary")  # its labels are Chinese; then the mode's language
    context.add_cookies([{"name": k, "value": v, "url": live} for k, v in MODES[mode].items()])
    audit = Audit()
    for viewport in VIEWPORTS.values():
        page.set_viewport_size(viewport)
        for path in ("/staff/liujin/", "/staff/liujin/audit?start=2026-12-03&end=2026-12-01"):
            page.goto(f"{live}{path}")
            audit.check(page, f"{path} at {viewport['width']} px ({mode})")
    context.close()
    assert not audit.found, audit.report()
