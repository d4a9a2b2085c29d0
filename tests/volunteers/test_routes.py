"""Public pages, sign-up over HTTP, /me, staff rosters and check-in, denials and masking."""
import re
from datetime import timedelta

import pytest

from blueprints.volunteers import tokens
from extensions import db
from models import OutboxMessage, Person, Signup
from models.base import utcnow
from tests.conftest import HX
from tests.factories import login, make_community, make_compound, make_person, make_user
from tests.volunteers.factories import make_activity, make_shift, make_signup, make_team


@pytest.fixture
def community(app):
    return make_community(slug="liujin", name="流津社区")


@pytest.fixture
def shift(community):
    compound = make_compound(community, name="颐和新园")
    return make_shift(make_activity(community, compound_id=compound.id), capacity=2)


def signup_url(shift):
    return f"/c/liujin/activities/{shift.activity_id}/shifts/{shift.id}/signup"


def details(shift, name="王芳", mobile="13912345678", **extra):
    prefix = f"s{shift.id}-"
    data = {prefix + "name": name, prefix + "mobile": mobile, prefix + "team": "0"}
    data.update({prefix + k: v for k, v in extra.items()})
    return data


def test_public_list_shows_places_left_and_filters(client, community, shift):
    make_activity(community, title="合唱排练", category="stage")
    page = client.get("/c/liujin/activities").get_data(as_text=True)
    assert "颐和新园红马甲清扫" in page and "剩 2 个名额" in page
    assert "合唱排练" not in page  # no shift, so nothing upcoming
    filtered = client.get("/c/liujin/activities?category=stage", headers=HX)
    text = filtered.get_data(as_text=True)
    assert text.lstrip().startswith('<div id="volunteers-list">')
    assert "颐和新园红马甲清扫" not in text


def test_date_filter(client, community, shift):
    day = shift.starts_at.astimezone(tokens_tz()).date()
    assert "红马甲" in client.get(f"/c/liujin/activities?day={day}").get_data(as_text=True)
    other = day + timedelta(days=3)
    assert "红马甲" not in client.get(f"/c/liujin/activities?day={other}").get_data(as_text=True)


def tokens_tz():
    from zoneinfo import ZoneInfo
    return ZoneInfo("Asia/Shanghai")


def test_detail_page_has_form_and_purpose_line(client, shift):
    page = client.get(f"/c/liujin/activities/{shift.activity_id}").get_data(as_text=True)
    assert f'id="volunteers-shift-{shift.id}"' in page
    assert "手机号只用于活动通知和签到" in page
    assert f'hx-post="{signup_url(shift)}"' in page and f'action="{signup_url(shift)}"' in page


def _link_sent_to(mobile: str) -> str:
    """The /me address the SMS to this number carries."""
    message = db.session.scalars(db.select(OutboxMessage).where(
        OutboxMessage.kind == "me_link", OutboxMessage.recipient == mobile)
        .order_by(OutboxMessage.id.desc())).first()
    return "/me/" + message.body.split("/me/")[1].split()[0]


def test_htmx_signup_swaps_card_and_the_sms_link_makes_the_browser_remember(client, shift):
    response = client.post(signup_url(shift), data=details(shift), headers=HX)
    assert response.status_code == 200
    assert "HX-Trigger" not in response.headers  # signup-created: nothing listens for it
    body = response.get_data(as_text=True)
    assert body.lstrip().startswith(f'<article class="card shift-card" id="volunteers-shift-{shift.id}"')
    assert "已报名" in body and "/me/" not in body and "个人报名链接已通过短信发送到 139****5678" in body
    assert "volunteer_liujin=" not in response.headers.get("Set-Cookie", "")
    # Opening the SMS link on this phone makes the browser remember the volunteer.
    opened = client.get(_link_sent_to("13912345678"))
    cookie = opened.headers["Set-Cookie"]
    assert "volunteer_liujin=" in cookie and "HttpOnly" in cookie and "13912345678" not in cookie
    # The same browser comes back: no fields to type, the number is shown masked.
    later = make_shift(shift.activity, start_in=timedelta(days=5))
    page = client.get(f"/c/liujin/activities/{shift.activity_id}").get_data(as_text=True)
    assert "139****5678" in page and "13912345678" not in page and "不是我" in page
    assert f'name="s{later.id}-name"' not in page and "报名人：王芳" in page
    again = client.post(signup_url(later), data={f"s{later.id}-use_saved": "1",
                                                  f"s{later.id}-team": "0"}, headers=HX)
    assert again.status_code == 200 and "已报名" in again.get_data(as_text=True)
    assert "/me/" in again.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Person.id))) == 1


