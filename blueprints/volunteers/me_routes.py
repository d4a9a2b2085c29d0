"""The volunteer's own page /me/<token>: sign-ups, cancel, calendar, QR check-in, hours."""
from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from blueprints.core import clock
from blueprints.core.forms import EmptyForm
from blueprints.core.paging import page_number
from blueprints.htmx import is_partial, render_view
from blueprints.printing.delivery import deliver, preparing, send_pdf
from blueprints.volunteers import activities as service
from blueprints.volunteers import me_bp as bp
from blueprints.volunteers import listing, services, tokens
from blueprints.volunteers.calendar import signup_ics
from blueprints.volunteers.links import page_links
from blueprints.volunteers.remember import remember
from blueprints.volunteers.services import SignupError
from extensions import db
from models import Course, SessionRating, Shift, Signup, Teacher
from models.base import utcnow
from printing.links import public_url
from printing.qr import qr_data_uri


def _person_or_404(token: str):
    """The person of a valid, unrevoked token; anything else is 404."""
    person = tokens.person_from_token(token)
    if person is None:
        abort(404)
    return person


def _own_signup_or_404(person, signup_id: int) -> Signup:
    signup = db.session.get(Signup, signup_id)
    if signup is None or signup.person_id != person.id:
        abort(404)
    return signup


def _context(token: str, person) -> dict:
    """Everything the page shows: a page of sign-ups with status, QR codes, hours, teams."""
    now = utcnow()
    signups = listing.person_signups(person, page_number())
    positions = listing.waitlist_positions(signups)
    version = tokens.link_version(person)  # once for the page's QR codes
    rows = []
    for signup in signups:
        upcoming = signup.shift.ends_at > now
        qr = None
        if upcoming and signup.status == "confirmed" and not signup.shift.is_cancelled:
            url = public_url("volunteers.checkin", slug=person.community.slug,
                             token=tokens.checkin_token(signup, version))
            qr = qr_data_uri(url, scale=5)
        rows.append({"signup": signup, "qr": qr, "position": positions.get(signup.id),
                     "in_calendar": upcoming and signup.is_active,
                     "can_cancel": services.cancellable(signup, now)})
    ratings = {rating.signup_id: rating for rating in db.session.scalars(
        select(SessionRating).where(SessionRating.signup_id.in_([r["signup"].id for r in rows])))}
    for row in rows:
        row["rating"] = ratings.get(row["signup"].id)
    return {"token": token, "person": person, "community": person.community, "rows": rows,
            "signups": signups, "hours": services.hours_by_year(person),
            "teams": service.memberships(person), "form": EmptyForm(),
            "taught": taught_courses(person),
            "this_year": clock.today().year,
            "page_url": page_links("me.page", token=token)}  # the cancel route renders it too


TAUGHT_SHOWN = 20


def taught_courses(person) -> list[tuple[Course, float, int]]:
    """The courses this person teaches, newest first, with the learners' average rating (a
    teacher sees how their classes went on their own page): one grouped query."""
    mine = select(Course.activity_id).join(Teacher).where(Teacher.person_id == person.id)
    ratings = (select(Shift.activity_id.label("activity_id"),
                      func.avg(SessionRating.stars).label("average"),
                      func.count(SessionRating.id).label("count"))
               .join(Signup, Signup.shift_id == Shift.id)
               .join(SessionRating, SessionRating.signup_id == Signup.id)
               .where(Shift.activity_id.in_(mine)).group_by(Shift.activity_id).subquery())
    rows = db.session.execute(
        select(Course, ratings.c.average, ratings.c.count).join(Teacher)
        .outerjoin(ratings, ratings.c.activity_id == Course.activity_id)
        .where(Teacher.person_id == person.id)
        .options(joinedload(Course.activity))
        .order_by(Course.id.desc()).limit(TAUGHT_SHOWN))
    return [(course, float(average or 0), count or 0) for course, average, count in rows]


@bp.get("/<token>")
def page(token: str):
    """All of a person's sign-ups, with cancel, calendar and check-in QR."""
    person = _person_or_404(token)
    response = render_view("volunteers/me.html", "volunteers/partials/me_signups.html",
                           **_context(token, person))
    # Whoever opens the link is its owner: this browser may now sign up with one tap.
    return remember(response, person)


@bp.post("/<token>/signups/<int:signup_id>/cancel")
def cancel(token: str, signup_id: int):
    """Cancel one sign-up; the first waitlisted person takes the place."""
    person = _person_or_404(token)
    signup = _own_signup_or_404(person, signup_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        services.cancel(signup)
        flash(_("已取消报名。"), "success")
    except SignupError as refused:
        flash(str(refused.message), "error")
    if is_partial():
        return render_view("volunteers/me.html", "volunteers/partials/me_signups.html",
                           **_context(token, person))
    return redirect(url_for("me.page", token=token), 303)


@bp.get("/<token>/signups/<int:signup_id>.ics")
def calendar(token: str, signup_id: int):
    """The sign-up as a calendar file."""
    person = _person_or_404(token)
    signup = _own_signup_or_404(person, signup_id)
    body = signup_ics(signup, request.host.split(":")[0])
    return body, 200, {"Content-Type": "text/calendar; charset=utf-8",
                       "Content-Disposition": f"attachment; filename=signup-{signup.id}.ics"}


@bp.get("/<token>/certificate-<int:year>.pdf")
def certificate(token: str, year: int):
    """The person's volunteer-hours certificate for one year."""
    person = _person_or_404(token)
    delivery = deliver("certificate", person.community, {"person": person.id, "year": year})
    if delivery.current is None:  # rendered in the background: the page asks again shortly
        return preparing(person.community, _("志愿时长证明"),
                         (url_for("me.page", token=token), _("返回我的报名")))
    return send_pdf(delivery.current)
