"""make_<thing> helpers for console tests."""
from datetime import timedelta

from blueprints.core.audit import record_event
from extensions import db
from models.base import utcnow


def make_log(community, n, action="offer.approved", actor=None):
    """`n` change-log lines 服务00…, a minute apart, the last the newest."""
    for i in range(n):
        event = record_event(actor, action, None, community, title=f"服务{i:02d}")
        event.at = utcnow() - timedelta(minutes=n - i)
    db.session.commit()
