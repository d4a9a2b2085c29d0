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


def test_resident_signs_up_for_a_whole_course_and_finds_it_on_me(live, page: Page, app):
    from blueprints.volunteers import tokens
    from models import Person
    from tests.classes.factories import make_course, make_teacher

    with app.test_request_context():
        community = make_community(slug="liujin", name="流津社区")
        course = make_course(community, title="钩针编织入门", weeks=3, capacity=10,
                             teacher=make_teacher(community), materials="钩针一根")
    course_id = course.id
    db.session.commit()

    page.goto(f"{live}/c/liujin/classes")
    page.get_by_role("link", name="钩针编织入门").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("钩针编织入门")
    expect(page.locator("#course-teacher")).to_contain_text("叶胜新")
    enrol = page.locator("#course-enrol")
    enrol.get_by_label("姓名").fill("王芳")
    enrol.get_by_label("手机号").fill("13912345678")
    enrol.get_by_role("button", name="报名全部课次").click()
    expect(page.get_by_text("已报名 3 次课，候补 0 次。")).to_be_visible()
    expect(page.get_by_text("139****5678")).to_be_visible()
    assert page.url.endswith(f"/c/liujin/classes/{course_id}")
    assert "13912345678" not in page.content()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width}px wide on a {PHONE['width']}px phone"
    # The link the SMS carries: her /me page lists the three sessions, each cancellable.
    db.session.expire_all()
    person = db.session.scalar(db.select(Person).where(Person.mobile == "13912345678"))
    with app.test_request_context():
        me = f"{live}/me/{tokens.me_token(person)}"
    db.session.commit()
    page.goto(me)
    expect(page.locator(".me-signup", has_text="钩针编织入门")).to_have_count(3)
    expect(page.get_by_role("button", name="取消报名")).to_have_count(3)
    # Back on the course, she is remembered: every card says 已报名.
    page.goto(f"{live}/c/liujin/classes/{course_id}")
    expect(page.locator(".shift-card .status--ok")).to_have_count(3)
