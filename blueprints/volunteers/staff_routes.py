"""Staff and grid-worker pages: activities, shifts, rosters, check-in, teams, hours, outbox."""

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from blueprints.auth.access import CONSOLE_ROLES, STAFF_ROLES, SIGNED_IN, community_role_required
from blueprints.core import clock
from blueprints.core.forms import EmptyForm, choice_list, refused_onto
from blueprints.core.pagecache import cached_page
from blueprints.core.paging import page_number
from blueprints.htmx import is_partial, render_view
from blueprints.rooms import services as rooms
from blueprints.offers.services import partner_in
from blueprints.volunteers import activities as service
from blueprints.volunteers import bp, listing, outbox, services, tokens
from blueprints.volunteers.forms import (
    CATEGORY_LABELS,
    TEAM_KIND_LABELS,
    ActivityForm,
    CopyForm,
    ShiftFields,
    TeamForm,
    YearForm,
)
from blueprints.volunteers.links import page_links
from blueprints.volunteers.services import SignupError
from extensions import db
from models import Person
from models.base import utcnow


# A room the new activity cannot have: the refusal goes next to the field it is about
# (the room's "people" is the shift's number of places here).
ROOM_REFUSALS = {rooms.BookingRefused: lambda refusal: (
    {"people": "capacity", "day": "day", "end": "end"}.get(refusal.field, "start"), refusal.message)}


def _shift_values(form: ShiftFields) -> dict:
    """starts_at/ends_at (Shanghai wall clock → aware), capacity and role from a form."""
    return {"starts_at": clock.at(form.day.data, form.start.data),
            "ends_at": clock.at(form.day.data, form.end.data),
            "capacity": form.capacity.data, "role": form.role.data}


def _activity_or_404(activity_id: int):
    return service.get_activity(g.community, activity_id) or abort(404)


@bp.get("/staff/<slug>/activities")
@community_role_required(*CONSOLE_ROLES)
@cached_page(viewer=SIGNED_IN)
def staff_activities():
    """The community's activities, newest first, with places taken on a few shifts each."""
    return render_template("volunteers/staff/activities.html", community=g.community,
                           page=listing.staff_activities(g.community, page_number()),
                           categories=CATEGORY_LABELS)


@bp.route("/staff/<slug>/activities/new", methods=["GET", "POST"])
@community_role_required(*STAFF_ROLES)
def new_activity():
    """Create an activity with its first shift."""
    form = ActivityForm()
    form.set_choices(g.community, service.team_list(g.community), rooms.rooms_of(g.community))
    created = []
    if form.validate_on_submit() and refused_onto(form, lambda: created.append(
            service.create_activity(
                g.community, current_user, _shift_values(form),
                room=rooms.room_in(g.community, form.room.data) if form.room.data else None,
                title=form.title.data, category=form.category.data, campaign=form.campaign.data,
                description=form.description.data, venue=form.venue.data,
                compound_id=form.compound.data or None, team_id=form.team.data or None)),
            ROOM_REFUSALS):
        flash(_("活动已创建。"), "success")
        return redirect(url_for("volunteers.staff_activity", activity_id=created[0].id), 303)
    status = 422 if request.method == "POST" else 200
    return render_template("volunteers/staff/activity_form.html", community=g.community,
                           form=form), status


def _activity_page(activity, shift_form=None, copy_form=None, status=200):
    """A page of the activity's shifts with their rosters (also the answer to a refused form).

    Shifts ended within the check-in window still come first: staff record late check-ins.
    """
    shifts = listing.shift_page(activity, page_number(), utcnow() - tokens.CHECKIN_CLOSES_AFTER)
    return render_template("volunteers/staff/activity.html", community=g.community,
                           activity=activity, shifts=shifts, rosters=listing.rosters(shifts.items),
                           categories=CATEGORY_LABELS,
                           shift_form=shift_form or ShiftFields(formdata=None),
                           copy_form=copy_form or CopyForm(formdata=None), form=EmptyForm(),
                           page_url=page_links("volunteers.staff_activity",
                                               activity_id=activity.id)), status


@bp.get("/staff/<slug>/activities/<int:activity_id>")
@community_role_required(*CONSOLE_ROLES)
@cached_page(viewer=SIGNED_IN)
def staff_activity(activity_id: int):
    """An activity's shifts with their rosters; check in by tapping a name."""
    return _activity_page(_activity_or_404(activity_id))


