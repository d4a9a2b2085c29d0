"""Issue rules and writes: intake, the status workflow, comments, visibility, 我也遇到.

Box openings live in boxes.py, meetings and cost sharing in costs.py."""
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from blueprints.core.audit import record_event
from blueprints.core.paging import Page, paginate
from blueprints.core.transaction import transactional
from blueprints.core.uploads import delete_image, save_image
from blueprints.issues.workflow import (
    NEEDS_ASSIGNEE,
    NEEDS_REASON,
    IllegalTransition,
    MissingDetail,
    NotAllowed,
    check_move,
    may_move,
)
from extensions import db
from models import (
    Building,
    Community,
    Compound,
    Issue,
    IssueEvent,
    IssuePhoto,
    MeToo,
    User,
)
from models.base import utcnow
from models.issues import CATEGORIES
from models.people import normalize_mobile

__all__ = ["IllegalTransition", "MissingDetail", "NotAllowed"]
MAX_PHOTOS = 3
PUBLIC_PAGE_SIZE = 20  # issues per page of the public board (a phone screen or three)
CONSOLE_ROLES = ("admin", "staff", "grid_worker")


class EmptyReport(ValueError):
    """A report with no description."""


class IssueClosed(ValueError):
    """The issue is finished (closed, refused or merged): no more 我也遇到 or reporter comments."""


FINISHED = ("closed", "rejected", "duplicate")


@dataclass
class Report:
    """What someone reported, from any channel."""

    compound_id: int
    category: str
    what: str
    where: str = ""
    building_id: int | None = None
    channel: str = "web"
    reporter_name: str = ""
    reporter_mobile: str = ""
    anonymous: bool = False
    public: bool = False
    photos: list = field(default_factory=list)  # readable streams


PHOTO_FOLDER = "uploads/issues"  # issue photos and quote scans, in the shared storage


def store_photos(streams) -> list[IssuePhoto]:
    """Check and re-encode every photo first; on a refusal none of them stay stored."""
    stored = []
    try:
        for stream in list(streams)[:MAX_PHOTOS]:
            stored.append(save_image(stream, PHOTO_FOLDER))
    except Exception:
        # The service's rollback undoes them too; this also covers a caller outside one.
        for image in stored:
            delete_image(PHOTO_FOLDER, image.name)
        raise
    return [IssuePhoto(file_name=s.name, content_type=s.content_type) for s in stored]


def community_compound(community: Community, compound_id: int) -> Compound:
    compound = db.session.get(Compound, compound_id)
    if compound is None or compound.community_id != community.id:
        raise LookupError("compound")
    return compound


def _building(compound: Compound, building_id: int | None) -> Building | None:
    if not building_id:
        return None
    building = db.session.get(Building, building_id)
    return building if building is not None and building.compound_id == compound.id else None


def timeline_line(issue: Issue, kind: str, actor: User | None = None, note: str = "",
                  by_reporter: bool = False, public_note: bool = False,
                  amount_fen: int | None = None, **statuses) -> IssueEvent:
    """Append a line to the issue's timeline (the caller commits)."""
    event = IssueEvent(kind=kind, actor=actor, note=note, by_reporter=by_reporter,
                       public_note=public_note and not by_reporter, amount_fen=amount_fen,
                       from_status=statuses.get("from_status", ""),
                       to_status=statuses.get("to_status", ""))
    issue.events.append(event)
    issue.updated_at = utcnow()
    return event


def build_issue(community: Community, report: Report, actor: User | None = None) -> Issue:
    """A new issue with its first timeline line and photos, added but not committed."""
    if not report.what.strip():
        raise EmptyReport()
    if report.public and actor is not None and actor.role == "grid_worker":
        raise NotAllowed("public")
    compound = community_compound(community, report.compound_id)
    mobile = "" if report.anonymous else normalize_mobile(report.reporter_mobile)
    issue = Issue(
        community=community, compound=compound, building=_building(compound, report.building_id),
        channel=report.channel, category=report.category, what=report.what.strip(),
        where=report.where.strip(), public=report.public, anonymous=report.anonymous,
        reporter_name="" if report.anonymous else report.reporter_name.strip(),
        reporter_mobile=mobile, entered_by=actor, status="new",
    )
    photos = store_photos(report.photos)
    event = timeline_line(issue, "created", actor=actor, to_status="new", by_reporter=actor is None)
    _attach(issue, event, photos)
    db.session.add(issue)
    return issue


