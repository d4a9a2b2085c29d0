"""Staff pages of courses: the list, a new course with its weekly sessions, one course's
sessions with attendance, the teacher's credited time and the learners' ratings."""
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from blueprints.auth.access import SIGNED_IN, STAFF_ROLES, community_role_required
from blueprints.classes import bp, courses, listing
from blueprints.classes.course_forms import CourseForm
from blueprints.classes.courses import CourseError, Series
from blueprints.core.fields import db_int
from blueprints.core.forms import EmptyForm, refused_onto
from blueprints.core.pagecache import cached_page
from blueprints.core.paging import page_number
from blueprints.rooms import services as rooms
from blueprints.volunteers import activities
from extensions import db
from models import CourseRequest, Teacher

CHOICES_LIMIT = 300  # teachers and requests offered in the form's lists


def _course_or_404(course_id: int):
    return courses.course_in(g.community, course_id) or abort(404)


@bp.get("/staff/<slug>/classes/courses")
@community_role_required(*STAFF_ROLES)
@cached_page(viewer=SIGNED_IN)
def staff_courses():
    """The community's courses, newest first, with their sessions' places."""
    return render_template("classes/staff/courses.html", community=g.community,
                           page=listing.staff_courses(g.community, page_number()))


def _choices(form: CourseForm) -> CourseForm:
    teachers = db.session.scalars(
        select(Teacher).where(Teacher.community_id == g.community.id, Teacher.retired_at.is_(None))
        .order_by(Teacher.name, Teacher.id).limit(CHOICES_LIMIT))
    requests = db.session.scalars(
        select(CourseRequest).where(CourseRequest.community_id == g.community.id,
                                    CourseRequest.status.in_(("open", "answered")))
        .order_by(CourseRequest.support_count.desc(), CourseRequest.id).limit(CHOICES_LIMIT))
    form.set_choices(list(teachers), list(requests), rooms.rooms_of(g.community))
    return form


def _pick(model, item_id: int):
    """The community's row of `model` with this id, or None (0 = none chosen)."""
    item = db.session.get(model, item_id) if item_id else None
    return item if item is not None and item.community_id == g.community.id else None


REFUSALS = {CourseError: lambda refused: (
    refused.field if refused.field in ("ends", "weeks", "capacity", "first_day", "room",
                                       "teacher", "request") else "title", refused.message)}


@bp.route("/staff/<slug>/classes/courses/new", methods=["GET", "POST"])
@community_role_required(*STAFF_ROLES)
def new_course():
    """A course with its sessions (one, or one a week); its rooms booked at once."""
    if request.method == "GET":
        form = _choices(CourseForm(formdata=None))
        form.request.data = request.args.get("request", type=db_int) or 0
        return render_template("classes/staff/new_course.html", community=g.community, form=form)
    form = _choices(CourseForm())
    made = []
    if form.validate_on_submit():
        series = Series(first_day=form.first_day.data, starts=form.starts.data,
                        ends=form.ends.data, weeks=form.weeks.data,
                        capacity=form.capacity.data, room=rooms.room_in(g.community, form.room.data)
                        if form.room.data else None)
        if refused_onto(form, lambda: made.append(courses.create_course(
                g.community, current_user, form.title.data, series,
                teacher=_pick(Teacher, form.teacher.data), description=form.description.data,
                materials=form.materials.data, request=_pick(CourseRequest, form.request.data))),
                REFUSALS):
            flash(_("课程已发布：%(title)s", title=form.title.data), "success")
            return redirect(url_for("classes.staff_course", course_id=made[0].id), 303)
    return render_template("classes/staff/new_course.html", community=g.community, form=form), 422


@bp.get("/staff/<slug>/classes/courses/<int:course_id>")
@community_role_required(*STAFF_ROLES)
@cached_page(viewer=SIGNED_IN)
def staff_course(course_id: int):
    """One course: each session's places, its roster link, teaching credited, ratings."""
    course = _course_or_404(course_id)
    return render_template("classes/staff/course.html", community=g.community, course=course,
                           taught=courses.taught(course), ratings=courses.ratings_summary(course),
                           comments=courses.recent_comments(course), actions=EmptyForm(),
                           refusal=lambda shift: courses.teaching_refusal(course, shift))


@bp.post("/staff/<slug>/classes/courses/<int:course_id>/sessions/<int:shift_id>/taught")
@community_role_required(*STAFF_ROLES)
def record_teaching(course_id: int, shift_id: int):
    """Credit the teacher with this session's time (volunteer hours)."""
    course = _course_or_404(course_id)
    shift = activities.get_shift(g.community, shift_id)
    if shift is None or shift.activity_id != course.activity_id or not EmptyForm().validate_on_submit():
        abort(404 if shift is None or shift.activity_id != course.activity_id else 400)
    try:
        courses.record_teaching(course, shift, current_user)
        flash(_("已记录授课时长。"), "success")
    except CourseError as refused:
        flash(str(refused.message), "error")
    return redirect(url_for("classes.staff_course", course_id=course.id), 303)
