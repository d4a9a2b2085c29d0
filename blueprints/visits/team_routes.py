"""A 敲门队 member's pages under their signed link: the roster of their grids in the round,
a door's page and the visit form (the grid worker's templates and services). Anything that
is not theirs, and any link that no longer works, is 404."""
from flask import abort, flash, g, redirect, request
from flask_babel import gettext as _

from blueprints.core.forms import EmptyForm
from blueprints.visits import bp, services, team_links
from blueprints.visits.forms import VisitForm
from blueprints.visits.links import TeamLinks
from blueprints.visits.pages import (
    QUEUE_HEADER,
    answers_typed,
    household_page,
    roster_page,
)
from extensions import db
from models.visits import Visit

BASE = "/c/<slug>/visits/r/<token>"


def _visitor_or_404(token: str) -> team_links.TeamVisitor:
    return team_links.visitor_from_token(g.community, token) or abort(404)


def _door(visitor, household_id: int):
    """A household of the member's grids in the round, else 404."""
    return (services.household_in(visitor.campaign, visitor.grid_ids, household_id)
            or abort(404))


@bp.get(BASE)
def team_roster(token: str):
    """The member's grid's doors in walking order (?grid= picks another of their grids)."""
    visitor = _visitor_or_404(token)
    grids = [grid for grid in visitor.campaign.grids if grid.id in visitor.grid_ids]
    wanted = request.args.get("grid", type=int)
    grid = next((grid for grid in grids if grid.id == wanted), None)
    if wanted is not None and grid is None:
        abort(404)
    return roster_page(visitor.campaign, grid or grids[0], TeamLinks(visitor.campaign, token),
                       team_grids=grids, member=visitor.member)


@bp.get(f"{BASE}/households/<int:household_id>")
def team_household(token: str, household_id: int):
    """One of the member's doors: its knocks in the round and the visit form."""
    visitor = _visitor_or_404(token)
    form = VisitForm(formdata=None, client_id=services.new_client_id())
    return household_page(visitor.campaign, _door(visitor, household_id), form,
                          links=TeamLinks(visitor.campaign, token))


@bp.post(f"{BASE}/households/<int:household_id>")
def team_record_visit(token: str, household_id: int):
    """Record a knock as the member; the phone's queue gets 204 once it is stored."""
    visitor = _visitor_or_404(token)
    campaign, door = visitor.campaign, _door(visitor, household_id)
    links = TeamLinks(campaign, token)
    form = VisitForm()
    if not form.validate_on_submit():
        return household_page(campaign, door, form, status=422, links=links)
    try:
        visit = services.record_visit(
            campaign, door, None, form.client_id.data or "", form.outcome.data,
            answers_typed(campaign), form.need.data, make_issue=form.make_issue.data,
            team_member=visitor.member)
    except services.VisitRefused as refusal:
        return household_page(campaign, door, form, {refusal.field: refusal.message}, 422,
                              links=links)
    flash(_("已记录：%(address)s · %(outcome)s", address=door.address,
            outcome=visit.outcome_label), "success")
    if request.headers.get(QUEUE_HEADER):
        return "", 204
    grid_id = request.form.get("grid", type=int)
    if grid_id in visitor.grid_ids:
        return redirect(links.roster(grid_id, _anchor=f"h{door.id}"), 303)
    return redirect(links.household(door.id), 303)


@bp.post(f"{BASE}/visits/<int:visit_id>/issue")
def team_need_to_issue(token: str, visit_id: int):
    """One tap: the need heard goes on the issue board, assigned to the grid's worker."""
    visitor = _visitor_or_404(token)
    visit = db.session.get(Visit, visit_id)
    if visit is None or visit.campaign_id != visitor.campaign.id:
        abort(404)
    _door(visitor, visit.household_id)
    links = TeamLinks(visitor.campaign, token)
    if EmptyForm().validate_on_submit():
        try:
            issue = services.need_to_issue(visit, None)
            flash(_("已转为诉求 #%(id)d，派给网格员。", id=issue.id), "success")
        except services.VisitRefused as refusal:
            flash(str(refusal.message), "error")
    return redirect(links.household(visit.household_id), 303)
