"""Recording who changed what; the caller's service commits with its change."""
from extensions import db
from models import AuditEvent, Community, User


def record_event(actor: User | None, action: str, target=None,
                 community: Community | None = None, **detail) -> AuditEvent:
    """Add an audit event to the current transaction."""
    event = AuditEvent(
        actor=actor,
        action=action,
        target_type=type(target).__name__ if target is not None else "",
        target_id=getattr(target, "id", None),
        community_id=community.id if community is not None else None,
        detail=detail,
    )
    db.session.add(event)
    return event