def test_a_known_and_an_unknown_number_get_the_same_answer(client, community, shift):
    """Nobody can find out from the form which numbers belong to residents (issue 9, item 4)."""
    make_person(community, name="王芳", mobile="13912345678")
    other = make_shift(make_activity(community, title="另一场"))
    other.starts_at, other.ends_at, other.capacity = shift.starts_at, shift.ends_at, shift.capacity
    db.session.commit()
    answers = []
    for target, mobile in ((shift, "13912345678"), (other, "13800001111")):
        response = client.post(signup_url(target), data=details(target, name="试试", mobile=mobile), headers=HX)
        body = re.sub(r"\d", "N", response.get_data(as_text=True))  # ids, times, the masked number
        answers.append((response.status_code, body, "Set-Cookie" in response.headers))
    assert answers[0] == answers[1]
    assert sorted(m.recipient for m in _outbox_links()) == ["13800001111", "13912345678"]


def _outbox_links():
    return db.session.scalars(db.select(OutboxMessage).where(OutboxMessage.kind == "me_link")).all()


def test_someone_elses_number_gets_no_me_link_and_renames_nobody(client, community, shift):
    owner = make_person(community, name="王芳", mobile="13912345678")
    choir = make_shift(make_activity(community, title="合唱排练"), start_in=timedelta(days=6))
    make_signup(choir, owner)
    owner_token = tokens.me_token(owner)
    response = client.post(signup_url(shift), data=details(shift, name="冒名者"), headers=HX)
    assert response.status_code == 200 and "HX-Trigger" not in response.headers  # signup-created: nothing listens for it
    body = response.get_data(as_text=True)
    assert "已报名" in body and "/me/" not in body and "合唱排练" not in body
    assert "个人报名链接已通过短信发送到 139****5678" in body and "13912345678" not in body
    assert "volunteer_liujin" not in response.headers.get("Set-Cookie", "")
    db.session.refresh(owner)
    assert owner.name == "王芳"
    [message] = _outbox_links()
    assert message.recipient == "13912345678" and f"/me/{owner_token}" in message.body
    assert "王芳您好" in message.body
    # Plain form post: back to the activity, not to the owner's page; nothing remembered.
    later = make_shift(shift.activity, start_in=timedelta(days=9))
    plain = client.post(signup_url(later), data=details(later, name="冒名者"))
    assert plain.status_code == 303
    assert plain.headers["Location"] == f"/c/liujin/activities/{shift.activity_id}"
    assert "volunteer_liujin" not in plain.headers.get("Set-Cookie", "")
    page = client.get(plain.headers["Location"]).get_data(as_text=True)
    assert "短信发送到 139****5678" in page and "/me/" not in page and "不是我" not in page


def test_revoked_link_stays_revoked_after_signing_up_again(client, community, shift):
    owner = make_person(community, name="王芳", mobile="13912345678")
    old_token = tokens.me_token(owner)
    staff = make_user("staff", [community])
    from blueprints.volunteers import activities
    activities.revoke_link(owner, staff)
    response = client.post(signup_url(shift), data=details(shift))
    assert response.status_code == 303 and "/me/" not in response.headers["Location"]
    assert client.get(f"/me/{old_token}").status_code == 404
    [message] = _outbox_links()
    assert old_token not in message.body and f"/me/{tokens.me_token(owner)}" in message.body


def test_remembered_browser_typing_its_own_number_keeps_the_link(client, community, shift):
    owner = make_person(community, name="王芳", mobile="13912345678")
    client.set_cookie("volunteer_liujin", tokens.remember_token(owner))
    response = client.post(signup_url(shift), data=details(shift, name="王芳"), headers=HX)
    assert f"/me/{tokens.me_token(owner)}" in response.get_data(as_text=True)
    assert _outbox_links() == []


def test_join_team_with_someone_elses_number_renames_and_remembers_nobody(client, community):
    owner = make_person(community, name="王芳", mobile="13912345678")
    team = make_team(community)
    response = client.post(f"/c/liujin/teams/{team.id}/join",
                           data={"name": "冒名者", "mobile": "13912345678"})
    assert response.status_code == 303
    assert "volunteer_liujin" not in response.headers.get("Set-Cookie", "")
    db.session.refresh(owner)
    assert owner.name == "王芳" and team.members[0].person_id == owner.id


