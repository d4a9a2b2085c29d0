"""Staff pages of the rounds under /staff/<slug>/visits: the list, a round's coverage, and
creating or changing a round (grids, questionnaire, visitors)."""
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.auth.access import CONSOLE_ROLES, SIGNED_IN, STAFF_ROLES, community_role_required
from blueprints.core import clock
from blueprints.core.forms import EmptyForm, choice_list, refused_onto
from blueprints.core.pagecache import cached_page
from blueprints.core.paging import page_number
from blueprints.visits import bp, campaigns, services, team_links
from blueprints.visits.coverage import coverage
from blueprints.visits.forms import AssignmentForm, CampaignForm, QuestionForm
from blueprints.visits.lookups import campaign_or_404

REFUSALS = {campaigns.CampaignError: lambda error: (error.field, error.message)}


def _campaign_form(**kwargs) -> CampaignForm:
    form = CampaignForm(**kwargs)
    form.grids.choices = choice_list((grid.id, grid.name)
                                     for grid in campaigns.community_grids(g.community))
    return form


def _values(form: CampaignForm) -> dict:
    return {"name": form.name.data, "starts_on": form.starts_on.data,
            "ends_on": form.ends_on.data, "max_tries": form.max_tries.data,
            "grid_ids": form.grids.data or []}


@bp.get("/staff/<slug>/visits")
@community_role_required(*CONSOLE_ROLES)
@cached_page(viewer=SIGNED_IN)
def staff_campaigns():
    """The community's door-knocking rounds, newest first (a grid worker: those of their grids)."""
    page = campaigns.campaigns_page(g.community, current_user, page_number())
    return render_template("visits/campaigns.html", community=g.community, page=page,
                           today=clock.today())


@bp.route("/staff/<slug>/visits/new", methods=["GET", "POST"])
@community_role_required(*STAFF_ROLES)
def new_campaign():
    """Start a round: its name, dates, grids and tries; questions and visitors come next."""
    form, status = _campaign_form(), 200
    if form.validate_on_submit():
        made = []
        if refused_onto(form, lambda: made.append(campaigns.create_campaign(
                g.community, current_user, **_values(form))), REFUSALS):
            flash(_("走访行动已建立，请添加问题和走访人员。"), "success")
            return redirect(url_for("visits.edit_campaign", campaign_id=made[0].id), 303)
        status = 422
    elif request.method == "POST":
        status = 422
    return render_template("visits/campaign_form.html", community=g.community, form=form,
                           campaign=None), status


def _edit_page(campaign, form=None, question_form=None, assignment_form=None, status=200):
    """The round's settings with its questionnaire and visitors (also the answer to a refusal)."""
    form = form or _campaign_form(obj=campaign, grids=[grid.id for grid in campaign.grids])
    return render_template(
        "visits/campaign_form.html", community=g.community, campaign=campaign, form=form,
        question_form=question_form or QuestionForm(formdata=None), actions=EmptyForm(),
        assignment_form=assignment_form or _assignment_form(campaign, formdata=None)), status


@bp.route("/staff/<slug>/visits/<int:campaign_id>/edit", methods=["GET", "POST"])
@community_role_required(*STAFF_ROLES)
def edit_campaign(campaign_id: int):
    """Change a round's name, dates, tries or grids."""
    campaign = campaign_or_404(campaign_id)
    if request.method == "GET":
        return _edit_page(campaign)
    form = _campaign_form()
    if form.validate_on_submit() and refused_onto(form, lambda: campaigns.update_campaign(
            campaign, current_user, **_values(form)), REFUSALS):
        flash(_("走访行动已保存。"), "success")
        return redirect(url_for("visits.edit_campaign", campaign_id=campaign.id), 303)
    return _edit_page(campaign, form=form, status=422)


@bp.post("/staff/<slug>/visits/<int:campaign_id>/questions")
@community_role_required(*STAFF_ROLES)
def add_question(campaign_id: int):
    """Add a question to the round (需求与建议 is always asked and needs none)."""
    campaign = campaign_or_404(campaign_id)
    form = QuestionForm()
    fields = ("kind", "label", "unit", "min_value", "max_value", "flag_below", "choices")
    if form.validate_on_submit() and refused_onto(form, lambda: campaigns.add_question(
            campaign, current_user, **{name: getattr(form, name).data for name in fields}),
            REFUSALS):
        flash(_("问题已添加：%(label)s", label=form.label.data), "success")
        return redirect(url_for("visits.edit_campaign", campaign_id=campaign.id), 303)
    return _edit_page(campaign, question_form=form, status=422)