def _attach(issue: Issue, event: IssueEvent, photos: list[IssuePhoto]) -> None:
    """Hang stored photos on the issue first, then on the timeline line (no half-added rows)."""
    with db.session.no_autoflush:
        for photo in photos:
            issue.photos.append(photo)
            photo.event = event


@transactional
def report_issue(community: Community, report: Report, actor: User | None = None) -> Issue:
    """Record an issue from the public form, a phone call or a patrol."""
    issue = build_issue(community, report, actor)
    if actor is not None:
        db.session.flush()
        record_event(actor, "issue.created", issue, community, channel=report.channel)
    return issue


def console_users(community: Community) -> list[User]:
    """Staff and grid workers of the community, who can be assigned issues."""
    query = (select(User).where(User.role.in_(CONSOLE_ROLES), User.active.is_(True))
             .where(User.communities.any(id=community.id)).order_by(User.display_name))
    return list(db.session.scalars(query))


@transactional
def change_status(issue: Issue, to_status: str, actor: User | None, note: str = "",
                  assignee: User | None = None, merged_into: Issue | None = None,
                  by_reporter: bool = False, photos=(), public_note: bool = False) -> Issue:
    """Move an issue along the workflow, or raise IllegalTransition / MissingDetail."""
    from_status = issue.status
    check_move(from_status, to_status)
    if not may_move(actor, issue, to_status, assignee):
        raise NotAllowed(to_status)
    _check_details(issue, to_status, note, assignee, merged_into)
    # Photos first: a refused one must leave the issue untouched.
    stored = store_photos(photos) if photos else []
    issue.status = to_status
    if to_status == "assigned":
        issue.assignee = assignee
    if to_status == "duplicate":
        issue.merged_into = merged_into
    if to_status in NEEDS_REASON:
        issue.reason = note.strip()
    _stamp_times(issue, to_status)
    event = timeline_line(issue, "status", actor, note.strip(), by_reporter, public_note,
                   from_status=from_status, to_status=to_status)
    _attach(issue, event, stored)
    detail = {"from_status": from_status, "to_status": to_status}
    if to_status == "assigned":
        event.assignee = assignee
        detail["assignee_id"] = assignee.id
    if actor is not None:
        record_event(actor, "issue.status", issue, issue.community, **detail)
    return issue


def _check_details(issue: Issue, to_status: str, note: str, assignee, merged_into) -> None:
    """Reason, assignee or original issue, where the move needs one."""
    if to_status in NEEDS_REASON and not note.strip():
        raise MissingDetail("reason")
    if to_status in NEEDS_ASSIGNEE and (
            assignee is None or not assignee.can_access(issue.community)
            or assignee.role not in CONSOLE_ROLES):
        raise MissingDetail("assignee")
    if to_status == "duplicate" and (
            merged_into is None or merged_into.id == issue.id
            or merged_into.community_id != issue.community_id):
        raise MissingDetail("merged_into")


def _stamp_times(issue: Issue, to_status: str) -> None:
    """resolved_at counts from the last resolution; a reopen clears it."""
    now = utcnow()
    if to_status == "resolved":
        issue.resolved_at = now
    elif to_status == "in_progress":
        issue.resolved_at = None
    elif to_status == "closed":
        issue.closed_at = now


