"""Public course pages: a course and its sessions (the volunteers' shift cards), signing up
for the whole course, and a learner's rating from their /me page."""
from flask import abort, current_app, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _

from blueprints.classes import bp, courses
from blueprints.classes.course_forms import EnrolForm, RatingForm
from blueprints.classes.courses import CourseError
from blueprints.classes.listing import course_page_sessions
from blueprints.core import clock
from blueprints.core.pagecache import cached_page
from blueprints.core.paging import page_number
from blueprints.htmx import is_partial
from blueprints.volunteers import cards, services as signups, tokens
from blueprints.volunteers.links import ACTIVITY_PAGES
from blueprints.volunteers.remember import REMEMBERED, remember, remembered
from blueprints.volunteers.services import SignupError
from extensions import db, limiter
from models import Signup
from models.people import mask_mobile
from models.volunteers import CLASS


def _public_limit() -> str:
    return current_app.config["PUBLIC_FORM_RATE_LIMIT"]


def _course_or_404(course_id: int):
    return courses.course_in(g.community, course_id) or abort(404)


def _course_url(activity) -> str:
    course = courses.course_of(activity)
    return url_for("classes.course", slug=activity.community.slug, course_id=course.id)


ACTIVITY_PAGES[CLASS] = _course_url  # the volunteer page of a class's activity sends here


def _page(course, person, form=None, status=200, enrolment=None):
    sessions = course_page_sessions(course, page_number())
    form = form or EnrolForm(formdata=None)
    form.use_saved.data = "1" if person else ""
    return render_template("classes/course.html", community=g.community, course=course,
                           person=person, sessions=sessions,
                           cards=cards.shift_cards(sessions.items, person), form=form,
                           enrolment=enrolment), status


@bp.get("/c/<slug>/classes/<int:course_id>")
@cached_page(viewer=REMEMBERED)
def course(course_id: int):
    """A course: teacher, what to bring, each session's card, and 报名全部课次."""
    return _page(_course_or_404(course_id), remembered())


@bp.post("/c/<slug>/classes/<int:course_id>/enrol")
@limiter.limit(_public_limit, methods=["POST"])
def enrol(course_id: int):
    """Sign up for every session still to come; the same answer for a known or new number."""
    item = _course_or_404(course_id)
    person = remembered()
    form = EnrolForm()
    if not form.validate_on_submit():
        return _page(item, person, form, 422)
    owner = person is not None and bool(form.use_saved.data)
    who = person if owner else signups.find_or_add(g.community, form.name.data,
                                                   form.mobile.data)[0]
    try:
        done = courses.enrol(item, who, send_link=not owner)
    except SignupError as refused:
        form.mobile.errors.append(refused.message) if not owner else flash(refused.message, "error")
        return _page(item, person, form, 422)
    confirmed = sum(s.status == "confirmed" for s in done.signups)
    flash(_("已报名 %(n)d 次课，候补 %(w)d 次。", n=confirmed, w=len(done.signups) - confirmed),
          "success")
    for shift, reason in done.refused:
        flash(_("%(when)s 未报名：%(reason)s", when=_when(shift), reason=reason), "error")
    if not owner:
        flash(_("个人报名链接已通过短信发送到 %(mobile)s。", mobile=mask_mobile(who.mobile)),
              "success")
        return redirect(url_for("classes.course", course_id=item.id), 303)
    response = redirect(url_for("me.page", token=tokens.me_token(who)), 303)
    return remember(response, who)


def _when(shift) -> str:
    return f"{clock.local(shift.starts_at):%m-%d %H:%M}"


def _own_signup_or_404(token: str, signup_id: int) -> Signup:
    person = tokens.person_from_token(token)
    signup = db.session.get(Signup, signup_id) if person else None
    if signup is None or signup.person_id != person.id:
        abort(404)
    return signup


@bp.post("/me/<token>/signups/<int:signup_id>/rating")
@limiter.limit(_public_limit, methods=["POST"])
def rate(token: str, signup_id: int):
    """A learner rates a session they attended (again: the rating is replaced)."""
    signup = _own_signup_or_404(token, signup_id)
    form = RatingForm()
    saved, error = None, None
    if form.validate_on_submit():
        try:
            saved = courses.rate(signup, form.stars.data, form.comment.data)
        except CourseError as refused:
            error = refused.message
    else:
        error = next(iter(form.errors.values()))[0] if form.errors else _("请选 1 到 5 颗星")
    if is_partial():
        body = render_template("classes/partials/rating.html", signup=signup, token=token,
                               row={"rating": courses.rating_of(signup)}, error=error,
                               typed=form, saved=saved)
        return body, (200 if saved else 422)
    if saved:
        flash(_("谢谢您的评价。"), "success")
    else:
        flash(str(error), "error")
    return redirect(url_for("me.page", token=token), 303)
