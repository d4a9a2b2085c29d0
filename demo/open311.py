"""Open311 in the demo: 兴元社区 gave the city's 12345 hotline a key, and the hotline filed
one issue through it (channel open311). The key is a hash of a phrase nobody holds: staff
make a real one on /staff/xingyuan/open311. Safe to run twice."""
import hashlib

from sqlalchemy import select

from blueprints.issues import services as issues
from extensions import db
from models import Community, Issue, Open311Key, User

KEY_NAME = "12345 市民热线"


def seed() -> int:
    """The hotline's key and its one filed issue; returns the keys added (0 or 1)."""
    community = db.session.scalar(select(Community).where(Community.slug == "xingyuan"))
    if community is None or not community.compounds or db.session.scalar(
            select(Open311Key.id).where(Open311Key.community_id == community.id)):
        return 0
    staff = db.session.scalar(select(User).where(User.username == "xingyuan-staff"))
    digest = hashlib.sha256(b"demo:xingyuan:12345-hotline").hexdigest()
    db.session.add(Open311Key(community=community, name=KEY_NAME, prefix=digest[:8],
                              key_hash=digest, created_by=staff))
    if not db.session.scalar(select(Issue.id).where(Issue.channel == "open311")):
        issues.build_issue(community, issues.Report(
            compound_id=community.compounds[0].id, category="sanitation", channel="open311",
            what="市民来电：小区东门垃圾桶满溢，已两天无人清运。", where="东门垃圾桶"))
    db.session.commit()
    return 1
