"""On a phone on Monday: the secretary's start page shows the box's new issue and leads to it."""
from playwright.sync_api import Page, expect

from extensions import db
from tests.browser.conftest import log_in
from tests.factories import make_community, make_compound, make_user
from tests.issues.factories import make_issue


def test_secretary_sees_the_new_box_issue_and_follows_its_line(live, page: Page):
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
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    box_line.click()
    expect(page).to_have_url(f"{live}/staff/liujin/issues/list?channel=box")
    expect(page.locator("main")).to_contain_text("楼道灯坏了三天")
    # Back on the start page in the same sitting, it is still listed as new.
    page.go_back()
    expect(page.locator("#staff-todo").get_by_role("link", name="1 条来自“民意收集箱”")).to_be_visible()
