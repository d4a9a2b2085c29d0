"""The visitor's pages: a grid's roster on a phone, recording a visit (online or sent later
from the phone's queue), a need put on the board, and typing a paper sheet back in."""
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.auth.access import CONSOLE_ROLES, community_role_required
from blueprints.core.forms import EmptyForm, choice_list
from blueprints.core.paging import page_number
from blueprints.visits import bp, services
from blueprints.visits.forms import EntryForm, VisitForm
from blueprints.visits.links import StaffLinks
from blueprints.visits.lookups import campaign_or_404
from blueprints.visits.pages import QUEUE_HEADER, answers_typed, household_page, roster_page
from extensions import db
from models.visits import OUTCOMES, Visit


def _walkable(campaign, grid_id: int):
    """The round's grid when this user may walk it: 404 when not in the round, else 403."""
    grid = services.grid_of(campaign, grid_id) or abort(404)
    if grid.id not in services.visitor_grid_ids(current_user, campaign):
        abort(403)
    return grid


def _door(campaign, household_id: int):
    """A household of the grids this user may walk in the round, else 403."""
    mine = services.visitor_grid_ids(current_user, campaign)
    return services.household_in(campaign, mine, household_id) or abort(403)


@bp.get("/staff/<slug>/visits/<int:campaign_id>/grids/<int:grid_id>")
@community_role_required(*CONSOLE_ROLES)
def roster(campaign_id: int, grid_id: int):
    """The grid's doors in walking order with their state; each opens a visit form."""
    campaign = campaign_or_404(campaign_id)
    grid = _walkable(campaign, grid_id)
    return roster_page(campaign, grid, StaffLinks(campaign))


@bp.get("/staff/<slug>/visits/<int:campaign_id>/households/<int:household_id>")
@community_role_required(*CONSOLE_ROLES)
def household(campaign_id: int, household_id: int):
    """One door in the round: its earlier knocks and the visit form."""
    campaign = campaign_or_404(campaign_id)
    door = _door(campaign, household_id)
    form = VisitForm(formdata=None, client_id=services.new_client_id())
    return household_page(campaign, door, form)


def _record(campaign, door, form, source: str):
    """Store the posted visit; refusals come back as {field: message}."""
    try:
        visit = services.record_visit(
            campaign, door, current_user, form.client_id.data or "", form.outcome.data,
            answers_typed(campaign), form.need.data, source=source, make_issue=form.make_issue.data)
    except services.VisitRefused as refusal:
        return None, {refusal.field: refusal.message}
    return visit, {}


@bp.post("/staff/<slug>/visits/<int:campaign_id>/households/<int:household_id>")
@community_role_required(*CONSOLE_ROLES)
def record_visit(campaign_id: int, household_id: int):
    """Record a knock; a resend of the same visit (same client id) is stored once."""
    campaign = campaign_or_404(campaign_id)
    door = _door(campaign, household_id)
    form = VisitForm()
    if not form.validate_on_submit():
        return household_page(campaign, door, form, status=422)
    visit, errors = _record(campaign, door, form, "phone")
    if errors:
        return household_page(campaign, door, form, errors, 422)
    flash(_("已记录：%(address)s · %(outcome)s", address=door.address,
            outcome=visit.outcome_label), "success")
    if request.headers.get(QUEUE_HEADER):
        # Sent by the phone's queue (static/js/visits.js): only a 204 means "stored", so a
        # redirect to the login page (a session that ended) keeps the visit on the phone.
        return "", 204
    grid_id = request.form.get("grid", type=int)
    if grid_id and services.grid_of(campaign, grid_id):
        return redirect(url_for("visits.roster", campaign_id=campaign.id, grid_id=grid_id,
                                _anchor=f"h{door.id}"), 303)
    return redirect(url_for("visits.household", campaign_id=campaign.id,
                            household_id=door.id), 303)


@bp.post("/staff/<slug>/visits/<int:campaign_id>/visits/<int:visit_id>/issue")
@community_role_required(*CONSOLE_ROLES)
def need_to_issue(campaign_id: int, visit_id: int):
    """One tap: the need heard on this visit goes on the issue board."""
    campaign = campaign_or_404(campaign_id)
    visit = next((v for v in _visits_here(campaign, visit_id)), None) or abort(404)
    _door(campaign, visit.household_id)
    if EmptyForm().validate_on_submit():
        try:
            issue = services.need_to_issue(visit, current_user)
            flash(_("已转为诉求 #%(id)d，派给网格员。", id=issue.id), "success")
        except services.VisitRefused as refusal:
            flash(str(refusal.message), "error")
    return redirect(url_for("visits.household", campaign_id=campaign.id,
                            household_id=visit.household_id), 303)


def _visits_here(campaign, visit_id: int):
    visit = db.session.get(Visit, visit_id)
    return [visit] if visit is not None and visit.campaign_id == campaign.id else []


def _entry_form(campaign, grid, **kwargs) -> EntryForm:
    form = EntryForm(**kwargs)
    doors = services.roster(campaign, grid, page_number(), "all")  # a sheet page's doors
    form.household.choices = choice_list(
        (row.household.id, f"{row.household.compound.name} {row.household.address}（{row.state_label}）")
        for row in doors.items)
    return form


@bp.route("/staff/<slug>/visits/<int:campaign_id>/grids/<int:grid_id>/entry",
          methods=["GET", "POST"])
@community_role_required(*CONSOLE_ROLES)
def entry(campaign_id: int, grid_id: int):
    """Type a paper visit sheet back in, door after door, from the keyboard alone."""
    campaign = campaign_or_404(campaign_id)
    grid = _walkable(campaign, grid_id)
    form, errors, status = _entry_form(campaign, grid), {}, 200
    if request.method == "POST":
        if form.validate_on_submit():
            door = _door(campaign, form.household.data)
            visit, errors = _record(campaign, door, form, "paper")
            if not errors:
                flash(_("已录入：%(address)s · %(outcome)s", address=door.address,
                        outcome=visit.outcome_label), "success")
                return redirect(url_for("visits.entry", campaign_id=campaign.id,
                                        grid_id=grid.id, after=door.id,
                                        page=page_number()), 303)
        status = 422
    else:
        form = _entry_form(campaign, grid, formdata=None, client_id=services.new_client_id(),
                           household=_next_door(form, request.args.get("after", type=int)))
    return render_template("visits/entry.html", community=g.community, campaign=campaign,
                           grid=grid, form=form, errors=errors,
                           typed=request.form if request.method == "POST" else {}), status


def _next_door(form, after: int | None):
    """The door after the one just typed in (the sheet's next line)."""
    ids = [choice.value for choice in form.household.choices]
    if after in ids and ids.index(after) + 1 < len(ids):
        return ids[ids.index(after) + 1]
    return ids[0] if ids else None


@bp.context_processor
def _labels() -> dict:
    """The outcome words every visit form shows."""
    return {"outcomes": OUTCOMES}
