"""Figures for staff and the monthly report: open counts, median time to resolve, within target."""
from datetime import date, datetime, timedelta
from statistics import median

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from blueprints.core import clock
from extensions import db
from models import Community, Issue
from models.issues import CATEGORIES, OPEN_STATUSES, STATUSES


def hours_to_resolve(created: datetime, resolved: datetime) -> float:
    """Elapsed hours between report and resolution."""
    return (resolved - created).total_seconds() / 3600


def summarize(rows) -> dict:
    """rows: (category, status, created_at, resolved_at) → open, resolved, median hours, within target."""
    durations, within = [], 0
    open_count = 0
    for category, status, created, resolved in rows:
        if status in OPEN_STATUSES:
            open_count += 1
        if resolved is not None:
            hours = hours_to_resolve(created, resolved)
            durations.append(hours)
            within += hours <= CATEGORIES[category][1]
    return {
        "open": open_count,
        "resolved": len(durations),
        "median_hours": median(durations) if durations else None,
        "within_target": within / len(durations) if durations else None,
    }


def figures(community: Community, by: str) -> list[dict]:
    """One row per category or per compound, from a single query."""
    key = Issue.category if by == "category" else Issue.compound_id
    query = select(key, Issue.category, Issue.status, Issue.created_at, Issue.resolved_at).where(
        Issue.community_id == community.id, Issue.status.notin_(("rejected", "duplicate")))
    groups: dict = {}
    for group, *row in db.session.execute(query):
        groups.setdefault(group, []).append(row)
    if by == "category":
        labels = [(code, label) for code, (label, _hours) in CATEGORIES.items()]
    else:
        labels = [(c.id, c.name) for c in community.compounds]
    return [{"key": k, "label": label, **summarize(groups.get(k, []))}
            for k, label in labels if k in groups]


def month_bounds(month: str) -> tuple[datetime, datetime]:
    """'2026-11' → the month's start and end in Asia/Shanghai, as aware datetimes."""
    year, number = (int(part) for part in month.split("-"))
    return clock.month_bounds(year, number)


def monthly_report(community: Community, month: str) -> dict:
    """Issues reported in the month by category and status, and the month's resolved list."""
    start, end = month_bounds(month)
    reported = list(db.session.scalars(select(Issue).where(
        Issue.community_id == community.id, Issue.created_at >= start, Issue.created_at < end)))
    resolved = list(db.session.scalars(
        select(Issue).where(Issue.community_id == community.id,
                            Issue.resolved_at >= start, Issue.resolved_at < end)
        .options(selectinload(Issue.compound)).order_by(Issue.resolved_at)))
    table = {}
    for issue in reported:
        table.setdefault(issue.category, {}).setdefault(issue.status, 0)
        table[issue.category][issue.status] += 1
    rows = [(label, [table.get(code, {}).get(s, 0) for s in STATUSES])
            for code, (label, _h) in CATEGORIES.items() if code in table]
    stats = summarize((i.category, i.status, i.created_at, i.resolved_at) for i in resolved)
    return {"month": month, "rows": rows, "statuses": list(STATUSES.values()),
            "reported": len(reported), "resolved": resolved, "stats": stats}


def month_of(day: date) -> str:
    """date → 'YYYY-MM'."""
    return f"{day.year:04d}-{day.month:02d}"


def previous_month(day: date) -> str:
    """The month before `day`'s month, as 'YYYY-MM'."""
    return month_of(day.replace(day=1) - timedelta(days=1))
