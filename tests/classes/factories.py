"""make_<thing> helpers for classes tests."""
from datetime import time, timedelta

from blueprints.classes.courses import Series, create_course
from blueprints.core import clock
from extensions import db
from models import Application, CourseRequest, CourseSupport, RecruitmentCall, Teacher
from tests.factories import make_person, make_user


def make_request(community, subject="钩针编织", supporters=0, **overrides) -> CourseRequest:
    """An open request with `supporters` new residents supporting it (the count kept)."""
    values = {"subject": subject, "details": "", "support_count": supporters}
    values.update(overrides)
    item = CourseRequest(community_id=community.id, **values)
    db.session.add(item)
    db.session.flush()
    for _ in range(supporters):
        db.session.add(CourseSupport(request_id=item.id, person_id=make_person(community).id))
    db.session.commit()
    return item


def make_teacher(community, name="叶胜新", skill="钩针编织", **overrides):
    """A teacher profile for a new resident of the community."""
    person = overrides.pop("person", None) or make_person(community, name=name)
    teacher = Teacher(community_id=community.id, person_id=person.id, name=name, skill=skill,
                      **overrides)
    db.session.add(teacher)
    db.session.commit()
    return teacher


def make_course(community, title="钩针编织入门", weeks=1, capacity=10, days_ahead=7,
                teacher=None, room=None, actor=None, **fields):
    """A course made by the service: `weeks` weekly sessions 14:00–16:00 from `days_ahead`."""
    actor = actor or make_user("staff", [community])
    series = Series(first_day=clock.today() + timedelta(days=days_ahead), starts=time(14),
                    ends=time(16), weeks=weeks, capacity=capacity, room=room)
    return create_course(community, actor, title, series, teacher=teacher, **fields)


def make_call(community, skill="钩针编织老师", course_request=None, **overrides) -> RecruitmentCall:
    """An open recruitment call (answering `course_request` when given, which becomes answered)."""
    values = {"skill": skill, "audience": "中老年居民", "frequency": "每周二上午", "details": ""}
    values.update(overrides)
    call = RecruitmentCall(community_id=community.id, **values)
    if course_request is not None:
        call.request_id = course_request.id
        course_request.status = "answered"
    db.session.add(call)
    db.session.commit()
    return call


def make_application(call, person=None, **overrides) -> Application:
    """A pending application to `call` from `person` (a new resident when not given)."""
    person = person or make_person(call.community)
    values = {"name": person.name, "skill": "钩针编织", "experience": "二十年",
              "availability": "周二上午"}
    values.update(overrides)
    item = Application(call_id=call.id, person_id=person.id, **values)
    db.session.add(item)
    db.session.commit()
    return item