@bp.post("/staff/<slug>/activities/<int:activity_id>/shifts")
@community_role_required(*STAFF_ROLES)
def add_shift(activity_id: int):
    """Add a shift to an activity."""
    activity = _activity_or_404(activity_id)
    form = ShiftFields()
    if not form.validate_on_submit():
        return _activity_page(activity, shift_form=form, status=422)
    service.add_shift(activity, current_user, **_shift_values(form))
    flash(_("班次已添加。"), "success")
    return redirect(url_for("volunteers.staff_activity", activity_id=activity.id), 303)


@bp.post("/staff/<slug>/activities/<int:activity_id>/copy")
@community_role_required(*STAFF_ROLES)
def copy_activity(activity_id: int):
    """Copy an activity and its shifts to another date."""
    activity = _activity_or_404(activity_id)
    form = CopyForm()
    if not form.validate_on_submit():
        return _activity_page(activity, copy_form=form, status=422)
    copy = service.copy_activity(activity, form.day.data, current_user)
    flash(_("已复制到 %(day)s。", day=form.day.data.isoformat()), "success")
    return redirect(url_for("volunteers.staff_activity", activity_id=copy.id), 303)


@bp.post("/staff/<slug>/activities/<int:activity_id>/cancel")
@community_role_required(*STAFF_ROLES)
def cancel_activity(activity_id: int):
    """Cancel an activity; everyone signed up sees it on their page and gets a notice."""
    activity = _activity_or_404(activity_id)
    EmptyForm().validate_on_submit() or abort(400)
    told = service.cancel_activity(activity, current_user)
    flash(ngettext("活动已取消，已通知 %(num)d 位报名者。", "活动已取消，已通知 %(num)d 位报名者。", told), "success")
    return redirect(url_for("volunteers.staff_activity", activity_id=activity.id), 303)


@bp.post("/staff/<slug>/shifts/<int:shift_id>/cancel")
@community_role_required(*STAFF_ROLES)
def cancel_shift(shift_id: int):
    """Cancel one shift."""
    shift = service.get_shift(g.community, shift_id) or abort(404)
    EmptyForm().validate_on_submit() or abort(400)
    told = service.cancel_shift(shift, current_user)
    flash(ngettext("班次已取消，已通知 %(num)d 位报名者。", "班次已取消，已通知 %(num)d 位报名者。", told), "success")
    return redirect(url_for("volunteers.staff_activity", activity_id=shift.activity_id), 303)


def _attendance(signup_id: int, action):
    """Check-in or no-show; htmx gets the shift's roster back."""
    signup = service.get_signup(g.community, signup_id) or abort(404)
    EmptyForm().validate_on_submit() or abort(400)
    error = None
    try:
        action(signup, current_user)
    except SignupError as refused:
        error = str(refused.message)
    shift = signup.shift
    if is_partial():
        body = render_template("volunteers/partials/roster.html", shift=shift, error=error,
                               roster=service.roster(shift), form=EmptyForm())
        return body, 422 if error else 200
    if error:
        flash(error, "error")
    return redirect(url_for("volunteers.staff_activity", activity_id=shift.activity_id), 303)


@bp.post("/staff/<slug>/signups/<int:signup_id>/check-in")
@community_role_required(*CONSOLE_ROLES)
def check_in(signup_id: int):
    """Mark a volunteer present: their shift counts as volunteer hours."""
    return _attendance(signup_id, services.check_in)


@bp.post("/staff/<slug>/signups/<int:signup_id>/no-show")
@community_role_required(*CONSOLE_ROLES)
def no_show(signup_id: int):
    """Mark a confirmed volunteer as not come."""
    return _attendance(signup_id, services.mark_no_show)


