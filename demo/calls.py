"""Recruitment call demo data: 流津社区 answers its residents' 书法 request with an open
招募令 (毛笔字入门, for the elderly, weekly), and two neighbours have applied to teach.
Safe to run twice: the call is only made while the request is still open."""
from datetime import timedelta

from sqlalchemy import select

from extensions import db
from models import Application, Community, CourseRequest, Person, RecruitmentCall
from models.base import utcnow

SUBJECT = "书法"
CALL = {"skill": "书法老师（毛笔字入门）", "audience": "中老年居民、放学后的孩子",
        "frequency": "每周四下午一次，先开8次",
        "details": "居民点课“书法”已有多位邻居想学。会写毛笔字、愿意从楷书笔画教起的邻居，"
                   "欢迎报名。社区提供活动室、笔墨纸砚。"}
# skill, experience, when free (the applicants are residents already in the demo)
APPLICANTS = [
    ("楷书、隶书", "退休语文教师，练字四十年，在老年大学代过课。", "周四下午、周六上午"),
    ("硬笔和毛笔楷书", "书法协会会员，给小学生上过兴趣课。", "工作日晚上、周末"),
]


def seed_community(community: Community) -> int:
    """The call and its applications; returns how many calls were new (0 or 1)."""
    item = db.session.scalar(select(CourseRequest).where(
        CourseRequest.community_id == community.id, CourseRequest.subject == SUBJECT,
        CourseRequest.status == "open"))
    if item is None:
        return 0
    now = utcnow()
    item.status, item.decided_at = "answered", now - timedelta(days=6)
    call = RecruitmentCall(community_id=community.id, request_id=item.id,
                           created_at=now - timedelta(days=6), **CALL)
    db.session.add(call)
    db.session.flush()
    people = db.session.scalars(select(Person).where(Person.community_id == community.id)
                                .order_by(Person.id).offset(20).limit(len(APPLICANTS)))
    for days, person, (skill, experience, free) in zip((4, 2), people, APPLICANTS):
        db.session.add(Application(call_id=call.id, person_id=person.id, name=person.name, skill=skill,
                                   experience=experience, availability=free,
                                   created_at=now - timedelta(days=days)))
    return 1


def seed() -> dict:
    """The 流津社区 call; safe to run again."""
    community = db.session.scalar(select(Community).where(Community.slug == "liujin"))
    created = {"liujin": seed_community(community) if community is not None else 0}
    db.session.commit()
    return created
