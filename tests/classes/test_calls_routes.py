"""Recruitment calls over HTTP: applying (htmx and plain, bad input, once per number),
numbers never public, staff publishing, accepting, declining, teachers; and denials."""
import pytest
from sqlalchemy import func, select

from extensions import db
from models import Application, AuditEvent, CourseRequest, OutboxMessage, RecruitmentCall, Teacher
from tests.classes.factories import make_application, make_call, make_request
from tests.conftest import HX
from tests.factories import login, make_community, make_compound, make_person, make_user

NUMBER = "13912345678"


@pytest.fixture
def community(app):
    return make_community(slug="liujin", name="流津社区")


@pytest.fixture
def call(community):
    return make_call(community, "钩针编织老师", details="从最简单的针法教起")


@pytest.fixture
def staff_client(app, community):
    client = app.test_client()
    login(client, make_user("staff", [community]))
    return client


def apply_url(call):
    return f"/c/liujin/classes/calls/{call.id}/apply"


def form(name="叶胜新", mobile=NUMBER, skill="钩织三十年", experience="在老年大学教过",
         availability="周二上午"):
    return {"name": name, "mobile": mobile, "skill": skill, "experience": experience,
            "availability": availability}


def _applications() -> int:
    return db.session.scalar(select(func.count()).select_from(Application))


# ---- public ----------------------------------------------------------------------------

def test_the_classes_page_lists_open_calls_and_the_call_page_shows_the_form(client, community, call):
    make_call(community, "旧的招募", status="closed")
    index = client.get("/c/liujin/classes").get_data(as_text=True)
    assert "钩针编织老师" in index and f"/c/liujin/classes/calls/{call.id}" in index
    assert "旧的招募" not in index
    page = client.get(f"/c/liujin/classes/calls/{call.id}").get_data(as_text=True)
    assert "招募令" in page and "中老年居民" in page and "每周二上午" in page
    assert "从最简单的针法教起" in page and 'id="classes-apply"' in page and "提交报名" in page


def test_htmx_application_swaps_in_the_thanks_and_counts_once(client, call):
    response = client.post(apply_url(call), data=form(), headers=HX)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="card" id="classes-apply"')
    assert "报名已收到" in html and NUMBER not in html
    again = client.post(apply_url(call), data=form(mobile="139-1234-5678"), headers=HX)
    assert "只算一次" in again.get_data(as_text=True)
    assert _applications() == 1


def test_plain_application_redirects_to_the_call_page_which_says_so(client, call):
    response = client.post(apply_url(call), data=form())
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/c/liujin/classes/calls/{call.id}")
    assert "报名已收到" in client.get(response.headers["Location"]).get_data(as_text=True)
    client.post(apply_url(call), data=form())
    assert "只算一次" in client.get(f"/c/liujin/classes/calls/{call.id}").get_data(as_text=True)
    assert _applications() == 1


def test_bad_applications_are_422_next_to_the_fields_with_what_was_typed(client, call):
    missing_skill = client.post(apply_url(call), data=form(skill=""))
    html = missing_skill.get_data(as_text=True)
    assert missing_skill.status_code == 422
    assert "请填写擅长的技能" in html and 'value="叶胜新"' in html and 'value="13912345678"' in html
    malformed = client.post(apply_url(call), data=form(mobile="12345"), headers=HX)
    html = malformed.get_data(as_text=True)
    assert malformed.status_code == 422 and "请输入11位手机号" in html and 'value="12345"' in html
    assert html.lstrip().startswith('<section class="card" id="classes-apply"')
    for data in (form(name=""), form(skill="x" * 31), form(experience="x" * 100_000),
                 form(availability="x" * 101), form(mobile="9" * 400)):
        response = client.post(apply_url(call), data=data)
        assert response.status_code == 422 and "field__error" in response.get_data(as_text=True)
    assert client.post(apply_url(call), data=form(name="a\x00b")).status_code == 400
    assert _applications() == 0


