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