def test_signup_form_offers_only_the_volunteers_own_teams(client, community, shift):
    from blueprints.volunteers import activities
    mine, other = make_team(community, name="合唱队"), make_team(community, name="敲门队")
    person = make_person(community)
    member = activities.request_membership(mine, person)
    activities.decide_membership(member, True, make_user("staff", [community]))
    anonymous = client.get(f"/c/liujin/activities/{shift.activity_id}").get_data(as_text=True)
    assert "合唱队" not in anonymous and "敲门队" not in anonymous
    client.set_cookie("volunteer_liujin", tokens.remember_token(person))
    page = client.get(f"/c/liujin/activities/{shift.activity_id}").get_data(as_text=True)
    assert "合唱队" in page and "敲门队" not in page and "不选" in page
    prefix = f"s{shift.id}-"
    refused = client.post(signup_url(shift), data={prefix + "use_saved": "1",
                                                   prefix + "team": str(other.id)}, headers=HX)
    assert refused.status_code == 422
    assert db.session.scalar(db.select(db.func.count(Signup.id))) == 0
    done = client.post(signup_url(shift), data={prefix + "use_saved": "1",
                                                prefix + "team": str(mine.id)}, headers=HX)
    assert done.status_code == 200
    assert db.session.scalar(db.select(Signup.team_id)) == mine.id


def test_full_shift_puts_next_on_waitlist_with_position(client, community, shift):
    make_signup(shift, make_person(community))
    make_signup(shift, make_person(community))
    body = client.post(signup_url(shift), data=details(shift), headers=HX).get_data(as_text=True)
    assert "候补第 1 位" in body


def test_plain_post_goes_back_to_the_activity_and_the_sms_link_opens_the_me_page(client, shift):
    response = client.post(signup_url(shift), data=details(shift))
    assert response.status_code == 303
    assert response.headers["Location"] == f"/c/liujin/activities/{shift.activity_id}"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "报名成功" in page and "个人报名链接已通过短信发送到 139****5678" in page
    me = client.get(_link_sent_to("13912345678")).get_data(as_text=True)
    assert "王芳的志愿服务" in me and "已报名" in me and "139****5678" in me


def test_invalid_input_is_422_with_values_kept(client, shift):
    response = client.post(signup_url(shift), data=details(shift, name="", mobile="12345"),
                           headers=HX)
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "请填写姓名" in body and "请输入11位手机号" in body and 'value="12345"' in body
    page = client.post(signup_url(shift), data=details(shift, name="李明", mobile="1"))
    assert page.status_code == 422 and 'value="李明"' in page.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Signup.id))) == 0


def test_a_number_already_on_the_shift_gets_its_signup_back_not_a_refusal(client, community, shift):
    make_signup(shift, make_person(community, mobile="13912345678"))
    response = client.post(signup_url(shift), data=details(shift, name="另一个名字"), headers=HX)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "已经报名了这个班次" not in body and "已报名" in body
    assert "个人报名链接已通过短信发送到 139****5678" in body
    assert db.session.scalar(db.select(db.func.count(Signup.id))) == 1


def test_the_remembered_volunteer_signing_up_twice_sees_their_signup(client, community, shift):
    client.post(signup_url(shift), data=details(shift), headers=HX)
    client.get(_link_sent_to("13912345678"))  # this browser now remembers 王芳
    response = client.post(signup_url(shift), data=details(shift), headers=HX)
    body = response.get_data(as_text=True)
    assert response.status_code == 422 and "已报名" in body and "/me/" in body
    assert db.session.scalar(db.select(db.func.count(Signup.id))) == 1


def test_past_and_cancelled_shifts_refuse_with_reason(client, community, shift):
    past = make_shift(shift.activity, start_in=timedelta(days=-2))
    response = client.post(signup_url(past), data=details(past), headers=HX)
    assert response.status_code == 422 and "已经开始或结束" in response.get_data(as_text=True)


def test_signup_for_another_communitys_shift_is_404(client, shift):
    other = make_community(slug="xingyuan")
    foreign = make_shift(make_activity(other))
    url = f"/c/liujin/activities/{foreign.activity_id}/shifts/{foreign.id}/signup"
    assert client.post(url, data=details(foreign)).status_code == 404
    assert client.get(f"/c/liujin/activities/{foreign.activity_id}").status_code == 404


