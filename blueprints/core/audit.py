"""Recording who changed what, and reading it back; the caller's service commits."""
from dataclasses import dataclass
from datetime import date, time, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from blueprints.core import clock
from blueprints.core.paging import Page, paginate
from extensions import db
from models import AuditEvent, Community, User

EVENTS_PER_PAGE = 50  # lines of the change log per page
_MIDNIGHT = time(0, 0)

# The first part of an action names its domain, e.g. "offer.approved" → offers.
DOMAINS = {
    "accounts": (_l("账号"), ("user", "invite")),
    "offers": (_l("便民服务"), ("offer", "partner")),
    "volunteers": (_l("志愿服务"), ("activity", "shift", "signup", "team", "team_member",
                                    "volunteer_link")),
    "issues": (_l("诉求"), ("issue", "box", "open311_key")),
    "classes": (_l("能人课堂"), ("course_request", "call", "application", "teacher", "course")),
    "rooms": (_l("场地"), ("room", "room_booking")),
    "register": (_l("居民台账"), ("household", "household_tag", "person", "compound", "building",
                                  "grid", "register")),
    "exports": (_l("导出"), ("export",)),
    "visits": (_l("敲门走访"), ("visit_campaign", "visit", "visit_link")),
    "homeservice": (_l("上门服务"), ("home_offer", "home_booking", "service_card")),
}


@dataclass(frozen=True)
class LogFilters:
    """What the change log is narrowed to: one person, one domain, a range of Shanghai days."""

    actor_id: int | None = None
    domain: str | None = None
    start: date | None = None
    end: date | None = None


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


def events_page(community: Community, filters: LogFilters, number: int,
                per_page: int = EVENTS_PER_PAGE) -> Page[AuditEvent]:
    """One page of the community's change log, newest first, narrowed by the filters."""
    return paginate(events_query(community, filters), number, per_page)


def events_query(community: Community, filters: LogFilters):
    """The community's changes narrowed by person, domain and days, newest first, actors loaded."""
    query = (select(AuditEvent).where(AuditEvent.community_id == community.id)
             .options(selectinload(AuditEvent.actor))
             .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()))
    if filters.domain in DOMAINS:
        prefixes = DOMAINS[filters.domain][1]
        query = query.where(db.or_(*(AuditEvent.action.startswith(f"{p}.") for p in prefixes)))
    if filters.actor_id:
        query = query.where(AuditEvent.actor_id == filters.actor_id)
    if filters.start:
        query = query.where(AuditEvent.at >= clock.at(filters.start, _MIDNIGHT))
    if filters.end:  # the whole last day, in Shanghai
        query = query.where(AuditEvent.at < clock.at(filters.end + timedelta(days=1), _MIDNIGHT))
    return query


def actors(community: Community) -> list[tuple[int, str]]:
    """(id, name) of everyone who has changed something in the community: the person filter."""
    query = (select(User.id, User.display_name).where(
        User.id.in_(select(AuditEvent.actor_id).where(AuditEvent.community_id == community.id)))
        .order_by(User.display_name, User.id))
    return list(db.session.execute(query).tuples())
