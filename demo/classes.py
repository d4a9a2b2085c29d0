"""Course request demo data from the article: 流津社区's residents ask for crochet, cup
flowers, dough figures …; 兴元社区's for 太极 and phone classes. One request is declined
with its public reason and one merged into another. Safe to run twice: a request is only
created (with its supports) when its subject is new in the community."""
from datetime import timedelta

from sqlalchemy import select

from extensions import db
from models import Community, CourseRequest, CourseSupport, Person
from models.base import utcnow

# subject, details, supporters, status, decline reason or the subject merged into
REQUESTS = {
    "liujin": [
        ("钩针编织", "想跟叶胜新老师学钩织，从最简单的针法学起，能钩杯垫、小包。", 14, "open", ""),
        ("杯花", "用一次性纸杯做花，给孙子做手工作业也用得上。", 9, "open", ""),
        ("面塑", "捏面人，过年给孩子们捏生肖。", 7, "open", ""),
        ("智能手机使用", "挂号、扫码乘车、视频通话，一步一步教。", 12, "open", ""),
        ("书法", "毛笔字入门，楷书。", 5, "open", ""),
        ("学钩织", "", 3, "merged", "钩针编织"),
        ("油画", "", 2, "declined", "社区暂时没有会油画的能人，颜料费用也较高；有愿意教的邻居请告诉我们。"),
    ],
    "xingyuan": [
        ("太极", "早上在小广场打太极，想有人从头教。", 11, "open", ""),
        ("智能手机使用", "防诈骗、微信支付、看医保。", 8, "open", ""),
        ("剪纸", "", 4, "open", ""),
        ("太极拳", "", 2, "merged", "太极"),
    ],
}


def seed_community(community: Community) -> int:
    """The community's requests and supports; returns how many requests were new."""
    people = list(db.session.scalars(select(Person).where(Person.community_id == community.id)
                                     .order_by(Person.id).limit(20)))
    known = set(db.session.scalars(select(CourseRequest.subject)
                                   .where(CourseRequest.community_id == community.id)))
    made: dict[str, CourseRequest] = {}
    created = 0
    for index, (subject, details, count, status, note) in enumerate(REQUESTS[community.slug]):
        if subject in known:
            continue
        asked = utcnow() - timedelta(days=30 - index * 3)
        item = CourseRequest(community_id=community.id, subject=subject, details=details,
                             status=status, created_at=asked)
        if status == "declined":
            item.decline_reason, item.decided_at = note, asked + timedelta(days=5)
        db.session.add(item)
        db.session.flush()
        supporters = people[index:] + people[:index]  # different faces per request
        if status == "merged" and note in made:
            # Its supporters went over to the request it duplicated (counted once there).
            item.merged_into_id, item.decided_at = made[note].id, asked + timedelta(days=2)
            _support(made[note], supporters[:count])
        else:
            _support(item, supporters[:count])
        made[subject] = item
        created += 1
    return created


def _support(item: CourseRequest, people: list[Person]) -> None:
    """Add these people's supports that are not there yet, and keep the count in step."""
    already = set(db.session.scalars(select(CourseSupport.person_id)
                                     .where(CourseSupport.request_id == item.id)))
    for person in people:
        if person.id not in already:
            db.session.add(CourseSupport(request_id=item.id, person_id=person.id,
                                         created_at=item.created_at))
            already.add(person.id)
    item.support_count = len(already)


def seed() -> dict:
    """Course requests for both demo communities; safe to run again."""
    created = {}
    for slug in REQUESTS:
        community = db.session.scalar(select(Community).where(Community.slug == slug))
        if community is not None:
            created[slug] = seed_community(community)
    db.session.commit()
    return created
