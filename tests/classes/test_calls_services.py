"""Recruitment calls as services: request → call → application → teacher; once per number."""
import pytest
from sqlalchemy import func, select

from blueprints.classes import calls, services
from blueprints.classes.calls import CallError
from blueprints.classes.services import RequestError
from extensions import db
from models import Application, AuditEvent, OutboxMessage, Person, Teacher
from tests.classes.factories import make_application, make_call, make_request
from tests.factories import make_community, make_compound, make_user

NUMBER = "13912345678"


@pytest.fixture
def community(app):
    return make_community(slug="liujin", name="流津社区")


@pytest.fixture
def staff(community):
    return make_user("staff", [community])


def _actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_request_to_call_to_application_to_teacher(community, staff):
    item = make_request(community, "面塑", supporters=3)
    compound = make_compound(community, name="颐和新园")
    call = calls.publish(community, staff, "面塑老师", "亲子家庭", "每周六上午", "捏生肖",
                         course_request=item)
    db.session.refresh(item)
    assert (item.status, item.call.id, call.request_id) == ("answered", call.id, item.id)
    assert item.decided_at is not None
    with pytest.raises(RequestError):  # an answered request takes no more supports
        services.support(item, "王芳", "13712345678")
    assert calls.apply(call, "叶胜新", NUMBER, "面塑", "捏了三十年", "周六上午") is True
    application = db.session.scalar(select(Application))
    assert (application.name, application.person.mobile, application.status) == (
        "叶胜新", NUMBER, "pending")
    teacher = calls.accept(application, staff, "叶老师", "面塑", compound)
    assert (teacher.name, teacher.skill, teacher.compound_id) == ("叶老师", "面塑", compound.id)
    assert teacher.person_id == application.person_id
    db.session.refresh(application)
    assert (application.status, application.teacher_id) == ("accepted", teacher.id)
    assert calls.accepted_teachers(call) == [teacher]
    assert _actions() == ["call.created", "application.accepted"]
    notice = db.session.scalar(select(OutboxMessage))
    assert notice.kind == "call_accepted" and notice.recipient == NUMBER and "面塑" in notice.body


def test_one_application_per_number_and_call(community):
    call = make_call(community)
    assert calls.apply(call, "王芳", NUMBER, "钩织") is True
    assert calls.apply(call, "别的名字", "139 1234 5678", "钩织") is False
    assert db.session.scalar(select(func.count()).select_from(Application)) == 1
    assert db.session.scalar(select(func.count()).select_from(Person)) == 1
    other = make_call(community, "书法老师")
    assert calls.apply(other, "王芳", NUMBER, "书法") is True  # another call: counted there


def test_a_closed_call_takes_no_application_and_closes_once(community, staff):
    call = make_call(community)
    calls.close(call, staff)
    assert call.status == "closed" and call.closed_at is not None
    with pytest.raises(CallError):
        calls.apply(call, "王芳", NUMBER, "钩织")
    with pytest.raises(CallError):
        calls.close(call, staff)
    assert _actions() == ["call.closed"]


def test_only_an_open_request_of_the_community_can_be_answered(community, staff):
    declined = make_request(community, "油画", status="declined", decline_reason="太贵")
    with pytest.raises(CallError):
        calls.publish(community, staff, "油画老师", course_request=declined)
    foreign = make_request(make_community(slug="xingyuan"), "太极")
    with pytest.raises(CallError):
        calls.publish(community, staff, "太极老师", course_request=foreign)
    answered = make_request(community, "书法")
    calls.publish(community, staff, "书法老师", course_request=answered)
    with pytest.raises(CallError):  # a second call for the same request
        calls.publish(community, staff, "书法老师", course_request=answered)
    assert _actions() == ["call.created"]


def test_decline_queues_one_polite_notice_and_decides_once(community, staff):
    application = make_application(make_call(community), name="李桂兰")
    calls.decline(application, staff, "这学期老师已经够了")
    assert (application.status, application.decline_note) == ("declined", "这学期老师已经够了")
    notice = db.session.scalar(select(OutboxMessage))
    assert notice.kind == "call_declined" and "李桂兰您好" in notice.body
    assert "这学期老师已经够了" in notice.body and notice.recipient == application.person.mobile
    with pytest.raises(CallError):
        calls.decline(application, staff, "")
    with pytest.raises(CallError):
        calls.accept(application, staff, "李桂兰", "钩织")
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 1
    assert db.session.scalar(select(func.count()).select_from(Teacher)) == 0


def test_accepting_a_retired_teacher_again_brings_the_profile_back(community, staff):
    first = make_application(make_call(community))
    teacher = calls.accept(first, staff, "周师傅", "剪纸")
    calls.retire(teacher, staff)
    assert teacher.retired_at is not None
    with pytest.raises(CallError):
        calls.retire(teacher, staff)
    again = make_application(make_call(community, "剪纸老师"), person=first.person)
    assert calls.accept(again, staff, "周师傅", "剪纸、窗花").id == teacher.id
    assert teacher.retired_at is None and teacher.skill == "剪纸、窗花"


def test_a_compound_of_another_community_is_refused(community, staff):
    application = make_application(make_call(community))
    foreign = make_compound(make_community(slug="xingyuan"))
    with pytest.raises(CallError) as refused:
        calls.accept(application, staff, "王芳", "钩织", foreign)
    assert refused.value.field == "compound"
    db.session.refresh(application)
    assert application.status == "pending"


def test_teacher_profile_updates_are_logged(community, staff):
    teacher = calls.accept(make_application(make_call(community)), staff, "王芳", "钩织")
    calls.update_teacher(teacher, staff, "钩织、编绳", "从最简单的针法教起")
    assert (teacher.skill, teacher.bio) == ("钩织、编绳", "从最简单的针法教起")
    assert _actions()[-1] == "teacher.updated"


def test_application_counts_are_grouped_by_call_and_status(community, staff):
    call, empty = make_call(community), make_call(community, "书法老师")
    make_application(call)
    calls.decline(make_application(call), staff)
    assert calls.application_counts([call, empty]) == {
        call.id: {"pending": 1, "declined": 1}, empty.id: {}}