def test_public_signup_is_rate_limited(app, client, shift):
    app.config["PUBLIC_FORM_RATE_LIMIT"] = "2 per minute"
    for _ in range(2):
        client.post(signup_url(shift), data=details(shift, mobile="1"))
    assert client.post(signup_url(shift), data=details(shift)).status_code == 429


def test_me_page_cancel_promotes_waitlisted(client, community, shift):
    first = make_person(community, name="甲")
    make_signup(shift, first)
    make_signup(shift, make_person(community))
    waiting = make_person(community, name="丙")
    make_signup(shift, waiting, status="waitlisted")
    signup = db.session.scalar(db.select(Signup).where(Signup.person_id == first.id))
    token = tokens.me_token(first)
    response = client.post(f"/me/{token}/signups/{signup.id}/cancel", headers=HX)
    assert response.status_code == 200 and "HX-Trigger" not in response.headers  # signup-cancelled: nothing listens for it
    assert "已取消报名" in response.get_data(as_text=True)
    their_page = client.get(f"/me/{tokens.me_token(waiting)}").get_data(as_text=True)
    assert "已报名" in their_page and "由候补转为正式" in their_page
    assert db.session.scalar(db.select(OutboxMessage.kind)) == "promoted"


def test_me_cannot_cancel_someone_elses_signup(client, community, shift):
    mine = make_person(community)
    other = make_signup(shift, make_person(community))
    assert client.post(f"/me/{tokens.me_token(mine)}/signups/{other.id}/cancel").status_code == 404


def test_tampered_and_revoked_me_tokens_are_404(client, community, shift):
    person = make_person(community)
    token = tokens.me_token(person)
    assert client.get(f"/me/{token}").status_code == 200
    assert client.get(f"/me/{token[:-3]}abc").status_code == 404
    staff = make_user("staff", [community])
    login(client, staff)
    assert client.post(f"/staff/liujin/people/{person.id}/revoke-link").status_code == 303
    assert client.get(f"/me/{token}").status_code == 404


def test_me_page_shows_checkin_qr_and_ics(client, community, shift):
    person = make_person(community)
    signup = make_signup(shift, person)
    token = tokens.me_token(person)
    page = client.get(f"/me/{token}").get_data(as_text=True)
    assert 'alt="签到二维码"' in page and "data:image/svg+xml" in page
    ics = client.get(f"/me/{token}/signups/{signup.id}.ics")
    assert ics.mimetype == "text/calendar"
    text = ics.get_data(as_text=True)
    assert "BEGIN:VEVENT" in text and "颐和新园红马甲清扫" in text
    assert f"DTSTART:{shift.starts_at:%Y%m%dT%H%M%SZ}" in text


def test_cancelled_activity_shows_on_me_page(client, community, shift):
    person = make_person(community)
    make_signup(shift, person)
    login(client, make_user("staff", [community]))
    client.post(f"/staff/liujin/activities/{shift.activity_id}/cancel")
    assert "活动已取消" in client.get(f"/me/{tokens.me_token(person)}").get_data(as_text=True)


ROSTER_PAGES = ["/staff/liujin/activities", "/staff/liujin/activities/{activity}"]
STAFF_ONLY = ["/staff/liujin/teams", "/staff/liujin/hours", "/staff/liujin/outbox",
              "/staff/liujin/activities/new"]


def test_roster_refused_to_public_partner_and_other_community(client, community, shift):
    url = f"/staff/liujin/activities/{shift.activity_id}"
    assert client.get(url).status_code == 302  # anonymous → login
    other_staff = make_user("staff", [make_community(slug="xingyuan")])
    partner = make_user("partner", [community])
    for user in (other_staff, partner):
        login(client, user)
        for page in ROSTER_PAGES + STAFF_ONLY:
            assert client.get(page.format(activity=shift.activity_id)).status_code == 403, page
        client.post("/logout")


def test_grid_worker_sees_roster_but_not_staff_only_pages(client, community, shift):
    login(client, make_user("grid_worker", [community]))
    assert client.get(f"/staff/liujin/activities/{shift.activity_id}").status_code == 200
    for page in STAFF_ONLY:
        assert client.get(page).status_code == 403, page


