"""Recording who changed what, and reading it back; the caller's service commits."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from blueprints.core.paging import Page, paginate
from extensions import db
from models import AuditEvent, Community, User

EVENTS_PER_PAGE = 50  # lines of the change log per page

# The first part of an action names its domain, e.g. "offer.approved" → offers.
DOMAINS = {
    "accounts": (_l("账号"), ("user", "invite")),
    "offers": (_l("便民服务"), ("offer", "partner")),
    "volunteers": (_l("志愿服务"), ("activity", "shift", "signup", "team", "team_member",
                                    "volunteer_link")),
    "issues": (_l("诉求"), ("issue", "box", "open311_key")),
    "classes": (_l("能人课堂"), ("course_request",)),
    "rooms": (_l("场地"), ("room", "room_booking")),
    "register": (_l("居民台账"), ("household", "household_tag", "person", "compound", "building",
                                  "grid", "register")),
    "exports": (_l("导出"), ("export",)),
}


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


def community_events(community: Community, domain: str | None = None,
                     limit: int = 200) -> list[AuditEvent]:
    """The community's latest recorded changes, newest first, optionally of one domain."""
    return list(db.session.scalars(_events(community, domain).limit(limit)))


def events_page(community: Community, domain: str | None, number: int,
                per_page: int = EVENTS_PER_PAGE) -> Page[AuditEvent]:
    """One page of the community's change log, newest first, optionally of one domain."""
    return paginate(_events(community, domain), number, per_page)


def _events(community: Community, domain: str | None):
    """The community's changes (of one domain when it is known), newest first, actors loaded."""
    query = (select(AuditEvent).where(AuditEvent.community_id == community.id)
             .options(selectinload(AuditEvent.actor))
             .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()))
    if domain in DOMAINS:
        prefixes = DOMAINS[domain][1]
        query = query.where(db.or_(*(AuditEvent.action.startswith(f"{p}.") for p in prefixes)))
    return query
