"""Course requests (点课): proposing, supporting once per number, merging and declining.

No `request` here: routes call these functions, each runs in one transaction
(@transactional), and refusals are raised as RequestError with the field they belong to.
The support count lives in the request row and moves in the same transaction as the
support rows, by conditional UPDATEs: never read, add in Python, write back.
"""
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from blueprints.core.audit import record_event
from blueprints.core.paging import Page, paginate
from blueprints.core.transaction import transactional
from blueprints.volunteers.services import find_or_add
from extensions import db
from models import Community, CourseRequest, CourseSupport, Person, User
from models.base import utcnow
from models.classes import REQUEST_STATUSES

PUBLIC_PER_PAGE = 20
CLOSED_PER_PAGE = 10
STAFF_PER_PAGE = 30


CLOSED = _l("这个点课已经不再征集支持了。")


class RequestError(Exception):
    """A change the rules refuse; `field` is where to show it."""

    def __init__(self, message, field: str = "form"):
        super().__init__(message)
        self.message = message
        self.field = field


@transactional
def propose(community: Community, subject: str, details: str, name: str,
            mobile: str) -> CourseRequest:
    """A new open request; its proposer (found or added by number) is its first supporter."""
    person, _created = find_or_add(community, name, mobile)
    course_request = CourseRequest(community_id=community.id, subject=subject.strip(),
                                   details=(details or "").strip(), support_count=1)
    db.session.add(course_request)
    db.session.flush()
    db.session.add(CourseSupport(request_id=course_request.id, person_id=person.id))
    return course_request


@transactional
def support(course_request: CourseRequest, name: str, mobile: str) -> bool:
    """我也想学 from a number: True when counted, False when this number already supports it.

    The unique (request, person) row decides, so two taps at once count once; the count
    goes up only while the request is open (a merge or decline made meanwhile wins).
    """
    person, _created = find_or_add(course_request.community, name, mobile)
    return add_support(course_request, person)


def add_support(course_request: CourseRequest, person: Person) -> bool:
    """Count `person` once for the open request (inside the caller's transaction)."""
    if not course_request.is_open:
        raise RequestError(CLOSED)
    try:
        with db.session.begin_nested():
            db.session.add(CourseSupport(request_id=course_request.id, person_id=person.id))
    except IntegrityError:  # the savepoint is undone: this person already counted
        return False
    counted = db.session.execute(
        update(CourseRequest)
        .where(CourseRequest.id == course_request.id, CourseRequest.status == "open")
        .values(support_count=CourseRequest.support_count + 1)
        .execution_options(synchronize_session=False)).rowcount
    if counted != 1:  # merged or declined meanwhile: the whole support is undone
        raise RequestError(CLOSED)
    db.session.refresh(course_request)
    return True


def supporters(course_request: CourseRequest) -> int:
    """The supports counted in SQL (the stored count must always equal it)."""
    return db.session.scalar(select(func.count()).select_from(CourseSupport)
                             .where(CourseSupport.request_id == course_request.id))


@transactional
def merge(duplicate: CourseRequest, target: CourseRequest, actor: User) -> CourseRequest:
    """Merge a duplicate into another open request: its supporters move, each counted once."""
    if duplicate.id == target.id or duplicate.community_id != target.community_id:
        raise RequestError(_l("请选择本社区的另一个点课。"), "into")
    # Both rows are locked (PostgreSQL) by these conditional UPDATEs before supports move,
    # so a support arriving meanwhile either lands first (and moves) or finds it merged.
    if not _close(duplicate, status="merged", merged_into_id=target.id, support_count=0):
        raise RequestError(_l("只有征集中的点课可以合并。"))
    if not _still_open(target):
        raise RequestError(_l("只能合并到征集中的点课。"), "into")
    already = select(CourseSupport.person_id).where(CourseSupport.request_id == target.id)
    db.session.execute(update(CourseSupport)
                       .where(CourseSupport.request_id == duplicate.id,
                              CourseSupport.person_id.not_in(already))
                       .values(request_id=target.id).execution_options(synchronize_session=False))
    db.session.execute(delete(CourseSupport).where(CourseSupport.request_id == duplicate.id)
                       .execution_options(synchronize_session=False))
    db.session.execute(update(CourseRequest).where(CourseRequest.id == target.id)
                       .values(support_count=_counted(target.id))
                       .execution_options(synchronize_session=False))
    record_event(actor, "course_request.merged", duplicate, duplicate.community,
                 title=duplicate.subject, into=target.id)
    db.session.refresh(duplicate)
    db.session.refresh(target)
    return target