def test_roster_shows_full_numbers_to_staff_only(client, community, shift):
    make_signup(shift, make_person(community, name="赵敏", mobile="13711112222"))
    url = f"/staff/liujin/activities/{shift.activity_id}"
    login(client, make_user("grid_worker", [community]))
    page = client.get(url).get_data(as_text=True)
    assert "赵敏" in page and "137****2222" in page and "13711112222" not in page
    client.post("/logout")
    login(client, make_user("staff", [community]))
    page = client.get(url).get_data(as_text=True)
    assert 'href="tel:13711112222"' in page


def test_staff_revoke_a_link_from_the_roster(client, community, shift):
    person = make_person(community, name="赵敏")
    make_signup(shift, person)
    token = tokens.me_token(person)
    url = f"/staff/liujin/activities/{shift.activity_id}"
    revoke = f"/staff/liujin/shifts/{shift.id}/people/{person.id}/revoke-link"
    login(client, make_user("grid_worker", [community]))
    assert revoke not in client.get(url).get_data(as_text=True)
    assert client.post(revoke).status_code == 403
    assert client.get(f"/me/{token}").status_code == 200
    client.post("/logout")
    login(client, make_user("staff", [community]))
    page = client.get(url).get_data(as_text=True)
    assert f'hx-post="{revoke}"' in page and f'action="{revoke}"' in page
    response = client.post(revoke, headers=HX)
    assert response.status_code == 200 and "HX-Trigger" not in response.headers  # link-revoked: nothing listens for it
    body = response.get_data(as_text=True)
    assert body.lstrip().startswith(f'<div class="roster" id="volunteers-roster-{shift.id}"')
    assert "赵敏 的旧个人链接已失效" in body
    assert client.get(f"/me/{token}").status_code == 404
    plain = client.post(revoke)
    assert plain.status_code == 303 and plain.headers["Location"] == url


def test_grid_worker_checks_in_from_the_roster(client, community, shift):
    person = make_person(community, name="赵敏", mobile="13711112222")
    shift = make_shift(shift.activity, start_in=timedelta(hours=1))
    signup = make_signup(shift, person)
    login(client, make_user("grid_worker", [community]))
    response = client.post(f"/staff/liujin/signups/{signup.id}/check-in", headers=HX)
    assert "HX-Trigger" not in response.headers  # attendance-recorded: nothing listens for it
    assert response.get_data(as_text=True).lstrip().startswith(
        f'<div class="roster" id="volunteers-roster-{shift.id}"')
    db.session.refresh(signup)
    assert signup.status == "attended" and signup.minutes == 120


def test_qr_checkin_needs_login_of_that_community(client, community, shift):
    shift = make_shift(shift.activity, start_in=timedelta(minutes=-30))
    signup = make_signup(shift, make_person(community))
    url = f"/staff/liujin/check-in/{tokens.checkin_token(signup)}"
    assert client.get(url).status_code == 302
    login(client, make_user("staff", [make_community(slug="other")]))
    assert client.get(url).status_code == 403
    client.post("/logout")
    login(client, make_user("grid_worker", [community]))
    assert "确认签到" in client.get(url).get_data(as_text=True)
    assert client.post(url).status_code == 200
    db.session.refresh(signup)
    assert signup.status == "attended"
    assert client.get("/staff/liujin/check-in/forged").status_code == 404


def test_check_in_refused_for_a_future_day_and_a_cancelled_shift(client, community, shift):
    early = make_signup(shift, make_person(community, name="早到"))  # shift in two days
    login(client, make_user("grid_worker", [community]))
    response = client.post(f"/staff/liujin/signups/{early.id}/check-in", headers=HX)
    assert response.status_code == 422 and "HX-Trigger" not in response.headers
    assert "班次开始前两小时才能签到" in response.get_data(as_text=True)
    soon = make_shift(shift.activity, start_in=timedelta(hours=1))
    called_off = make_signup(soon, make_person(community, name="白跑"))
    soon.cancelled_at = soon.starts_at - timedelta(days=1)
    db.session.commit()
    qr = client.post(f"/staff/liujin/check-in/{tokens.checkin_token(called_off)}")
    assert qr.status_code == 422 and "已取消，不能签到" in qr.get_data(as_text=True)
    for signup in (early, called_off):
        db.session.refresh(signup)
        assert signup.status == "confirmed" and signup.minutes == 0


