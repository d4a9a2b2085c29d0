"""On a phone: a resident answers a recruitment call (招募令); staff accept them as a teacher."""
from playwright.sync_api import Page, expect

from extensions import db
from tests.browser.conftest import PHONE, log_in
from tests.classes.factories import make_call, make_request
from tests.factories import make_community, make_compound, make_user


def test_resident_applies_to_a_call_and_staff_accept_on_a_phone(live, page: Page):
    community = make_community(slug="liujin", name="流津社区")
    make_compound(community, name="颐和新园")
    item = make_request(community, "钩针编织", supporters=14)
    call = make_call(community, "钩针编织老师", course_request=item)
    make_user("staff", [community], username="lj-staff", display_name="李书记")
    call_id = call.id
    db.session.commit()  # end the test's read so the server can write (SQLite lock)

    page.goto(f"{live}/c/liujin/classes")
    page.locator("#classes-calls").get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("钩针编织老师")
    form = page.locator("#classes-apply")
    form.get_by_label("姓名").fill("叶胜新")
    form.get_by_label("手机号").fill("1391234")
    form.get_by_role("button", name="提交报名").click()
    expect(page.locator("#apply-mobile-error")).to_contain_text("请输入11位手机号")
    expect(page.locator("#apply-skill-error")).to_contain_text("请填写擅长的技能")
    expect(form.get_by_label("姓名")).to_have_value("叶胜新")  # what was typed is kept
    form.get_by_label("手机号").fill("13687654321")
    form.get_by_label("我擅长").fill("钩织三十年，从最简单的针法教起")
    form.get_by_label("什么时候有空（选填）").fill("周二上午")
    form.get_by_role("button", name="提交报名").click()
    expect(page.locator("#classes-apply").get_by_role("status")).to_contain_text("报名已收到")
    assert page.url.endswith(f"/c/liujin/classes/calls/{call_id}")  # swapped in place
    assert "13687654321" not in page.content()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width}px wide on a {PHONE['width']}px phone"

    log_in(page, live, "lj-staff")
    page.goto(f"{live}/staff/liujin/classes/calls/{call_id}")
    expect(page.locator("table")).to_contain_text("13687654321")
    page.get_by_role("link", name="叶胜新").click()
    page.get_by_label("公开显示的姓名").fill("叶老师")
    page.get_by_label("所在小区（选填）").select_option(label="颐和新园")
    page.get_by_role("button", name="接受", exact=True).click()
    expect(page.locator(".flash")).to_contain_text("叶老师 现在是社区的能人老师")

    page.goto(f"{live}/c/liujin/classes/calls/{call_id}")
    teachers = page.locator("#classes-call-teachers")
    expect(teachers).to_contain_text("叶老师")
    expect(teachers).to_contain_text("颐和新园")
    assert "13687654321" not in page.content()
