"""Public volunteer pages: activities, shift cards with one-tap sign-up, joining a team."""

from flask import (
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _

from blueprints.core.fields import db_int, parse_day
from blueprints.htmx import is_partial, render_view
from blueprints.volunteers import activities as service
from blueprints.volunteers import bp, services, tokens
from blueprints.volunteers.forms import CATEGORY_LABELS, JoinTeamForm, SignupForm
from blueprints.volunteers.remember import forget, remember, remembered
from blueprints.volunteers.services import SignupError
from extensions import limiter
from models.people import mask_mobile


def _public_limit() -> str:
    return current_app.config["PUBLIC_FORM_RATE_LIMIT"]




@bp.get("/c/<slug>/activities")
def activities():
    """Upcoming activities with places left; filters by category and date."""
    category = request.args.get("category")
    category = category if category in CATEGORY_LABELS else None
    day = parse_day(request.args.get("day"))
    person = remembered()
    mine = service.accepted_team_ids(person)
    items = [(a, service.open_shifts(a)) for a in service.upcoming_activities(g.community, category, day)]
    items.sort(key=lambda pair: pair[0].team_id not in mine)  # a member's own teams first
    return render_view("volunteers/activities.html", "volunteers/partials/list.html",
                       community=g.community, items=items, categories=CATEGORY_LABELS,
                       category=category, day=day, my_teams=mine, person=person,
                       teams=service.team_list(g.community))


def _activity_or_404(activity_id: int):
    activity = service.get_activity(g.community, activity_id)
    if activity is None:
        abort(404)
    return activity


def _shift_or_404(activity_id: int, shift_id: int):
    shift = service.get_shift(g.community, shift_id)
    if shift is None or shift.activity_id != activity_id:
        abort(404)
    return shift


def _signup_form(shift, person, formdata=True) -> SignupForm:
    """The shift card's form; its fields are prefixed so several cards share a page."""
    form = SignupForm(prefix=f"s{shift.id}") if formdata else SignupForm(
        prefix=f"s{shift.id}", formdata=None)
    form.set_teams(service.member_teams(person))  # only the remembered person's own teams
    # An expired memory falls back to typing the details.
    form.use_saved.data = "1" if person and (not formdata or form.use_saved.data) else ""
    return form


def _card(shift, person, form=None, signup=None, error=None) -> dict:
    """What one shift card shows."""
    if signup is None and person is not None:
        signup = next((s for s in shift.signups if s.person_id == person.id
                       and s.status != "cancelled"), None)
    return {
        "shift": shift, "person": person, "signup": signup, "error": error,
        "form": form or _signup_form(shift, person, formdata=False),
        "position": services.waitlist_position(signup) if signup and signup.status == "waitlisted"
        else None,
        "refusal": services.refusal_reason(shift),
        "me_url": url_for("me.page", token=tokens.me_token(person)) if person else None,
    }


@bp.get("/c/<slug>/activities/<int:activity_id>")
def activity(activity_id: int):
    """One activity and a card per shift with its sign-up form."""
    activity = _activity_or_404(activity_id)
    person = remembered()
    cards = [_card(shift, person) for shift in activity.shifts]
    return render_template("volunteers/activity.html", community=g.community,
                           activity=activity, cards=cards, categories=CATEGORY_LABELS)


@bp.post("/c/<slug>/activities/<int:activity_id>/shifts/<int:shift_id>/signup")
@limiter.limit(_public_limit, methods=["POST"])
def signup(activity_id: int, shift_id: int):
    """Take a place (or a waitlist place); the card swaps to 已报名 or 候补第 n 位."""
    shift = _shift_or_404(activity_id, shift_id)
    person = remembered()
    form = _signup_form(shift, person)
    error = None
    if form.validate_on_submit():
        try:
            return _signed_up(shift, *_sign_up(form, shift, person))
        except SignupError as refused:
            error = _attach(form, refused)
    return _refused(shift, person, form, error)


def _volunteer(form, person):
    """(person, owner) for a submitted form: the remembered person or the typed number's.

    `owner`: this browser already remembers that very person, so it may see their /me
    link. Anyone else gets it by SMS, whether the number is new or known.
    """
    if person is not None and form.use_saved.data:
        return person, True
    typed, _created = services.find_or_add(g.community, form.name.data, form.mobile.data)
    return typed, person is not None and typed.id == person.id


def _sign_up(form: SignupForm, shift, person):
    """(sign-up, owner); the same answer for a known and an unknown number (link by SMS)."""
    who, owner = _volunteer(form, person)
    if owner:
        return services.sign_up(shift, who, team_id=form.team.data or None), True
    return services.sign_up_by_number(shift, form.name.data, form.mobile.data,
                                      team_id=form.team.data or None), False


def _attach(form: SignupForm, refused: SignupError):
    """Put a refusal next to its field; a general one is returned for the card."""
    if refused.field == "mobile" and not form.use_saved.data:
        form.mobile.errors.append(refused.message)
        return None
    if refused.field == "team":
        form.team.errors.append(refused.message)
        return None
    return refused.message


def _signed_up(shift, signup, owner: bool):
    """The updated card (htmx) or the volunteer's own page.

    A browser that typed a number sees only this sign-up's status: the /me link went to
    that number by SMS, and opening it there makes the browser remember the person.
    """
    sent_to = None if owner else mask_mobile(signup.person.mobile)
    if is_partial():
        card = _card(shift, signup.person if owner else None, signup=signup)
        body = render_template("volunteers/partials/shift.html", **card, link_sent_to=sent_to)
        response = current_app.make_response(body)
    else:
        flash(_("报名成功。") if signup.status == "confirmed" else _("名额已满，您已进入候补。"),
              "success")
        if not owner:
            flash(_("个人报名链接已通过短信发送到 %(mobile)s。", mobile=sent_to), "success")
            return redirect(url_for("volunteers.activity", activity_id=shift.activity_id), 303)
        response = redirect(url_for("me.page", token=tokens.me_token(signup.person)), 303)
    return remember(response, signup.person) if owner else response


def _refused(shift, person, form, error):
    """422 with everything typed kept and the reason next to the field or on the card."""
    card = _card(shift, person, form=form, error=error)
    if is_partial():
        return render_template("volunteers/partials/shift.html", **card), 422
    cards = [card if s.id == shift.id else _card(s, person) for s in shift.activity.shifts]
    return render_template("volunteers/activity.html", community=g.community,
                           activity=shift.activity, cards=cards,
                           categories=CATEGORY_LABELS), 422


@bp.post("/c/<slug>/forget")
def forget_me():
    """“Not me”: this browser stops remembering the volunteer; back to the activity."""
    activity_id = request.form.get("activity", type=db_int)
    target = (url_for("volunteers.activity", activity_id=activity_id) if activity_id
              else url_for("volunteers.activities"))  # built here: never a typed address
    return forget(redirect(target, 303))


@bp.route("/c/<slug>/teams/<int:team_id>/join", methods=["GET", "POST"])
@limiter.limit(_public_limit, methods=["POST"])
def join_team(team_id: int):
    """A resident asks to join a team; staff accept or decline."""
    team = service.get_team(g.community, team_id) or abort(404)
    person = remembered()
    form = JoinTeamForm()
    form.use_saved.data = "1" if person and (request.method == "GET" or form.use_saved.data) else ""
    if form.validate_on_submit():
        try:
            who, owner = _volunteer(form, person)
            service.request_membership(team, who)
            flash(_("申请已提交，社区工作人员确认后您就是队员了。"), "success")
            response = redirect(url_for("volunteers.activities"), 303)
            return remember(response, who) if owner else response
        except SignupError as refused:
            form.mobile.errors.append(refused.message)
    status = 422 if request.method == "POST" else 200
    return render_template("volunteers/join_team.html", community=g.community, team=team,
                           form=form, person=person), status