def test_staff_creates_activity_and_422_keeps_values(client, community):
    login(client, make_user("staff", [community]))
    bad = client.post("/staff/liujin/activities/new", data={
        "title": "消防安全宣传日", "category": "campaign", "day": "2030-05-01",
        "start": "10:00", "end": "09:00", "capacity": "5", "compound": "0", "team": "0"})
    assert bad.status_code == 422
    text = bad.get_data(as_text=True)
    assert "结束时间要晚于开始时间" in text and 'value="消防安全宣传日"' in text
    good = client.post("/staff/liujin/activities/new", data={
        "title": "消防安全宣传日", "category": "campaign", "day": "2030-05-01",
        "start": "09:00", "end": "11:30", "capacity": "5", "compound": "0", "team": "0"})
    assert good.status_code == 303
    detail = client.get(good.headers["Location"]).get_data(as_text=True)
    assert "05月01日" in detail or "5月1日" in detail
    assert "名额 0/5" in detail


def test_join_team_and_staff_accepts(client, community, shift):
    team = make_team(community)
    response = client.post(f"/c/liujin/teams/{team.id}/join",
                           data={"name": "钱多多", "mobile": "13600001111"})
    assert response.status_code == 303
    login(client, make_user("staff", [community]))
    page = client.get("/staff/liujin/teams").get_data(as_text=True)
    assert "钱多多" in page and "申请加入" in page
    member = team.members[0]
    client.post(f"/staff/liujin/team-members/{member.id}/accept")
    db.session.refresh(member)
    assert member.status == "accepted"


def test_team_members_see_their_teams_activities_first(client, community, shift):
    team = make_team(community, name="合唱队", kind="choir")
    make_shift(make_activity(community, title="合唱排练", team_id=team.id),
               start_in=timedelta(days=9))
    person = make_person(community, mobile="13500002222")
    from blueprints.volunteers import activities
    activities.request_membership(team, person)
    activities.decide_membership(team.members[0], True, make_user("staff", [community]))
    client.set_cookie("volunteer_liujin", tokens.remember_token(person))
    page = client.get("/c/liujin/activities").get_data(as_text=True)
    assert page.index("合唱排练") < page.index("颐和新园红马甲清扫")
    assert "我的队伍" in page


def test_outbox_page_lists_messages(client, community, shift):
    signup = make_signup(shift, make_person(community))
    from blueprints.volunteers import outbox
    outbox.notify_cancelled(signup)
    db.session.commit()
    login(client, make_user("staff", [community]))
    page = client.get("/staff/liujin/outbox").get_data(as_text=True)
    assert "已取消" in page and "待发送" in page
    message = db.session.scalar(db.select(OutboxMessage))
    message.skipped_at = message.created_at
    db.session.commit()
    assert "未发送：报名或班次已取消" in client.get("/staff/liujin/outbox").get_data(as_text=True)


def _count_queries(client, url) -> list[str]:
    from sqlalchemy import event
    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    return statements


def test_outbox_page_query_count_does_not_grow_with_messages(client, community, shift):
    from blueprints.volunteers import outbox
    outbox.notify_cancelled(make_signup(shift, make_person(community)))
    db.session.commit()
    login(client, make_user("staff", [community]))
    db.session.commit()  # both counts start from a fresh transaction
    few = len(_count_queries(client, "/staff/liujin/outbox"))
    for _ in range(6):
        outbox.notify_cancelled(make_signup(shift, make_person(community), status="waitlisted"))
    db.session.commit()
    assert len(_count_queries(client, "/staff/liujin/outbox")) == few


def test_public_activities_page_lists_teams_without_loading_members(client, community, shift):
    from blueprints.volunteers import activities
    team = make_team(community, name="合唱队", kind="choir")
    for _ in range(3):
        activities.request_membership(team, make_person(community))
    db.session.commit()
    statements = _count_queries(client, "/c/liujin/activities")
    assert not [s for s in statements if "volunteer_team_members" in s or "FROM people" in s]
    assert "合唱队" in client.get("/c/liujin/activities").get_data(as_text=True)


def test_forget_clears_the_remembered_volunteer(client, shift):
    client.post(signup_url(shift), data=details(shift), headers=HX)
    response = client.post("/c/liujin/forget", data={"next": "/c/liujin/activities"})
    assert response.status_code == 303 and "volunteer_liujin=;" in response.headers["Set-Cookie"]


