"""Course request rules: one support per number, merges without double counting, declines."""
import pytest
from sqlalchemy import select

from blueprints.classes import matching, services
from blueprints.classes.services import RequestError
from extensions import db
from models import AuditEvent, CourseSupport, Person
from tests.classes.factories import make_request
from tests.factories import make_community, make_user


@pytest.fixture
def community(app):
    return make_community(slug="liujin", name="流津社区")


@pytest.fixture
def staff(community):
    return make_user("staff", [community])


def test_the_proposer_is_the_first_supporter(community):
    item = services.propose(community, " 钩针编织 ", "从最简单的针法学起", "叶胜新", "139 1234 5678")
    assert (item.subject, item.status, item.support_count) == ("钩针编织", "open", 1)
    person = db.session.scalar(select(Person).where(Person.mobile == "13912345678"))
    assert person.name == "叶胜新" and services.supporters(item) == 1


def test_a_number_is_counted_once_however_it_is_written(community):
    item = make_request(community)
    assert services.support(item, "王芳", "13912345678") is True
    assert services.support(item, "王芳", "+86 139-1234-5678") is False
    assert services.support(item, "别人", "13912345679") is True
    assert item.support_count == 2 == services.supporters(item)


def test_supporting_keeps_the_stored_name_of_a_known_number(community):
    item = make_request(community)
    services.support(item, "王芳", "13912345678")
    services.support(make_request(community, subject="书法"), "冒名", "13912345678")
    assert db.session.scalar(select(Person.name).where(Person.mobile == "13912345678")) == "王芳"


def test_merge_moves_supporters_and_counts_a_shared_number_once(community, staff):
    target = make_request(community, subject="学钩织", supporters=2)
    duplicate = make_request(community, subject="钩针编织", supporters=3)
    services.support(target, "王芳", "13912345678")
    services.support(duplicate, "王芳", "13912345678")  # supports both: counted once after
    services.merge(duplicate, target, staff)
    assert (target.support_count, services.supporters(target)) == (6, 6)
    assert (duplicate.status, duplicate.merged_into_id, duplicate.support_count) == (
        "merged", target.id, 0)
    assert services.supporters(duplicate) == 0
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "course_request.merged"))
    assert (event.target_id, event.detail["into"], event.actor_id) == (duplicate.id, target.id, staff.id)


def test_a_merged_or_declined_request_takes_no_support(community, staff):
    target, duplicate = make_request(community, subject="太极"), make_request(community, subject="太极拳")
    services.merge(duplicate, target, staff)
    with pytest.raises(RequestError):
        services.support(duplicate, "王芳", "13912345678")
    services.decline(target, "暂时没有找到老师", staff)
    with pytest.raises(RequestError):
        services.support(target, "王芳", "13912345678")
    assert db.session.scalar(select(CourseSupport.id).join(Person).where(
        Person.mobile == "13912345678")) is None


def test_merge_refuses_itself_a_closed_target_and_another_community(community, staff):
    item, closed = make_request(community), make_request(community, subject="书法")
    services.decline(closed, "场地不够", staff)
    elsewhere = make_request(make_community(), subject="钩针")
    for target in (item, closed, elsewhere):
        with pytest.raises(RequestError):
            services.merge(item, target, staff)
    db.session.refresh(item)
    assert item.status == "open"


def test_decline_needs_a_reason_that_is_kept_and_logged(community, staff):
    item = make_request(community, supporters=4)
    with pytest.raises(RequestError) as refused:
        services.decline(item, "  ", staff)
    assert refused.value.field == "reason"
    services.decline(item, "社区暂时没有合适的场地，明年春天再议", staff)
    assert (item.status, item.decline_reason, item.support_count) == (
        "declined", "社区暂时没有合适的场地，明年春天再议", 4)
    assert item.decided_at is not None
    with pytest.raises(RequestError):
        services.decline(item, "again", staff)
    assert db.session.scalar(select(AuditEvent.detail).where(
        AuditEvent.action == "course_request.declined"))["reason"].startswith("社区暂时")


def test_open_requests_are_most_supported_first(community):
    few, many = make_request(community, "书法", 1), make_request(community, "面塑", 5)
    make_request(community, "杯花", 9, status="declined")
    assert [r.id for r in services.open_requests(community, 1)] == [many.id, few.id]


def test_similar_requests_share_meaningful_characters(community):
    crochet = make_request(community, "钩针编织", 3)
    phone = make_request(community, "智能手机使用", 1)
    make_request(community, "学钩织", 0, status="declined")  # closed: not offered
    assert matching.similar(community, "我想学钩织") == [crochet]
    assert matching.similar(community, "手机拍照") == [phone]
    assert matching.similar(community, "我想学课程") == []  # only common words
    assert matching.similar(community, "100%_") == []  # LIKE wildcards are plain text
    assert matching.keys("学 Python 编程") == ["python", "编"]


def test_similar_reads_a_bounded_number_of_candidates(community):
    for n in range(matching.MAX_CANDIDATES + 5):
        make_request(community, f"书法{n}")
    assert len(matching.similar(community, "书法", limit=100)) == matching.MAX_CANDIDATES