@transactional
def add_comment(issue: Issue, note: str, actor: User | None = None, by_reporter: bool = False,
                photos=(), public_note: bool = False) -> IssueEvent:
    """A note (with photos) on the timeline, from staff or from the reporter; staff notes are
    shown outside the console only with `public_note`."""
    if not note.strip() and not photos:
        raise EmptyReport()
    if by_reporter and issue.status in FINISHED:
        raise IssueClosed(issue.status)
    stored = store_photos(photos) if photos else []
    event = timeline_line(issue, "comment", actor, note.strip(), by_reporter, public_note)
    _attach(issue, event, stored)
    if actor is not None:
        record_event(actor, "issue.comment", issue, issue.community, public_note=public_note)
    return event


def reporter_verdict(issue: Issue, fixed: bool, note: str = "") -> Issue:
    """The reporter confirms a resolved issue (closed) or says it is not fixed (reopened)."""
    if issue.status != "resolved":
        raise IllegalTransition(issue.status, "closed" if fixed else "in_progress")
    if fixed:
        return change_status(issue, "closed", None, note or "报告人确认已解决", by_reporter=True)
    if not note.strip():
        raise MissingDetail("reason")
    return change_status(issue, "in_progress", None, note, by_reporter=True)


@transactional
def revoke_follow_link(issue: Issue, actor: User) -> Issue:
    """Stop the reporter's follow link from working; the issue gets a new one."""
    issue.follow_version += 1
    record_event(actor, "issue.follow_link_revoked", issue, issue.community)
    return issue


@transactional
def set_public(issue: Issue, public: bool, actor: User) -> Issue:
    """Show the issue on the public board, or take it off."""
    issue.public = public
    timeline_line(issue, "public" if public else "private", actor)
    record_event(actor, "issue.public" if public else "issue.private", issue, issue.community)
    return issue


@transactional
def me_too(issue: Issue, mobile: str) -> bool:
    """Count one 我也遇到 per number; False when this number already counted; IssueClosed
    unless the issue is still open."""
    if not issue.is_open:
        raise IssueClosed(issue.status)
    number = normalize_mobile(mobile)
    try:
        with db.session.begin_nested():
            db.session.add(MeToo(issue_id=issue.id, mobile=number))
    except IntegrityError:  # the savepoint is undone: this number already counted
        return False
    db.session.execute(update(Issue).where(Issue.id == issue.id)
                       .values(me_too_count=Issue.me_too_count + 1))
    db.session.refresh(issue)
    return True


def get_issue(community: Community, issue_id: int) -> Issue | None:
    """The issue if it belongs to this community, its timeline loaded in a fixed few queries."""
    events = selectinload(Issue.events)
    query = (select(Issue).where(Issue.id == issue_id, Issue.community_id == community.id)
             .options(events.selectinload(IssueEvent.actor), events.selectinload(IssueEvent.photos),
                      events.selectinload(IssueEvent.assignee), selectinload(Issue.compound),
                      selectinload(Issue.building), selectinload(Issue.assignee),
                      selectinload(Issue.merged_into)))
    return db.session.scalar(query)


def is_overdue(issue: Issue, now: datetime | None = None) -> bool:
    """Open past its category's target time."""
    if not issue.is_open:
        return False
    hours = CATEGORIES[issue.category][1]
    return (now or utcnow()) - issue.created_at > timedelta(hours=hours)


def public_issues(community: Community, compound_id=None, category=None, status=None,
                  number: int = 1) -> Page[Issue]:
    """One page of the public issues, open and recently resolved, newest first."""
    query = (select(Issue).where(Issue.community_id == community.id, Issue.public.is_(True))
             .where(Issue.status.notin_(("rejected", "duplicate")))
             .options(selectinload(Issue.compound))
             .order_by(Issue.created_at.desc(), Issue.id.desc()))
    recent = utcnow() - timedelta(days=60)
    query = query.where((Issue.resolved_at.is_(None)) | (Issue.resolved_at >= recent))
    if compound_id:
        query = query.where(Issue.compound_id == compound_id)
    if category:
        query = query.where(Issue.category == category)
    if status:
        query = query.where(Issue.status == status)
    return paginate(query, number, PUBLIC_PAGE_SIZE)