def _assignment_form(campaign, **kwargs) -> AssignmentForm:
    form = AssignmentForm(**kwargs)
    form.grid.choices = choice_list((grid.id, grid.name) for grid in campaign.grids)
    people = [(f"u{u.id}", _("网格员 %(name)s", name=u.display_name))
              for u in campaigns.grid_workers_of(g.community)]
    people += [(f"m{m.id}", _("敲门队 %(name)s", name=m.person.name))
               for m in campaigns.door_knocking_members(g.community)]
    form.visitor.choices = choice_list(people)
    return form


@bp.post("/staff/<slug>/visits/<int:campaign_id>/assignments")
@community_role_required(*STAFF_ROLES)
def add_assignment(campaign_id: int):
    """Put a grid worker or a 敲门队 member on one of the round's grids."""
    campaign = campaign_or_404(campaign_id)
    form = _assignment_form(campaign)
    if form.validate_on_submit():
        kind, number = form.visitor.data[:1], form.visitor.data[1:]
        who = {"user_id" if kind == "u" else "team_member_id": int(number)}
        if refused_onto(form, lambda: campaigns.assign(campaign, current_user, form.grid.data,
                                                       **who), REFUSALS):
            flash(_("走访人员已安排。"), "success")
            return redirect(url_for("visits.edit_campaign", campaign_id=campaign.id), 303)
    return _edit_page(campaign, assignment_form=form, status=422)


@bp.get("/staff/<slug>/visits/<int:campaign_id>")
@community_role_required(*CONSOLE_ROLES)
@cached_page(viewer=SIGNED_IN)
def campaign(campaign_id: int):
    """A round's coverage per grid, what the answers say, and the rosters and sheets."""
    campaign = campaign_or_404(campaign_id)
    mine = services.visitor_grid_ids(current_user, campaign)
    if not mine:
        abort(403)
    only = None if current_user.role in STAFF_ROLES else mine
    return render_template("visits/campaign.html", community=g.community, campaign=campaign,
                           figures=coverage(campaign, only), mine=mine)


def _team_assignment(campaign, assignment_id: int):
    """The round's assignment of a 敲门队 member with this id, or 404."""
    return next((a for a in campaign.assignments
                 if a.id == assignment_id and a.team_member is not None), None) or abort(404)


@bp.post("/staff/<slug>/visits/<int:campaign_id>/assignments/<int:assignment_id>/send-link")
@community_role_required(*STAFF_ROLES)
def send_team_link(campaign_id: int, assignment_id: int):
    """(Re)send a 敲门队 member their roster link through the outbox."""
    campaign = campaign_or_404(campaign_id)
    member = _team_assignment(campaign, assignment_id).team_member
    if not EmptyForm().validate_on_submit():
        abort(400)
    if team_links.visitor_from_token(g.community, team_links.link_token(campaign, member)) is None:
        flash(_("这个链接现在打不开：走访行动已结束，或队员已不在敲门队。"), "error")
    else:
        team_links.send_link(campaign, member, current_user)
        flash(_("走访链接已放入发件箱，将发给 %(name)s。", name=member.person.name), "success")
    return redirect(url_for("visits.edit_campaign", campaign_id=campaign.id), 303)


@bp.post("/staff/<slug>/visits/<int:campaign_id>/assignments/<int:assignment_id>/revoke-link")
@community_role_required(*STAFF_ROLES)
def revoke_team_link(campaign_id: int, assignment_id: int):
    """End a 敲门队 member's links (a lost phone); a new send gives them a fresh one."""
    campaign = campaign_or_404(campaign_id)
    member = _team_assignment(campaign, assignment_id).team_member
    if not EmptyForm().validate_on_submit():
        abort(400)
    team_links.revoke_link(campaign, member, current_user)
    flash(_("%(name)s 的旧链接（走访链接和个人页面链接）已失效。", name=member.person.name), "success")
    return redirect(url_for("visits.edit_campaign", campaign_id=campaign.id), 303)
