"""Service requests: the public issues read through Open311, and issues filed through it.

Every check runs before anything is written, so a refused request stores nothing.
"""
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from blueprints.community.lookup import community_by_slug
from blueprints.core.audit import record_event
from blueprints.core.transaction import transactional
from blueprints.issues import services as issues
from blueprints.open311 import keys
from blueprints.open311.georeport import GeoReportError, parse_w3c
from extensions import db
from models import Community, Compound, Issue, Open311Key
from models.base import utcnow
from models.issues import CATEGORIES, OPEN_STATUSES
from models.people import is_mobile, normalize_mobile

MAX_DESCRIPTION = 4000  # GeoReport v2: "may be up to 4,000 characters"
DEFAULT_DAYS = 90  # without dates, the spec's default window
PAGE_SIZE, MAX_PAGE_SIZE, MAX_PAGE = 50, 100, 1000


@dataclass
class Filters:
    """What a GET requests.json asked for, checked."""

    community: Community | None
    codes: list[str]
    statuses: list[str]
    start: datetime
    end: datetime | None
    page: int
    page_size: int


def jurisdiction(slug: str | None) -> Community | None:
    """The community a jurisdiction_id names (None when not given); 404 when unknown."""
    if not slug:
        return None
    community = community_by_slug(slug.strip())
    if community is None:
        raise GeoReportError(404, "jurisdiction_id not found")
    return community


def _number(raw: str | None, default: int, top: int, field: str) -> int:
    if raw in (None, ""):
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= top:
        raise GeoReportError(400, f"{field} must be a whole number from 1 to {top}")
    return int(raw)


def read_filters(args) -> Filters:
    """The query string's filters; GeoReportError on anything unusable."""
    codes = [c for c in (args.get("service_code") or "").split(",") if c]
    if any(c not in CATEGORIES for c in codes):
        raise GeoReportError(404, "service_code not found")
    statuses = [s for s in (args.get("status") or "").split(",") if s]
    if any(s not in ("open", "closed") for s in statuses):
        raise GeoReportError(400, "status must be open or closed")
    start = parse_w3c(args["start_date"], "start_date") if args.get("start_date") else None
    end = parse_w3c(args["end_date"], "end_date") if args.get("end_date") else None
    if start and end and end < start:
        raise GeoReportError(400, "end_date is before start_date")
    if start is None:
        start = (end or utcnow()) - timedelta(days=DEFAULT_DAYS)
    return Filters(jurisdiction(args.get("jurisdiction_id")), codes, statuses, start, end,
                   _number(args.get("page"), 1, MAX_PAGE, "page"),
                   _number(args.get("page_size"), PAGE_SIZE, MAX_PAGE_SIZE, "page_size"))


def list_requests(filters: Filters) -> list[Issue]:
    """One bounded page of public issues, newest first, with their compounds."""
    query = (select(Issue).where(Issue.public.is_(True), Issue.created_at >= filters.start)
             .options(selectinload(Issue.compound))
             .order_by(Issue.created_at.desc(), Issue.id.desc()))
    if filters.community is not None:
        query = query.where(Issue.community_id == filters.community.id)
    if filters.end is not None:
        query = query.where(Issue.created_at <= filters.end)
    if filters.codes:
        query = query.where(Issue.category.in_(filters.codes))
    if filters.statuses == ["open"]:
        query = query.where(Issue.status.in_(OPEN_STATUSES))
    elif filters.statuses == ["closed"]:
        query = query.where(Issue.status.notin_(OPEN_STATUSES))
    size = filters.page_size
    return list(db.session.scalars(query.limit(size).offset((filters.page - 1) * size)))


def get_request(issue_id: int, plain_key: str | None = None) -> Issue | None:
    """A public issue; or one filed through Open311, for a live key of its community."""
    issue = db.session.scalar(select(Issue).where(Issue.id == issue_id)
                              .options(selectinload(Issue.compound)))
    if issue is None or issue.public:
        return issue
    key = keys.find_key(plain_key)
    if (issue.channel == "open311" and key is not None and key.active
            and key.community_id == issue.community_id):
        return issue
    return None


def live_key(plain: str | None) -> Open311Key:
    """The active key sent with a request; GeoReport's 403 when missing, unknown or revoked."""
    if not plain:
        raise GeoReportError(403, "api_key was not provided")
    key = keys.find_key(plain)
    if key is None:
        raise GeoReportError(403, "api_key is not valid")
    if not key.active:
        raise GeoReportError(403, "api_key has been revoked")
    return key


def _compound(community: Community, form) -> Compound:
    """The compound named by address_id, or whose name the address_string contains."""
    raw = (form.get("address_id") or "").strip()
    if raw:
        compound = db.session.get(Compound, int(raw)) if raw.isdigit() and len(raw) < 10 else None
        if compound is None or compound.community_id != community.id:
            raise GeoReportError(404, "address_id not found: use a compound id of the jurisdiction")
        return compound
    address = form.get("address_string") or ""
    for compound in community.compounds:
        if compound.name and compound.name in address:
            return compound
    raise GeoReportError(400, "address_id (a compound id) or an address_string naming a compound "
                              "of the jurisdiction is required")


def check_request(form) -> tuple[Open311Key, issues.Report]:
    """The key and the report a POST carries, or GeoReportError (nothing is written)."""
    key = live_key(form.get("api_key"))
    community = jurisdiction(form.get("jurisdiction_id")) or key.community
    if community.id != key.community_id:
        raise GeoReportError(403, "api_key is not valid for this jurisdiction_id")
    code = (form.get("service_code") or "").strip()
    if not code:
        raise GeoReportError(400, "service_code was not provided")
    if code not in CATEGORIES:
        raise GeoReportError(404, "service_code not found")
    description = (form.get("description") or "").strip()
    if not description:
        raise GeoReportError(400, "description was not provided")
    if len(description) > MAX_DESCRIPTION:
        raise GeoReportError(400, f"description is longer than {MAX_DESCRIPTION} characters")
    name = " ".join(p.strip() for p in (form.get("last_name"), form.get("first_name")) if p)
    phone = normalize_mobile(form.get("phone") or "")
    report = issues.Report(
        compound_id=_compound(community, form).id, category=code, what=description,
        where=(form.get("address_string") or "").strip()[:200], channel="open311",
        reporter_name=name[:40], reporter_mobile=phone if is_mobile(phone) else "")
    return key, report


@transactional
def file_request(key: Open311Key, report: issues.Report) -> Issue:
    """Put the request on the community's board, channel open311; the change log names the key."""
    issue = issues.report_issue(key.community, report)
    db.session.flush()
    key.last_used_at = utcnow()
    record_event(None, "issue.created", issue, key.community, channel="open311",
                 name=key.name, prefix=key.prefix)
    return issue