def test_a_closed_call_shows_no_form_and_refuses_applications(client, call):
    call.status = "closed"
    db.session.commit()
    page = client.get(f"/c/liujin/classes/calls/{call.id}").get_data(as_text=True)
    assert "已经结束" in page and "提交报名" not in page
    response = client.post(apply_url(call), data=form(), headers=HX)
    assert response.status_code == 422 and "不再接受报名" in response.get_data(as_text=True)
    assert _applications() == 0


def test_unknown_and_other_communities_calls_are_404(client, community):
    other = make_call(make_community(slug="xingyuan"), "太极老师")
    assert client.get(f"/c/liujin/classes/calls/{other.id}").status_code == 404
    assert client.post(f"/c/liujin/classes/calls/{other.id}/apply", data=form()).status_code == 404
    assert client.get(f"/c/liujin/classes/calls/{2**63}").status_code == 404


def test_applications_are_rate_limited(app, client, call):
    app.config["PUBLIC_FORM_RATE_LIMIT"] = "2 per minute"
    for _ in range(2):
        client.post(apply_url(call), data=form(mobile="1"))
    assert client.post(apply_url(call), data=form()).status_code == 429
    assert _applications() == 0


def test_an_answered_request_shows_its_call_publicly(client, community):
    item = make_request(community, "面塑", supporters=4)
    call = make_call(community, "面塑老师", course_request=item)
    page = client.get(f"/c/liujin/classes/requests/{item.id}").get_data(as_text=True)
    assert f"/c/liujin/classes/calls/{call.id}" in page and "面塑老师" in page
    assert "我也想学" not in page
    call_page = client.get(f"/c/liujin/classes/calls/{call.id}").get_data(as_text=True)
    assert "4 人想学" in call_page and f"/c/liujin/classes/requests/{item.id}" in call_page


def test_public_pages_never_show_an_applicants_or_teachers_number(client, staff_client, community, call):
    client.post(apply_url(call), data=form(name="王秀英", mobile="13712345678"))
    application = db.session.scalar(select(Application))
    compound = make_compound(community, name="颐和新园")
    staff_client.post(f"/staff/liujin/classes/applications/{application.id}/accept",
                      data={"name": "王老师", "skill": "钩织", "compound": str(compound.id)})
    page = client.get(f"/c/liujin/classes/calls/{call.id}").get_data(as_text=True)
    assert "王老师" in page and "颐和新园" in page  # the teacher: name, skill, compound
    for url in ("/c/liujin/", "/c/liujin/classes", f"/c/liujin/classes/calls/{call.id}"):
        text = client.get(url).get_data(as_text=True)
        for secret in ("13712345678", "137****5678", "王秀英"):
            assert secret not in text, (url, secret)


# ---- staff -----------------------------------------------------------------------------

def test_staff_answers_a_request_with_a_call(staff_client, client, community):
    item = make_request(community, "杯花", supporters=2)
    detail = staff_client.get(f"/staff/liujin/classes/requests/{item.id}").get_data(as_text=True)
    assert f"/staff/liujin/classes/calls/new?request={item.id}" in detail
    new = staff_client.get(f"/staff/liujin/classes/calls/new?request={item.id}").get_data(as_text=True)
    assert 'value="杯花"' in new and f'value="{item.id}"' in new
    response = staff_client.post("/staff/liujin/classes/calls/new", data={
        "skill": "杯花老师", "audience": "亲子家庭", "frequency": "每月一次", "details": "",
        "answers": str(item.id)})
    assert response.status_code == 303
    call = db.session.scalar(select(RecruitmentCall))
    db.session.refresh(item)
    assert (item.status, call.request_id) == ("answered", item.id)
    assert f"/c/liujin/classes/calls/{call.id}" in client.get("/c/liujin/classes").get_data(as_text=True)
    again = staff_client.post("/staff/liujin/classes/calls/new", data={
        "skill": "杯花老师", "answers": str(item.id)})
    assert again.status_code == 422 and "不在征集中" in again.get_data(as_text=True)
    assert "发布招募令" in staff_client.get("/staff/liujin/audit").get_data(as_text=True)


