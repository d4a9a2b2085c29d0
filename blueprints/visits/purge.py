"""Anonymising old visit answers (PIPL: keep personal data no longer than needed).

What residents said in their own words — the need heard at the door and free-text answers —
is cleared once the visit is older than PURGE_VISIT_ANSWER_DAYS (default two years). The
outcome, numbers and choices stay, so a round's coverage and figures do not change; an
issue made from a need keeps its own text on the board. Same shape as the register's
purgers: visit_answers(now, config) returns how many visits it changed (commands/purge.py).
"""
from datetime import datetime, timedelta

from sqlalchemy import select, update

from blueprints.core.audit import record_event
from blueprints.core.transaction import transactional
from extensions import db
from models import Community
from models.visits import Visit, VisitAnswer, VisitQuestion

DEFAULT_DAYS = 730
DEFAULT_BATCH = 1000


def _words():
    """Free-text answers (kind 'text') that still hold words."""
    return (select(VisitAnswer.id).join(VisitQuestion, VisitQuestion.id == VisitAnswer.question_id)
            .where(VisitQuestion.kind == "text", VisitAnswer.text != ""))


@transactional
def visit_answers(now: datetime, config) -> int:
    """Clear the needs and free-text answers of visits older than the period."""
    cutoff = now - timedelta(days=config.get("PURGE_VISIT_ANSWER_DAYS", DEFAULT_DAYS))
    words = _words().where(VisitAnswer.visit_id == Visit.id).exists()
    rows = db.session.execute(
        select(Visit.id, Visit.community_id).where(Visit.visited_at < cutoff,
                                                   (Visit.need != "") | words)
        .order_by(Visit.id).limit(config.get("PURGE_BATCH", DEFAULT_BATCH))).all()
    ids = [visit_id for visit_id, _community in rows]
    if not ids:
        return 0
    db.session.execute(update(Visit).where(Visit.id.in_(ids)).values(need=""))
    db.session.execute(update(VisitAnswer).where(VisitAnswer.visit_id.in_(ids),
                                                 VisitAnswer.id.in_(_words()))
                       .values(text="").execution_options(synchronize_session=False))
    per_community: dict[int, int] = {}
    for _visit, community_id in rows:
        per_community[community_id] = per_community.get(community_id, 0) + 1
    for community_id, count in per_community.items():
        record_event(None, "visit.purged", None, db.session.get(Community, community_id),
                     visits=count)
    return len(ids)
