"""Printed documents of the issue board, registered with printing/.

Opinion-box posters, the cost notice and the monthly report.
"""
import re
from dataclasses import replace

from flask_babel import lazy_gettext as _l

from blueprints.core import clock
from blueprints.figures import charts, panels, period
from blueprints.issues import costs, figures
from blueprints.issues.services import get_issue
from models import Community
from models.issues import STATUSES
from printing.links import public_url, report_form_url
from printing.qr import qr_data_uri
from printing.registry import Document, DocumentError, PrintJob, register_document


# 民意收集箱 poster: one A4 page per compound with a QR code to the report form.
def build_opinion_box(community: Community, options: dict) -> PrintJob:
    """Pages for every compound, or only `--compound <id>`."""
    compounds = community.compounds
    if wanted := options.get("compound"):
        compounds = [c for c in compounds if str(c.id) == str(wanted)]
        if not compounds:
            raise DocumentError(f"no compound {wanted} in {community.slug}")
    pages = []
    for compound in compounds:
        url = report_form_url(community.slug, compound.id)
        pages.append({"compound": compound, "url": url, "qr": qr_data_uri(url)})
    return PrintJob(
        template="issues/print/opinion_box.html",
        context={"pages": pages},
        filename=f"opinion-box-{community.slug}.pdf",
    )


register_document(
    Document(
        name="opinion-box",
        title=_l("民意收集箱海报"),
        build=build_opinion_box,
        options={"compound": "print only this compound id"},
    )
)


# 费用分摊公示 (cost-share notice of one issue) and the monthly issue report of a community.
def build_cost_notice(community: Community, options: dict) -> PrintJob:
    """The notice board sheet: total, chosen quote, meetings, split per household, no names."""
    raw = str(options.get("issue", ""))
    issue = get_issue(community, int(raw)) if raw.isdigit() and len(raw) < 10 else None
    if issue is None:
        raise DocumentError(f"cost-notice needs --issue <id> of an issue in {community.slug}")
    summary = costs.cost_summary(issue)
    if summary is None:
        raise DocumentError(f"issue {issue.id} has no chosen quote yet")
    context = {"issue": issue, "summary": summary, "quotes": costs.quotes_of(issue),
               "meetings": costs.meetings_of(issue), "shares": costs.shares_of(issue),
               "qr": _qr(issue)}
    return PrintJob("issues/print/cost_notice.html", context, f"cost-notice-{community.slug}-{issue.id}.pdf")


def cost_notice_choices(community: Community) -> dict[str, list[tuple[str, str]]]:
    """The issues whose costs can be put up: those with a chosen quote, newest first."""
    return {"issue": [(str(issue.id), f"#{issue.id} {issue.what[:24]}")
                      for issue in costs.issues_with_chosen_quote(community)]}


def _qr(issue) -> str | None:
    """A QR code to the issue's public page, when it has one."""
    if not issue.public:
        return None
    return qr_data_uri(public_url("issues.detail", slug=issue.community.slug, issue_id=issue.id))


def build_monthly_report(community: Community, options: dict) -> PrintJob:
    """Issues of a month by category and status, median time to resolve, the resolved list."""
    month = options.get("month") or figures.previous_month(clock.today())
    if not re.fullmatch(r"(19|20)\d\d-(0[1-9]|1[0-2])", month):
        raise DocumentError("--month must look like 2026-11 (a month of 1900–2099)")
    report = figures.monthly_report(community, month)
    context = {"report": report, "statuses": STATUSES, "panels": _chart_panels(community, month)}
    return PrintJob("issues/print/monthly_report.html", context, f"issues-{community.slug}-{month}.pdf")


def _chart_panels(community: Community, month: str) -> list:
    """The figures page's charts for the six months up to the report's month, for print."""
    year, number = (int(part) for part in month.split("-"))
    first = (year, number - 5) if number > 5 else (year - 1, number + 7)
    months = period.month_period(first, (year, number))
    return [replace(p, svg=charts.for_print(p.svg)) for p in panels.all_panels(community, months)]


register_document(Document(
    name="cost-notice", title=_l("费用分摊公示"), build=build_cost_notice,
    options={"issue": "issue id (required)"}, choices=cost_notice_choices,
))
register_document(Document(
    name="monthly-report", title=_l("诉求月度报告"), build=build_monthly_report,
    options={"month": "YYYY-MM (default: last month)"},
))