def test_staff_publishes_a_standalone_call_and_bad_input_is_422(staff_client):
    for data in ({"skill": ""}, {"skill": "x" * 31}, {"skill": "书法", "details": "x" * 100_000},
                 {"skill": "书法", "answers": "x"}, {"skill": "书法", "answers": str(2**63)}):
        assert staff_client.post("/staff/liujin/classes/calls/new", data=data).status_code == 422
    assert db.session.scalar(select(func.count()).select_from(RecruitmentCall)) == 0
    response = staff_client.post("/staff/liujin/classes/calls/new",
                                 data={"skill": "智能手机老师", "frequency": "每周一次"})
    assert response.status_code == 303
    listing = staff_client.get("/staff/liujin/classes/calls").get_data(as_text=True)
    assert "智能手机老师" in listing and 'class="table-scroll"' in listing


def test_staff_sees_numbers_accepts_and_declines(staff_client, community, call):
    compound = make_compound(community, name="颐和新园")
    first = make_application(call, make_person(community, name="叶胜新", mobile=NUMBER))
    second = make_application(call, name="李桂兰")
    page = staff_client.get(f"/staff/liujin/classes/calls/{call.id}").get_data(as_text=True)
    assert NUMBER in page and "叶胜新" in page and "李桂兰" in page
    assert f"/staff/liujin/print/recruitment-call.pdf?call={call.id}" in page
    url = f"/staff/liujin/classes/applications/{first.id}"
    assert NUMBER in staff_client.get(url).get_data(as_text=True)
    response = staff_client.post(url + "/accept", data={"name": "叶老师", "skill": "钩针编织",
                                                        "compound": str(compound.id)})
    assert response.status_code == 303
    teacher = db.session.scalar(select(Teacher))
    assert (teacher.name, teacher.compound_id) == ("叶老师", compound.id)
    response = staff_client.post(f"/staff/liujin/classes/applications/{second.id}/decline",
                                 data={"note": "这学期老师够了"})
    assert response.status_code == 303
    assert db.session.scalar(select(OutboxMessage.kind).where(
        OutboxMessage.person_id == second.person_id)) == "call_declined"
    assert staff_client.post(url + "/decline", data={"note": ""}).status_code == 422
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {"application.accepted", "application.declined"} <= actions


def test_bad_accept_and_decline_input_is_422(staff_client, community, call):
    item = make_application(call)
    foreign = make_compound(make_community(slug="xingyuan"))
    url = f"/staff/liujin/classes/applications/{item.id}"
    for data in ({"name": "", "skill": "钩织"}, {"name": "王芳", "skill": ""},
                 {"name": "王芳", "skill": "钩织", "compound": "x"},
                 {"name": "王芳", "skill": "钩织", "compound": str(2**63)},
                 {"name": "王芳", "skill": "钩织", "compound": str(foreign.id)}):
        assert staff_client.post(url + "/accept", data=data).status_code == 422, data
    assert staff_client.post(url + "/decline", data={"note": "x" * 201}).status_code == 422
    db.session.refresh(item)
    assert item.status == "pending"


def test_staff_closes_a_call(staff_client, client, call):
    assert staff_client.post(f"/staff/liujin/classes/calls/{call.id}/close").status_code == 303
    db.session.refresh(call)
    assert call.status == "closed"
    assert "钩针编织老师" not in client.get("/c/liujin/classes").get_data(as_text=True)
    again = staff_client.post(f"/staff/liujin/classes/calls/{call.id}/close")
    assert again.status_code == 303
    assert "已经结束了" in staff_client.get(again.headers["Location"]).get_data(as_text=True)