@pytest.mark.parametrize("target", ["/\\evil.com", "//evil.com", "https://evil.com", "/\\/evil.com"])
def test_forget_never_redirects_off_site(client, shift, target):
    response = client.post("/c/liujin/forget", data={"next": target})
    assert response.status_code == 303
    assert response.headers["Location"] == "/c/liujin/activities"


def test_forget_returns_to_the_activity(client, shift):
    client.post(signup_url(shift), data=details(shift), headers=HX)
    client.get(_link_sent_to("13912345678"))
    page = client.get(f"/c/liujin/activities/{shift.activity_id}").get_data(as_text=True)
    assert f'name="activity" value="{shift.activity_id}"' in page
    response = client.post("/c/liujin/forget", data={"activity": str(shift.activity_id)})
    assert response.headers["Location"] == f"/c/liujin/activities/{shift.activity_id}"


def test_staff_hours_page_adds_up_attendance(client, community):
    person = make_person(community, name="孙丽华")
    done = make_shift(make_activity(community), start_in=timedelta(days=-3), hours=3)
    make_signup(done, person, status="attended")
    login(client, make_user("staff", [community]))
    year = done.starts_at.astimezone(tokens_tz()).year
    page = client.get(f"/staff/liujin/hours?year={year}").get_data(as_text=True)
    assert "孙丽华" in page and "3.0 小时" in page
    assert f"certificate.pdf?person={person.id}&amp;year={year}" in page


def test_staff_adds_copies_and_cancels_shifts(client, community, shift):
    login(client, make_user("staff", [community]))
    base = f"/staff/liujin/activities/{shift.activity_id}"
    bad = client.post(f"{base}/shifts", data={"day": "", "start": "09:00", "end": "10:00",
                                              "capacity": "3", "role": "引导"})
    assert bad.status_code == 422 and "请选择日期" in bad.get_data(as_text=True)
    assert client.post(f"{base}/shifts", data={"day": "2031-03-01", "start": "09:00",
                                               "end": "10:00", "capacity": "3"}).status_code == 303
    copied = client.post(f"{base}/copy", data={"day": "2031-04-01"})
    assert copied.status_code == 303 and copied.headers["Location"] != base
    response = client.post(f"/staff/liujin/shifts/{shift.id}/cancel")
    assert response.status_code == 303
    db.session.refresh(shift)
    assert shift.cancelled_at is not None
    public = client.get(f"/c/liujin/activities/{shift.activity_id}").get_data(as_text=True)
    assert "已取消" in public


def test_activity_list_shows_only_shifts_still_to_come(client, app):
    from datetime import timedelta

    from tests.factories import make_community
    from tests.volunteers.factories import make_activity, make_shift

    community = make_community(slug="lj")
    activity = make_activity(community, title="每周清扫")
    make_shift(activity, start_in=timedelta(days=-7), role="上周班")
    make_shift(activity, start_in=timedelta(days=3), role="下周班")
    html = client.get("/c/lj/activities").get_data(as_text=True)
    assert "每周清扫" in html
    assert html.count('class="activity-card__shift"') == 1


def test_a_checkin_code_works_on_its_day_only_and_ends_with_a_revoked_link(client, community, shift):
    from blueprints.volunteers import activities as service

    person = make_person(community, name="赵敏")
    today = make_shift(shift.activity, start_in=timedelta(hours=1))
    signup = make_signup(today, person)
    staff = make_user("staff", [community])
    login(client, staff)
    code = f"/staff/liujin/check-in/{tokens.checkin_token(signup)}"
    assert client.get(code).status_code == 200
    today.ends_at = utcnow() - timedelta(hours=13)
    today.starts_at = today.ends_at - timedelta(hours=2)
    db.session.commit()
    assert client.get(code).status_code == 410
    today.starts_at, today.ends_at = utcnow() + timedelta(hours=1), utcnow() + timedelta(hours=3)
    db.session.commit()
    service.revoke_link(person, staff)
    assert client.get(code).status_code == 404
    assert client.get(f"/staff/liujin/check-in/{tokens.checkin_token(signup)}").status_code == 200


def test_taking_the_last_place_does_not_read_as_waitlisted(client, community):
    last = make_shift(make_activity(community), capacity=1, start_in=timedelta(days=2))
    body = client.post(signup_url(last), data=details(last), headers=HX).get_data(as_text=True)
    assert "已报名" in body and "可以候补" not in body and "名额已满" in body