@bp.route("/staff/<slug>/check-in/<token>", methods=["GET", "POST"])
@community_role_required(*CONSOLE_ROLES)
def checkin(token: str):
    """The address in a volunteer's QR code: confirm and check them in."""
    signup = tokens.signup_from_checkin_token(token)
    if signup is None or signup.shift.activity.community_id != g.community.id:
        abort(404)
    if tokens.checkin_expired(signup):
        abort(410)  # yesterday's QR code: check in from the roster instead
    form = EmptyForm()
    error = None
    if form.validate_on_submit():
        try:
            services.check_in(signup, current_user)
            flash(_("%(name)s 已签到。", name=signup.person.name), "success")
        except SignupError as refused:
            error = refused.message
    return render_template("volunteers/staff/checkin.html", community=g.community,
                           signup=signup, form=form, error=error), 422 if error else 200


@bp.route("/staff/<slug>/teams", methods=["GET", "POST"])
@community_role_required(*STAFF_ROLES)
def teams():
    """Teams, their members and requests to join; create a team."""
    form = TeamForm()
    form.partner_id.choices = choice_list([(0, _("（无）"))] + service.partner_choices(g.community))
    if form.validate_on_submit():
        try:
            service.create_team(g.community, current_user, form.name.data, form.kind.data,
                                form.description.data,
                                partner_in(g.community, form.partner_id.data or 0))
            flash(_("队伍已创建。"), "success")
            return redirect(url_for("volunteers.teams"), 303)
        except SignupError as refused:
            form.name.errors.append(refused.message)
    status = 422 if request.method == "POST" else 200
    return render_template("volunteers/staff/teams.html", community=g.community, form=form,
                           teams=listing.team_page(g.community, page_number(), members=True),
                           kinds=TEAM_KIND_LABELS,
                           decision=EmptyForm()), status


@bp.post("/staff/<slug>/team-members/<int:member_id>/<any(accept, decline):decision>")
@community_role_required(*STAFF_ROLES)
def decide_member(member_id: int, decision: str):
    """Accept or decline a request to join a team."""
    from models import TeamMember

    member = db.session.get(TeamMember, member_id)
    if member is None or member.team.community_id != g.community.id:
        abort(404)
    EmptyForm().validate_on_submit() or abort(400)
    service.decide_membership(member, decision == "accept", current_user)
    return redirect(url_for("volunteers.teams"), 303)


@bp.get("/staff/<slug>/hours")
@community_role_required(*STAFF_ROLES)
def hours():
    """Volunteer hours per person for one year, with certificates."""
    form = YearForm(request.args)
    year = form.year.data if form.validate() and form.year.data else clock.today().year
    return render_template("volunteers/staff/hours.html", community=g.community, year=year,
                           rows=listing.hours_page(g.community, year, page_number()),
                           form=EmptyForm())


@bp.post("/staff/<slug>/people/<int:person_id>/revoke-link")
@community_role_required(*STAFF_ROLES)
def revoke_link(person_id: int):
    """Make every old /me link of a person stop working (from the hours page)."""
    person = _revoke(person_id)
    flash(_("%(name)s 的旧个人链接已失效。", name=person.name), "success")
    return redirect(url_for("volunteers.hours"), 303)


@bp.post("/staff/<slug>/shifts/<int:shift_id>/people/<int:person_id>/revoke-link")
@community_role_required(*STAFF_ROLES)
def revoke_link_on_roster(shift_id: int, person_id: int):
    """The same from a shift's roster, which comes back with the notice."""
    shift = service.get_shift(g.community, shift_id) or abort(404)
    person = _revoke(person_id)
    notice = _("%(name)s 的旧个人链接已失效。", name=person.name)
    if is_partial():
        return render_template("volunteers/partials/roster.html", shift=shift, notice=notice,
                               roster=service.roster(shift), form=EmptyForm())
    flash(notice, "success")
    return redirect(url_for("volunteers.staff_activity", activity_id=shift.activity_id), 303)


def _revoke(person_id: int) -> Person:
    """Revoke the links of a person of this community (404 for anyone else's)."""
    person = db.session.get(Person, person_id)
    if person is None or person.community_id != g.community.id:
        abort(404)
    EmptyForm().validate_on_submit() or abort(400)
    service.revoke_link(person, current_user)
    return person


@bp.get("/staff/<slug>/outbox")
@community_role_required(*STAFF_ROLES)
def outbox_page():
    """Reminders and notices, sent and waiting."""
    return render_view("volunteers/staff/outbox.html", "volunteers/partials/outbox.html",
                       community=g.community,
                       messages=outbox.outbox_page(g.community, page_number()))
