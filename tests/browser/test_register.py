"""On a phone: staff search the register, open a household and record a tag with consent."""
from playwright.sync_api import Page, expect

from extensions import db
from tests.browser.conftest import log_in
from tests.factories import (
    make_building,
    make_community,
    make_compound,
    make_household,
    make_person,
    make_user,
)


def test_staff_find_a_household_and_record_a_consented_tag(live, page: Page):
    community = make_community(slug="liujin", name="流津社区")
    compound = make_compound(community, name="明珠公寓")
    building = make_building(compound, name="3号楼")
    household = make_household(compound, building=building, unit="2", floor=4, room="401",
                               address="3号楼2单元401")
    make_household(compound, building=building, unit="1", floor=1, room="101", address="3号楼1单元101")
    make_person(community, name="王秀英", mobile="13912345678", household=household)
    make_user("staff", [community], username="lj-staff", display_name="李书记")
    db.session.commit()

    log_in(page, live, "lj-staff")
    page.goto(f"{live}/staff/liujin/")
    page.get_by_role("link", name="居民台账").first.click()
    page.get_by_label("搜索地址、姓名或手机号").fill("王秀英")
    page.get_by_role("button", name="查找").click()
    expect(page.locator("table")).not_to_contain_text("1单元101")
    page.get_by_role("link", name="明珠公寓 3号楼2单元401").click()
    expect(page.locator("h1")).to_contain_text("3号楼2单元401")
    expect(page.locator("main")).to_contain_text("13912345678")

    page.get_by_label("标签", exact=True).select_option(label="独居")
    page.get_by_label("同意方式", exact=True).select_option(label="当面同意")
    page.get_by_role("button", name="登记标签").click()
    expect(page.locator("#tag-consent_by-error")).to_contain_text("没有居民同意")
    page.get_by_label("同意人", exact=True).fill("户主本人")
    page.get_by_role("button", name="登记标签").click()
    expect(page.locator(".flash")).to_contain_text("已登记标签：独居")
    expect(page.locator("main")).to_contain_text("户主本人")
    expect(page.get_by_role("button", name="撤回同意 独居")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