def test_staff_edits_and_retires_teachers(staff_client, community, call):
    person = make_person(community, name="周师傅", mobile=NUMBER)
    teacher = Teacher(community_id=community.id, person_id=person.id, name="周师傅", skill="剪纸")
    db.session.add(teacher)
    db.session.commit()
    listing = staff_client.get("/staff/liujin/classes/teachers").get_data(as_text=True)
    assert "周师傅" in listing and NUMBER in listing
    url = f"/staff/liujin/classes/teachers/{teacher.id}"
    assert staff_client.post(url, data={"skill": "", "bio": ""}).status_code == 422
    assert staff_client.post(url, data={"skill": "剪纸、窗花", "bio": "三十年"}).status_code == 303
    db.session.refresh(teacher)
    assert (teacher.skill, teacher.bio) == ("剪纸、窗花", "三十年")
    assert staff_client.post(url + "/retire").status_code == 303
    db.session.refresh(teacher)
    assert teacher.retired_at is not None
    assert "已退出" in staff_client.get("/staff/liujin/classes/teachers").get_data(as_text=True)


STAFF_PAGES = ["/staff/liujin/classes/calls", "/staff/liujin/classes/calls/new",
               "/staff/liujin/classes/calls/{call}", "/staff/liujin/classes/applications/{app}",
               "/staff/liujin/classes/teachers", "/staff/liujin/classes/teachers/{teacher}"]
STAFF_POSTS = [("/staff/liujin/classes/calls/new", {"skill": "书法老师"}),
               ("/staff/liujin/classes/calls/{call}/close", {}),
               ("/staff/liujin/classes/applications/{app}/accept", {"name": "x", "skill": "y"}),
               ("/staff/liujin/classes/applications/{app}/decline", {"note": ""}),
               ("/staff/liujin/classes/teachers/{teacher}", {"skill": "y", "bio": ""}),
               ("/staff/liujin/classes/teachers/{teacher}/retire", {})]


def test_staff_routes_are_refused_to_public_partners_grid_workers_and_other_staff(app, community, call):
    item = make_application(call)
    teacher = Teacher(community_id=community.id, person_id=item.person_id, name="王", skill="钩织")
    db.session.add(teacher)
    db.session.commit()
    ids = {"call": call.id, "app": item.id, "teacher": teacher.id}
    anonymous = app.test_client()
    for url in STAFF_PAGES:
        response = anonymous.get(url.format(**ids))
        assert response.status_code == 302 and "/login" in response.headers["Location"], url
    for url, data in STAFF_POSTS:
        assert anonymous.post(url.format(**ids), data=data).status_code == 302, url
    others = [make_user("staff", [make_community(slug="xingyuan")]),
              make_user("partner", [community]), make_user("grid_worker", [community])]
    for user in others:
        client = app.test_client()
        login(client, user)
        for url in STAFF_PAGES:
            assert client.get(url.format(**ids)).status_code == 403, (user.role, url)
        for url, data in STAFF_POSTS:
            assert client.post(url.format(**ids), data=data).status_code == 403, (user.role, url)
    db.session.refresh(call)
    db.session.refresh(item)
    assert (call.status, item.status, teacher.retired_at) == ("open", "pending", None)
    assert db.session.scalar(select(func.count()).select_from(RecruitmentCall)) == 1


def test_another_communitys_records_are_404_to_staff(staff_client):
    other = make_community(slug="xingyuan")
    call = make_call(other, "太极老师")
    item = make_application(call)
    request_item = make_request(other, "太极")
    assert staff_client.get(f"/staff/liujin/classes/calls/{call.id}").status_code == 404
    assert staff_client.get(f"/staff/liujin/classes/applications/{item.id}").status_code == 404
    assert staff_client.post(f"/staff/liujin/classes/applications/{item.id}/accept",
                             data={"name": "x", "skill": "y"}).status_code == 404
    new = staff_client.get(f"/staff/liujin/classes/calls/new?request={request_item.id}")
    assert new.status_code == 200 and "太极" not in new.get_data(as_text=True)
    assert db.session.get(CourseRequest, request_item.id).status == "open"
