"""Similar open requests for a subject being proposed: "钩针编织" finds "学钩织".

Simple on purpose: the meaningful characters of the typed subject (Chinese characters,
and whole words of letters or digits) are looked up with one bounded LIKE query, and the
candidates are ranked by how many of those they share. Words that every request
contains (学, 课, 想 …) are ignored, or everything would match everything.
"""
import re

from sqlalchemy import or_, select

from extensions import db
from models import Community, CourseRequest

# Characters that say "a class" rather than what the class is about.
COMMON = set("我想学习课程班的了一个些教会如何怎么样请和与及在用做下上")
WORD = re.compile(r"[a-z0-9]+|[\u3400-\u9fff]")
MAX_KEYS = 12          # characters looked up; a longer subject adds nothing
MAX_CANDIDATES = 50    # rows read, whatever the community's size
SHOWN = 3


def keys(subject: str) -> list[str]:
    """The distinct meaningful characters and words of a subject, in order."""
    found = []
    for key in WORD.findall((subject or "").lower()):
        if key not in COMMON and key not in found:
            found.append(key)
    return found[:MAX_KEYS]


def score(subject: str, other: str) -> int:
    """How many meaningful characters or words two subjects share."""
    return len(set(keys(subject)) & set(keys(other)))


def similar(community: Community, subject: str, limit: int = SHOWN) -> list[CourseRequest]:
    """The open requests of the community most like `subject`, best first (at most `limit`)."""
    wanted = keys(subject)
    if not wanted:
        return []
    query = (select(CourseRequest)
             .where(CourseRequest.community_id == community.id, CourseRequest.status == "open",
                    or_(*(CourseRequest.subject.contains(k, autoescape=True) for k in wanted)))
             .order_by(CourseRequest.support_count.desc(), CourseRequest.id)
             .limit(MAX_CANDIDATES))
    ranked = [(score(subject, r.subject), r) for r in db.session.scalars(query)]
    ranked = [pair for pair in ranked if pair[0] > 0]
    ranked.sort(key=lambda pair: (-pair[0], -pair[1].support_count, pair[1].id))
    return [request for _score, request in ranked[:limit]]
