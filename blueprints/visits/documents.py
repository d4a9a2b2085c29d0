"""Printed documents of the rounds, registered with printing/: a grid's visit sheet (paper
rounds, typed back in on the entry page) and the campaign report."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from blueprints.core import clock
from blueprints.core.fields import db_int
from blueprints.visits import campaigns, services
from blueprints.visits.coverage import coverage
from extensions import db
from models import Community, Household
from models.visits import Visit, VisitCampaign
from printing.links import public_url
from printing.qr import qr_data_uri
from printing.registry import Document, DocumentError, PrintJob, register_document

SHEET_LIMIT = 400  # doors on one grid's sheet; a grid is a few hundred households at most
NEEDS_LIMIT = 100  # needs listed in the report


def _campaign(community: Community, options: dict) -> VisitCampaign:
    try:
        campaign = campaigns.campaign_in(community, db_int(options["campaign"]))
    except (KeyError, TypeError, ValueError):
        raise DocumentError("--campaign <id> is required")
    if campaign is None:
        raise DocumentError(f"no campaign {options['campaign']} in {community.slug}")
    return campaign


def _grid(campaign: VisitCampaign, options: dict):
    try:
        grid = services.grid_of(campaign, db_int(options["grid"]))
    except (KeyError, TypeError, ValueError):
        raise DocumentError("--grid <id> is required")
    if grid is None:
        raise DocumentError(f"grid {options['grid']} is not in campaign {campaign.id}")
    return grid


# 入户走访表: one grid's doors in walking order, boxes for the outcome and each question.
def build_visit_sheet(community: Community, options: dict) -> PrintJob:
    """The sheet of `--grid <id>` in `--campaign <id>`: doors, state so far, masked numbers."""
    campaign = _campaign(community, options)
    grid = _grid(campaign, options)
    rows = services.roster(campaign, grid, 1, "all", per_page=SHEET_LIMIT).items
    ids = [row.household.id for row in rows]
    members = {h.id: h.members for h in db.session.scalars(
        select(Household).where(Household.id.in_(ids)).options(selectinload(Household.members)))}
    url = public_url("visits.roster", slug=community.slug, campaign_id=campaign.id, grid_id=grid.id)
    visitors = [a.visitor_name for a in campaign.assignments if a.grid_id == grid.id]
    return PrintJob(template="visits/print/sheet.html",
                    context={"campaign": campaign, "grid": grid, "rows": rows, "members": members,
                             "qr": qr_data_uri(url), "url": url, "visitors": visitors,
                             "today": clock.today()},
                    filename=f"visit-sheet-{campaign.id}-{grid.id}.pdf")


def campaign_choices(community: Community) -> dict[str, list[tuple[str, str]]]:
    """The community's rounds, newest first."""
    rows = db.session.scalars(select(VisitCampaign).where(VisitCampaign.community_id == community.id)
                              .order_by(VisitCampaign.starts_on.desc()).limit(20))
    return {"campaign": [(str(c.id), c.name) for c in rows]}


def sheet_choices(community: Community) -> dict[str, list[tuple[str, str]]]:
    """The rounds, and every grid of the community (the sheet checks it is in the round)."""
    grids = campaigns.community_grids(community)
    return {**campaign_choices(community), "grid": [(str(g.id), g.name) for g in grids]}


register_document(Document(
    name="visit-sheet", title=_l("入户走访表"), build=build_visit_sheet,
    options={"campaign": "campaign id", "grid": "grid id"}, choices=sheet_choices,
))


# 走访报告: coverage per grid, what the answers say, the needs heard and where they stand.
def build_visit_report(community: Community, options: dict) -> PrintJob:
    """The report of `--campaign <id>`."""
    campaign = _campaign(community, options)
    needs = list(db.session.scalars(
        select(Visit).where(Visit.campaign_id == campaign.id, Visit.need != "")
        .options(selectinload(Visit.household).selectinload(Household.compound),
                 selectinload(Visit.issue))
        .order_by(Visit.id).limit(NEEDS_LIMIT)))
    return PrintJob(template="visits/print/report.html",
                    context={"campaign": campaign, "figures": coverage(campaign), "needs": needs,
                             "today": clock.today()},
                    filename=f"visit-report-{campaign.id}.pdf")


register_document(Document(
    name="visit-report", title=_l("入户走访报告"), build=build_visit_report,
    options={"campaign": "campaign id"}, choices=campaign_choices,
))
