"""One community's figures for a period, counted in SQL: a fixed number of grouped queries.

Each function returns plain rows for a chart and its table. Months are the period's
buckets (period.bucket), so grouping by month is the same SQL on SQLite and PostgreSQL;
grouped expressions carry a label, as PostgreSQL only matches GROUP BY by name when the
expression holds parameters.
"""
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import and_, func, select

from blueprints.core import clock
from blueprints.issues.figures import summarize
from blueprints.figures.period import Period
from blueprints.visits.coverage import Coverage, coverage
from extensions import db
from models import Community, Compound, Issue
from models.homeservice import HomeBooking, HomeOffer, ServiceUse, VisitDate
from models.issues import CATEGORIES, IssueEvent
from models.offers import Offer, Partner
from models.visits import VisitCampaign
from models.volunteers import CLASS, Activity, Shift, Signup, Team

NOT_COUNTED = ("rejected", "duplicate")  # not issues the community had to solve


@dataclass
class Series:
    """Named rows of one number per month (a grouped bar chart and its table)."""

    months: tuple[str, ...]
    rows: list[tuple[str, list[float]]] = field(default_factory=list)

    def totals(self) -> list[float]:
        """The sum of every row, month by month."""
        return [sum(values[i] for _label, values in self.rows) for i in range(len(self.months))]


def _series(period: Period, grouped, labels: list[tuple]) -> Series:
    """rows (month index, key, n) → a Series in the order of `labels` [(key, label)]."""
    table: dict = {}
    for index, key, n in grouped:
        if 0 <= index < len(period.months):
            table.setdefault(key, [0] * len(period.months))[index] += n or 0
    return Series(period.months, [(label, table[key]) for key, label in labels if key in table])


def issues_by_category(community: Community, period: Period) -> Series:
    """Issues reported per month, one row per category."""
    month = period.bucket(Issue.created_at).label("month")
    query = (select(month, Issue.category, func.count(Issue.id))
             .where(Issue.community_id == community.id, Issue.status.notin_(NOT_COUNTED),
                    Issue.created_at >= period.start, Issue.created_at < period.end)
             .group_by(month, Issue.category))
    labels = [(code, str(label)) for code, (label, _h) in CATEGORIES.items()]
    return _series(period, db.session.execute(query), labels)


def issues_by_compound(community: Community, period: Period) -> Series:
    """Issues reported per month, one row per compound (names from the same query)."""
    month = period.bucket(Issue.created_at).label("month")
    query = (select(month, Compound.name, func.count(Issue.id))
             .join(Compound, Compound.id == Issue.compound_id)
             .where(Issue.community_id == community.id, Issue.status.notin_(NOT_COUNTED),
                    Issue.created_at >= period.start, Issue.created_at < period.end)
             .group_by(month, Compound.id, Compound.name).order_by(Compound.name))
    rows = list(db.session.execute(query))
    names = list(dict.fromkeys(name for _m, name, _n in rows))
    return _series(period, rows, [(n, n) for n in names])


@dataclass
class Resolution:
    """Per month: resolved, median hours to resolve, fixed the same day, reopened."""

    months: tuple[str, ...]
    resolved: list[int]
    median_hours: list[float | None]
    same_day: list[int]
    reopened: list[int]
    overall: dict  # figures.summarize of the whole period, plus same_day and reopened


def resolution(community: Community, period: Period) -> Resolution:
    """Time to resolve, same-day fixes and reopens ("not fixed") per month: two queries."""
    size = len(period.months)
    resolved_month = period.bucket(Issue.resolved_at)
    rows = db.session.execute(
        select(resolved_month, Issue.category, Issue.status, Issue.created_at, Issue.resolved_at)
        .where(Issue.community_id == community.id, Issue.resolved_at >= period.start,
               Issue.resolved_at < period.end)).all()
    per_month = [[] for _ in range(size)]
    same_day = [0] * size
    for index, *row in rows:
        per_month[index].append(row)
        same_day[index] += clock.today(row[2]) == clock.today(row[3])
    reopened = [0] * size
    reopen_month = period.bucket(IssueEvent.at).label("month")
    for index, n in db.session.execute(
            select(reopen_month, func.count(IssueEvent.id)).join(Issue, Issue.id == IssueEvent.issue_id)
            .where(Issue.community_id == community.id, IssueEvent.from_status == "resolved",
                   IssueEvent.to_status == "in_progress",
                   IssueEvent.at >= period.start, IssueEvent.at < period.end)
            .group_by(reopen_month)):
        reopened[index] = n
    summaries = [summarize(month_rows) for month_rows in per_month]
    overall = summarize(row for month_rows in per_month for row in month_rows)
    overall.update(same_day=sum(same_day), reopened=sum(reopened))
    return Resolution(period.months, [s["resolved"] for s in summaries],
                      [s["median_hours"] for s in summaries], same_day, reopened, overall)


