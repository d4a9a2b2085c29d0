"""On a phone: open an activity, sign up, see 已报名, open /me, cancel, see the waitlist move."""
import re
from datetime import timedelta

from playwright.sync_api import Page, expect

from blueprints.volunteers import tokens
from extensions import db
from models import OutboxMessage
from tests.factories import make_community, make_compound, make_person
from tests.volunteers.factories import make_activity, make_shift, make_signup


def sms_link(mobile: str) -> str:
    """The /me address in the last SMS queued for this number (the phone would receive it)."""
    db.session.commit()  # a fresh read, then no lock held while the browser acts
    body = db.session.scalars(db.select(OutboxMessage.body).where(
        OutboxMessage.kind == "me_link", OutboxMessage.recipient == mobile)
        .order_by(OutboxMessage.id.desc())).first()
    db.session.commit()
    return "/me/" + body.split("/me/")[1].split()[0]


def test_volunteer_signs_up_and_cancels_on_a_phone(live, page: Page):
    community = make_community(slug="liujin", name="流津社区")
    compound = make_compound(community, name="颐和新园")
    activity = make_activity(community, title="颐和新园红马甲清扫", compound_id=compound.id)
    shift = make_shift(activity, capacity=2, start_in=timedelta(days=3))
    make_signup(shift, make_person(community, name="先报名"))
    waiting = make_person(community, name="候补甲")
    waiting_token = tokens.me_token(waiting)
    activity_id, shift_id = activity.id, shift.id
    db.session.commit()  # end the test's read so the server can write (SQLite lock)

    page.goto(f"{live}/c/liujin/activities")
    page.get_by_role("link", name=re.compile("颐和新园红马甲清扫")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("颐和新园红马甲清扫")
    card = page.locator(f"#volunteers-shift-{shift_id}")
    expect(card).to_contain_text("剩余 1 / 2 个名额")
    card.get_by_label("姓名").fill("王芳")
    card.get_by_label("手机号").fill("13912345678")
    card.get_by_role("button", name="报名").click()
    expect(card.get_by_role("status")).to_have_text("已报名")
    expect(card).to_contain_text("个人报名链接已通过短信发送到 139****5678")
    assert page.url.endswith(f"/c/liujin/activities/{activity_id}")  # swapped in place

    # Now the shift is full: the other person joins the waitlist.
    db.session.commit()
    make_signup(db.session.get(type(shift), shift_id), waiting, status="waitlisted")
    db.session.commit()

    page.goto(live + sms_link("13912345678"))  # the link from the SMS, opened on this phone
    expect(page.get_by_role("heading", level=1)).to_have_text("王芳的志愿服务")
    expect(page.get_by_text("139****5678", exact=False)).to_be_visible()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="取消报名").click()
    expect(page.locator("#volunteers-me-signups")).to_contain_text("已取消报名")

    page.goto(f"{live}/me/{waiting_token}")
    expect(page.locator("#volunteers-me-signups")).to_contain_text("已报名")
    expect(page.locator("#volunteers-me-signups")).to_contain_text("由候补转为正式")


def test_returning_volunteer_signs_up_with_one_tap(live, page: Page):
    community = make_community(slug="liujin", name="流津社区")
    activity = make_activity(community, title="消防安全宣传日", category="campaign")
    first = make_shift(activity, start_in=timedelta(days=2))
    second = make_shift(activity, start_in=timedelta(days=4))
    first_id, second_id, activity_id = first.id, second.id, activity.id
    db.session.commit()

    page.goto(f"{live}/c/liujin/activities/{activity_id}")
    card = page.locator(f"#volunteers-shift-{first_id}")
    card.get_by_label("姓名").fill("李明")
    card.get_by_label("手机号").fill("13800001111")
    card.get_by_role("button", name="报名").click()
    expect(card.get_by_role("status")).to_have_text("已报名")
    page.goto(live + sms_link("13800001111"))  # opening the SMS link makes this phone remember
    page.goto(f"{live}/c/liujin/activities/{activity_id}")
    other = page.locator(f"#volunteers-shift-{second_id}")
    expect(other).to_contain_text("报名人：李明（138****1111）")
    expect(other.get_by_label("手机号")).to_have_count(0)
    other.get_by_role("button", name="报名").click()
    expect(other.get_by_role("status")).to_have_text("已报名")


def test_a_typed_number_shows_status_but_no_personal_link(live, page: Page):
    community = make_community(slug="liujin", name="流津社区")
    activity = make_activity(community, title="消防安全宣传日", category="campaign")
    shift = make_shift(activity, start_in=timedelta(days=2))
    make_person(community, name="王芳", mobile="13912345678")
    shift_id, activity_id = shift.id, activity.id
    db.session.commit()

    page.goto(f"{live}/c/liujin/activities/{activity_id}")
    card = page.locator(f"#volunteers-shift-{shift_id}")
    card.get_by_label("姓名").fill("冒名者")
    card.get_by_label("手机号").fill("13912345678")
    card.get_by_role("button", name="报名").click()
    expect(card.get_by_role("status")).to_have_text("已报名")
    expect(card).to_contain_text("个人报名链接已通过短信发送到 139****5678")
    expect(card.get_by_role("link", name=re.compile("我的报名"))).to_have_count(0)
    page.reload()
    expect(page.get_by_text("不是我")).to_have_count(0)
