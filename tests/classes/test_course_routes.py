"""Courses over HTTP: the public page, whole-course sign-up, /me ratings, staff pages, denials."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from blueprints.core import clock
from blueprints.volunteers import tokens
from extensions import db
from models import AuditEvent, Course, OutboxMessage, SessionRating, Signup
from models.base import utcnow
from tests.classes.factories import make_course, make_request, make_teacher
from tests.conftest import HX
from tests.factories import login, make_community, make_person, make_user
from tests.rooms.factories import make_booking, make_room

NUMBER = "13912345678"


@pytest.fixture
def community(app):
    return make_community(slug="liujin", name="流津社区")


@pytest.fixture
def course(community):
    teacher = make_teacher(community, person=make_person(community, name="叶胜新",
                                                         mobile="13800001111"))
    return make_course(community, title="钩针编织入门", weeks=3, capacity=2, teacher=teacher,
                       materials="钩针一根、毛线两团", description="从最简单的针法教起")


@pytest.fixture
def staff_client(app, community):
    client = app.test_client()
    login(client, make_user("staff", [community]))
    return client


def test_the_course_page_shows_teacher_materials_and_a_card_per_session_never_a_number(client, course):
    html = client.get(f"/c/liujin/classes/{course.id}").get_data(as_text=True)
    assert "叶胜新" in html and "钩针编织" in html and "钩针一根、毛线两团" in html
    assert html.count('class="card shift-card"') == 3 and "报名全部课次" in html
    assert "13800001111" not in html and "1380000" not in html


def test_whole_course_signup_by_number_takes_every_session_and_sends_one_link(client, course):
    response = client.post(f"/c/liujin/classes/{course.id}/enrol",
                           data={"name": "王芳", "mobile": NUMBER})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/c/liujin/classes/{course.id}")
    statuses = db.session.scalars(select(Signup.status)).all()
    assert statuses == ["confirmed"] * 3
    assert len(db.session.scalars(select(OutboxMessage).where(
        OutboxMessage.kind == "me_link")).all()) == 1
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "已报名 3 次课" in page and "139****5678" in page


def test_a_bad_number_is_refused_next_to_the_field_with_the_name_kept(client, course):
    response = client.post(f"/c/liujin/classes/{course.id}/enrol",
                           data={"name": "王芳", "mobile": "12345"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "请输入11位手机号" in html and 'value="王芳"' in html
    assert db.session.scalars(select(Signup)).all() == []


def test_a_remembered_learner_signs_up_with_one_tap_and_lands_on_me(client, course, community):
    person = make_person(community, name="李阿姨")
    client.get(f"/me/{tokens.me_token(person)}")  # opening the link remembers the person
    response = client.post(f"/c/liujin/classes/{course.id}/enrol", data={"use_saved": "1"})
    assert response.status_code == 303 and "/me/" in response.headers["Location"]
    me = client.get(response.headers["Location"]).get_data(as_text=True)
    assert me.count("钩针编织入门") == 3


def test_one_session_only_through_its_card_like_a_shift(client, course):
    session = course.activity.shifts[1]
    response = client.post(
        f"/c/liujin/activities/{course.activity_id}/shifts/{session.id}/signup",
        data={f"s{session.id}-name": "王芳", f"s{session.id}-mobile": NUMBER}, headers=HX)
    assert response.status_code == 200 and "已报名" in response.get_data(as_text=True)
    assert [s.shift_id for s in db.session.scalars(select(Signup))] == [session.id]


def _attended(course, community):
    person = make_person(community)
    session = course.activity.shifts[0]
    session.starts_at = utcnow() - timedelta(days=1, hours=2)
    session.ends_at = session.starts_at + timedelta(hours=2)
    signup = Signup(shift_id=session.id, person_id=person.id, status="attended", minutes=120)
    db.session.add(signup)
    db.session.commit()
    return person, signup


def test_a_learner_rates_an_attended_session_from_me(client, course, community):
    person, signup = _attended(course, community)
    token = tokens.me_token(person)
    me = client.get(f"/me/{token}").get_data(as_text=True)
    assert "给这次课打个分" in me and "已上课" in me and "记 2.0 小时" not in me
    url = f"/me/{token}/signups/{signup.id}/rating"
    refused = client.post(url, data={"comment": "好"}, headers=HX)
    assert refused.status_code == 422 and "请选 1 到 5 颗星" in refused.get_data(as_text=True)
    assert 'value="好"' in refused.get_data(as_text=True) or ">好</textarea>" in refused.get_data(as_text=True)
    saved = client.post(url, data={"stars": "5", "comment": "针法讲得很细"}, headers=HX)
    assert saved.status_code == 200 and "谢谢您的评价" in saved.get_data(as_text=True)
    assert db.session.scalar(select(SessionRating.stars)) == 5
    assert client.post(url, data={"stars": "9"}, headers=HX).status_code == 422


def test_nobody_rates_someone_elses_signup_or_one_not_attended(client, course, community):
    _person, signup = _attended(course, community)
    stranger = make_person(community)
    url = f"/me/{tokens.me_token(stranger)}/signups/{signup.id}/rating"
    assert client.post(url, data={"stars": "1"}).status_code == 404
    assert client.post(f"/me/not-a-token/signups/{signup.id}/rating",
                       data={"stars": "1"}).status_code == 404
    waiting = Signup(shift_id=course.activity.shifts[2].id, person_id=stranger.id,
                     status="confirmed")
    db.session.add(waiting)
    db.session.commit()
    own = f"/me/{tokens.me_token(stranger)}/signups/{waiting.id}/rating"
    assert client.post(own, data={"stars": "4"}, headers=HX).status_code == 422
    assert db.session.scalars(select(SessionRating)).all() == []


def _new_course_form(**overrides):
    day = clock.today() + timedelta(days=10)
    data = {"title": "面塑", "teacher": "0", "description": "", "materials": "", "request": "0",
            "first_day": day.isoformat(), "starts": "09:00", "ends": "10:30", "weeks": "8",
            "capacity": "10", "room": "0"}
    data.update(overrides)
    return data


def test_staff_make_a_weekly_course_from_a_request_and_supporters_are_told(staff_client, community):
    request = make_request(community, "面塑", supporters=2)
    teacher = make_teacher(community, name="张师傅", skill="面塑")
    response = staff_client.post("/staff/liujin/classes/courses/new", data=_new_course_form(
        teacher=str(teacher.id), request=str(request.id)))
    assert response.status_code == 303
    course = db.session.scalar(select(Course))
    assert len(course.activity.shifts) == 8 and course.teacher_id == teacher.id
    assert len(db.session.scalars(select(OutboxMessage).where(
        OutboxMessage.kind == "course_opened")).all()) == 2
    assert db.session.scalar(select(AuditEvent.action).where(
        AuditEvent.action == "course.created")) == "course.created"
    html = staff_client.get(response.headers["Location"]).get_data(as_text=True)
    assert html.count('id="course-session-') == 8


def test_a_room_clash_is_refused_next_to_the_room_naming_the_day_typed_kept(staff_client, community):
    room = make_room(community)
    day = clock.today() + timedelta(days=17)
    make_booking(room, day, (9, 30), (11, 0), title="居民议事会")
    response = staff_client.post("/staff/liujin/classes/courses/new", data=_new_course_form(
        room=str(room.id), first_day=(day - timedelta(days=7)).isoformat(), title="太极入门"))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "居民议事会" in html and f"{day:%m-%d}" in html and 'value="太极入门"' in html
    assert db.session.scalars(select(Course)).all() == []


@pytest.mark.parametrize("field, value", [
    ("weeks", "99999999999999999999"), ("capacity", "0"), ("capacity", "NaN"),
    ("title", "面\x00塑"), ("title", "长" * 100_000), ("first_day", "9999-01-01"),
    ("ends", "08:00"), ("teacher", "99999999999999999999"), ("room", "-1"),
])
def test_bad_input_is_a_field_error_never_a_500(staff_client, field, value):
    response = staff_client.post("/staff/liujin/classes/courses/new",
                                 data=_new_course_form(**{field: value}))
    assert response.status_code in (400, 422)
    assert db.session.scalars(select(Course)).all() == []


def test_staff_credit_the_teacher_after_the_session(staff_client, course, community):
    _attended(course, community)
    first, later = course.activity.shifts[0], course.activity.shifts[1]
    url = "/staff/liujin/classes/courses/{c}/sessions/{s}/taught"
    assert staff_client.post(url.format(c=course.id, s=first.id)).status_code == 303
    credit = db.session.scalar(select(Signup).where(Signup.role == "teacher"))
    assert credit.shift_id == first.id and credit.minutes == 120
    staff_client.post(url.format(c=course.id, s=later.id))
    assert db.session.scalars(select(Signup).where(Signup.role == "teacher")).all() == [credit]
    html = staff_client.get(f"/staff/liujin/classes/courses/{course.id}").get_data(as_text=True)
    assert "已记录" in html and "上课以后才能记录授课时长" in html


def test_the_home_and_the_classes_page_show_the_next_classes_with_places(client, course, community):
    home = client.get("/c/liujin/").get_data(as_text=True)
    assert "钩针编织入门" in home and "剩余 2 个名额" in home
    assert "钩针编织入门" in client.get("/c/liujin/classes").get_data(as_text=True)
    assert "钩针编织入门" not in client.get("/c/liujin/activities").get_data(as_text=True)
    full = make_course(community, title="满员的书法课", capacity=1)
    full.activity.shifts[0].taken = 1
    db.session.commit()
    assert "满员的书法课" not in client.get("/c/liujin/").get_data(as_text=True)


STAFF_PAGES = ["/staff/liujin/classes/courses", "/staff/liujin/classes/courses/new",
               "/staff/liujin/classes/courses/{id}"]


def test_staff_course_pages_are_refused_to_public_partners_grid_workers_and_other_staff(
        app, community, course):
    posts = [("/staff/liujin/classes/courses/new", _new_course_form()),
             (f"/staff/liujin/classes/courses/{course.id}/sessions/"
              f"{course.activity.shifts[0].id}/taught", {})]
    anonymous = app.test_client()
    for url in STAFF_PAGES:
        response = anonymous.get(url.format(id=course.id))
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    for url, data in posts:
        assert anonymous.post(url, data=data).status_code == 302
    for user in [make_user("staff", [make_community(slug="xingyuan")]),
                 make_user("partner", [community]), make_user("grid_worker", [community])]:
        client = app.test_client()
        login(client, user)
        for url in STAFF_PAGES:
            assert client.get(url.format(id=course.id)).status_code == 403, (user.role, url)
        for url, data in posts:
            assert client.post(url, data=data).status_code == 403, (user.role, url)
    assert db.session.scalars(select(Course)).all() == [course]


def test_another_communitys_course_is_404(staff_client, client, community):
    other = make_course(make_community(slug="xingyuan"))
    assert staff_client.get(f"/staff/liujin/classes/courses/{other.id}").status_code == 404
    assert client.get(f"/c/liujin/classes/{other.id}").status_code == 404
    assert client.post(f"/c/liujin/classes/{other.id}/enrol",
                       data={"name": "王芳", "mobile": NUMBER}).status_code == 404


def test_the_teacher_sees_the_ratings_of_their_courses_on_their_own_page(client, course, community):
    _person, signup = _attended(course, community)
    db.session.add(SessionRating(signup_id=signup.id, stars=4, comment="好"))
    db.session.commit()
    html = client.get(f"/me/{tokens.me_token(course.teacher.person)}").get_data(as_text=True)
    assert "我教的课" in html and "钩针编织入门" in html and "平均 4.0 星（1 人评价）" in html
    learner = client.get(f"/me/{tokens.me_token(make_person(community))}").get_data(as_text=True)
    assert "我教的课" not in learner