def volunteer_hours(community: Community, period: Period) -> Series:
    """Hours of attended volunteer shifts per month, one row per team (the sign-up's team,
    else the activity's; 其他 when neither)."""
    month = period.bucket(Shift.starts_at).label("month")
    team_id = func.coalesce(Signup.team_id, Activity.team_id)
    query = (select(month, Team.name, func.sum(Signup.minutes))
             .select_from(Signup).join(Shift, Shift.id == Signup.shift_id)
             .join(Activity, Activity.id == Shift.activity_id)
             .outerjoin(Team, Team.id == team_id)
             .where(Activity.community_id == community.id, Signup.status == "attended",
                    Signup.minutes > 0,
                    Shift.starts_at >= period.start, Shift.starts_at < period.end)
             .group_by(month, Team.id, Team.name).order_by(Team.name))
    rows = [(m, name or _("其他"), minutes / 60) for m, name, minutes in db.session.execute(query)]
    names = list(dict.fromkeys(name for _m, name, _h in rows))
    return _series(period, rows, [(n, n) for n in names])


def attendance(community: Community, period: Period) -> Series:
    """Sign-ups and attendance per month, of activities and of classes (learners only)."""
    month = period.bucket(Shift.starts_at).label("month")
    is_class = (Activity.category == CLASS).label("is_class")
    attended = (Signup.status == "attended").label("attended")
    query = (select(month, is_class, attended, func.count(Signup.id))
             .select_from(Signup).join(Shift, Shift.id == Signup.shift_id)
             .join(Activity, Activity.id == Shift.activity_id)
             .where(Activity.community_id == community.id, Signup.role == "",
                    Signup.status != "cancelled",
                    Shift.starts_at >= period.start, Shift.starts_at < period.end)
             .group_by(month, is_class, attended))
    rows = []
    for m, classes, attended, n in db.session.execute(query):
        kind = "class" if classes else "activity"
        rows.append((m, (kind, "signups"), n))
        if attended:
            rows.append((m, (kind, "attended"), n))
    labels = [(("activity", "signups"), _("活动报名")), (("activity", "attended"), _("活动到场")),
              (("class", "signups"), _("课程报名")), (("class", "attended"), _("课程到场"))]
    return _series(period, rows, labels)


def services_by_partner(community: Community, period: Period) -> list[tuple[str, int, int]]:
    """(partner, home visits done, card scans) in the period, most first: two queries."""
    done = dict(db.session.execute(
        select(Partner.name, func.count(HomeBooking.id)).select_from(HomeBooking)
        .join(VisitDate, VisitDate.id == HomeBooking.visit_date_id)
        .join(HomeOffer, HomeOffer.id == VisitDate.home_offer_id)
        .join(Offer, Offer.id == HomeOffer.offer_id).join(Partner, Partner.id == Offer.partner_id)
        .where(HomeBooking.community_id == community.id, HomeBooking.outcome == "done",
               VisitDate.day >= period.first_day, VisitDate.day < period.last_day)
        .group_by(Partner.id, Partner.name)).all())
    scans = dict(db.session.execute(
        select(Partner.name, func.count(ServiceUse.id)).select_from(ServiceUse)
        .join(Offer, Offer.id == ServiceUse.offer_id).join(Partner, Partner.id == Offer.partner_id)
        .where(ServiceUse.community_id == community.id, ServiceUse.kind == "card",
               ServiceUse.day >= period.first_day, ServiceUse.day < period.last_day)
        .group_by(Partner.id, Partner.name)).all())
    rows = [(name, done.get(name, 0), scans.get(name, 0)) for name in {**done, **scans}]
    return sorted(rows, key=lambda r: (-(r[1] + r[2]), r[0]))


def latest_round(community: Community, period: Period) -> tuple[VisitCampaign | None, Coverage | None]:
    """The latest door-knocking round that ran in the period, and its coverage per grid."""
    campaign = db.session.scalar(
        select(VisitCampaign).where(and_(
            VisitCampaign.community_id == community.id,
            VisitCampaign.starts_on < period.last_day, VisitCampaign.ends_on >= period.first_day))
        .order_by(VisitCampaign.starts_on.desc(), VisitCampaign.id.desc()).limit(1))
    return (campaign, coverage(campaign)) if campaign else (None, None)