@transactional
def decline(course_request: CourseRequest, reason: str, actor: User) -> CourseRequest:
    """Decline an open request with a reason everyone sees; its supports stay counted."""
    reason = (reason or "").strip()
    if not reason:
        raise RequestError(_l("请写明不开课的理由，居民都能看到。"), "reason")
    if not _close(course_request, status="declined", decline_reason=reason):
        raise RequestError(_l("只有征集中的点课可以婉拒。"))
    record_event(actor, "course_request.declined", course_request, course_request.community,
                 title=course_request.subject, reason=reason)
    db.session.refresh(course_request)
    return course_request


def _close(course_request: CourseRequest, **values) -> bool:
    """Move an open request out of "open" with one conditional UPDATE; False if it was not."""
    return db.session.execute(
        update(CourseRequest)
        .where(CourseRequest.id == course_request.id, CourseRequest.status == "open")
        .values(decided_at=utcnow(), **values)
        .execution_options(synchronize_session=False)).rowcount == 1


def _still_open(course_request: CourseRequest) -> bool:
    """Lock the open request's row (a no-op UPDATE); False when it is no longer open."""
    return db.session.execute(
        update(CourseRequest)
        .where(CourseRequest.id == course_request.id, CourseRequest.status == "open")
        .values(support_count=CourseRequest.support_count)
        .execution_options(synchronize_session=False)).rowcount == 1


def _counted(request_id: int):
    return (select(func.count()).select_from(CourseSupport)
            .where(CourseSupport.request_id == request_id).scalar_subquery())


def get_request(community: Community, request_id: int) -> CourseRequest | None:
    """The request if it belongs to this community (what it was merged into loaded)."""
    return db.session.scalar(
        select(CourseRequest).where(CourseRequest.id == request_id,
                                    CourseRequest.community_id == community.id)
        .options(selectinload(CourseRequest.merged_into), selectinload(CourseRequest.call)))


def open_requests(community: Community, number: int,
                  per_page: int = PUBLIC_PER_PAGE) -> Page[CourseRequest]:
    """A page of the community's open requests, most supported first."""
    query = (select(CourseRequest)
             .where(CourseRequest.community_id == community.id, CourseRequest.status == "open")
             .order_by(CourseRequest.support_count.desc(), CourseRequest.id))
    return paginate(query, number, per_page)


def closed_requests(community: Community, number: int,
                    per_page: int = CLOSED_PER_PAGE) -> Page[CourseRequest]:
    """A page of the requests declined, merged or answered by a call, latest decision first."""
    query = (select(CourseRequest)
             .where(CourseRequest.community_id == community.id,
                    CourseRequest.status.in_(("declined", "merged", "answered")))
             .options(selectinload(CourseRequest.merged_into), selectinload(CourseRequest.call))
             .order_by(CourseRequest.decided_at.desc(), CourseRequest.id.desc()))
    return paginate(query, number, per_page)


def staff_requests(community: Community, status: str | None, number: int,
                   per_page: int = STAFF_PER_PAGE) -> Page[CourseRequest]:
    """A page of all the community's requests (of one status when given), newest first."""
    query = (select(CourseRequest).where(CourseRequest.community_id == community.id)
             .options(selectinload(CourseRequest.merged_into), selectinload(CourseRequest.call))
             .order_by(CourseRequest.created_at.desc(), CourseRequest.id.desc()))
    if status in REQUEST_STATUSES:
        query = query.where(CourseRequest.status == status)
    return paginate(query, number, per_page)


def merge_targets(community: Community, limit: int = 200) -> list[CourseRequest]:
    """Open requests a duplicate can be merged into, most supported first (bounded)."""
    return list(db.session.scalars(
        select(CourseRequest)
        .where(CourseRequest.community_id == community.id, CourseRequest.status == "open")
        .order_by(CourseRequest.support_count.desc(), CourseRequest.id).limit(limit)))
