"""The recruitment pages send as many queries with 10× the calls, applications and teachers.

One "unit": an open call with three applications (one accepted as a teacher, one declined),
a closed call, and a request answered by the open call.
"""
import pytest

from extensions import db
from models import Application, CourseRequest, Person, RecruitmentCall, Teacher
from tests.factories import login, make_community, make_compound, make_user
from tests.queries import add_units, assert_bounded


@pytest.fixture
def world(app):
    community = make_community(slug="liujin", name="流津社区")
    world = {"community": community, "units": 0, "compound": make_compound(community)}
    add_units(world, 1, _unit)
    return world


def _unit(world: dict, n: int) -> None:
    community = world["community"]
    item = CourseRequest(community_id=community.id, subject=f"课{n}", status="answered",
                         support_count=0)
    db.session.add(item)
    db.session.flush()
    calls = [RecruitmentCall(community_id=community.id, skill=f"老师{n}", request_id=item.id),
             RecruitmentCall(community_id=community.id, skill=f"旧{n}", status="closed")]
    people = [Person(community_id=community.id, name=f"能人{n}-{i}", mobile=f"138{n:04d}{i:04d}")
              for i in range(3)]
    db.session.add_all(calls + people)
    db.session.flush()
    teacher = Teacher(community_id=community.id, person_id=people[0].id, name=f"能人{n}",
                      skill="钩织", compound_id=world["compound"].id)
    db.session.add(teacher)
    db.session.flush()
    target = world.setdefault("call_id", calls[0].id)
    db.session.add_all([
        Application(call_id=target, person_id=people[0].id, name="甲", skill="钩织",
                    status="accepted", teacher_id=teacher.id),
        Application(call_id=target, person_id=people[1].id, name="乙", skill="钩织",
                    status="declined"),
        Application(call_id=target, person_id=people[2].id, name="丙", skill="钩织")])


def test_public_call_pages_stay_bounded(client, world):
    urls = ["/c/liujin/classes", "/c/liujin/classes?closed=2",
            f"/c/liujin/classes/calls/{world['call_id']}"]
    assert_bounded(client, urls, lambda: add_units(world, 9, _unit))


def test_staff_call_pages_stay_bounded(client, world):
    login(client, make_user("staff", [world["community"]]))
    urls = ["/staff/liujin/classes/calls", f"/staff/liujin/classes/calls/{world['call_id']}",
            f"/staff/liujin/classes/calls/{world['call_id']}?page=2",
            "/staff/liujin/classes/teachers", "/staff/liujin/classes/requests"]
    assert_bounded(client, urls, lambda: add_units(world, 9, _unit))
