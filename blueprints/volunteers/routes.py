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
from blueprints.core.pagecache import cached_page
from blueprints.core.paging import page_number
from blueprints.htmx import is_partial, render_view
from blueprints.volunteers import activities as service
from blueprints.volunteers import bp, cards, listing, services, tokens
from blueprints.volunteers.forms import CATEGORY_LABELS, JoinTeamForm, SignupForm
from blueprints.volunteers.links import activity_url, own_page, page_links
from blueprints.volunteers.remember import REMEMBERED, forget, remember, remembered
from blueprints.volunteers.services import SignupError
from extensions import limiter
from models.people import mask_mobile


def _public_limit() -> str:
    return current_app.config["PUBLIC_FORM_RATE_LIMIT"]


@bp.get("/c/<slug>/activities")
@cached_page
def activities():
    """Upcoming activities, a member's own teams' first; filters by category and date."""
    category = request.args.get("category")
    category = category if category in CATEGORY_LABELS else None
    day = parse_day(request.args.get("day"))
    person = remembered()
    mine = service.accepted_team_ids(person)
    page = listing.public_activities(g.community, page_number(), category, day, mine)
    return render_view("volunteers/activities.html", "volunteers/partials/list.html",
                       community=g.community, items=page, categories=CATEGORY_LABELS,
                       category=category, day=day, my_teams=mine, person=person,
                       teams=listing.team_page(g.community, page_number("teams")))


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


@bp.get("/c/<slug>/activities/<int:activity_id>")
@cached_page(viewer=REMEMBERED)
def activity(activity_id: int):
    """One activity and a card per shift with its sign-up form, a page of shifts at a time."""
    activity = _activity_or_404(activity_id)
    if elsewhere := own_page(activity):  # a class: its course's page
        return redirect(elsewhere, 302)
    person = remembered()
    shifts = listing.shift_page(activity, page_number())
    return render_template("volunteers/activity.html", community=g.community, person=person,
                           activity=activity, shifts=shifts, cards=cards.shift_cards(shifts.items, person),
                           categories=CATEGORY_LABELS)


@bp.post("/c/<slug>/activities/<int:activity_id>/shifts/<int:shift_id>/signup")
@limiter.limit(_public_limit, methods=["POST"])
def signup(activity_id: int, shift_id: int):
    """Take a place (or a waitlist place); the card swaps to 已报名 or 候补第 n 位."""
    shift = _shift_or_404(activity_id, shift_id)
    person = remembered()
    form = cards.signup_form(shift, person)
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
        [card] = cards.shift_cards([shift], signup.person if owner else None, signup=signup)
        body = render_template("volunteers/partials/shift.html", **card, link_sent_to=sent_to)
        response = current_app.make_response(body)
    else:
        flash(_("报名成功。") if signup.status == "confirmed" else _("名额已满，您已进入候补。"),
              "success")
        if not owner:
            flash(_("个人报名链接已通过短信发送到 %(mobile)s。", mobile=sent_to), "success")
            return redirect(activity_url(shift.activity), 303)
        response = redirect(url_for("me.page", token=tokens.me_token(signup.person)), 303)
    return remember(response, signup.person) if owner else response


def _refused(shift, person, form, error):
    """422 with everything typed kept and the reason next to the field or on the card."""
    [card] = cards.shift_cards([shift], person)
    card.update(form=form, error=error)
    if is_partial():
        return render_template("volunteers/partials/shift.html", **card), 422
    # The whole page: the refused card first, then the first page of the other shifts.
    shifts = listing.shift_page(shift.activity, 1)
    others = [s for s in shifts.items if s.id != shift.id]
    return render_template("volunteers/activity.html", community=g.community, person=person,
                           activity=shift.activity, shifts=shifts,
                           cards=[card] + cards.shift_cards(others, person), categories=CATEGORY_LABELS,
                           page_url=page_links("volunteers.activity",
                                               activity_id=shift.activity_id)), 422


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

