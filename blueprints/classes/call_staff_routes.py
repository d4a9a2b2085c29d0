"""Staff pages of recruitment calls and teachers: publish (or answer a request), close,
accept or decline applicants, and keep the teachers' profiles."""
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.auth.access import SIGNED_IN, STAFF_ROLES, community_role_required
from blueprints.classes import bp, calls, services
from blueprints.classes.call_forms import (
    AcceptForm,
    CallForm,
    DeclineApplicationForm,
    TeacherForm,
)
from blueprints.classes.calls import CallError
from blueprints.core.fields import db_int
from blueprints.core.forms import EmptyForm, refused_onto
from blueprints.core.pagecache import cached_page
from blueprints.core.paging import page_number
from extensions import db
from models import Compound


def _call_or_404(call_id: int):
    return calls.get_call(g.community, call_id) or abort(404)


def _application_or_404(application_id: int):
    return calls.get_application(g.community, application_id) or abort(404)


def _teacher_or_404(teacher_id: int):
    return calls.get_teacher(g.community, teacher_id) or abort(404)


def _refusal(field: str):
    return {CallError: lambda refused: (refused.field if refused.field != "form" else field,
                                        refused.message)}


def _answered_request(raw):
    """The open request named by `?request=` or the form's hidden field (None if not one)."""
    try:
        request_id = db_int(raw) if raw else None
    except ValueError:
        return None
    item = services.get_request(g.community, request_id) if request_id else None
    return item if item is not None and item.is_open else None


# ---- calls -----------------------------------------------------------------------------

@bp.get("/staff/<slug>/classes/calls")
@community_role_required(*STAFF_ROLES)
@cached_page(viewer=SIGNED_IN)
def staff_calls():
    """All recruitment calls, open first, with their applications counted."""
    page = calls.staff_calls(g.community, page_number())
    return render_template("classes/calls/staff/calls.html", community=g.community, page=page,
                           counts=calls.application_counts(page))


def _new_call_page(form, answered, status=200):
    return render_template("classes/calls/staff/new.html", community=g.community, form=form,
                           answered=answered), status


@bp.get("/staff/<slug>/classes/calls/new")
@community_role_required(*STAFF_ROLES)
def new_call():
    """The form of a new call; `?request=<id>` answers that 点课 (its subject filled in)."""
    answered = _answered_request(request.args.get("request"))
    data = {"skill": answered.subject, "answers": str(answered.id)} if answered else None
    return _new_call_page(CallForm(formdata=None, data=data), answered)


@bp.post("/staff/<slug>/classes/calls/new")
@community_role_required(*STAFF_ROLES)
def create_call():
    """Publish the call (answering the request it names, which leaves 征集中)."""
    form = CallForm()
    answered = _answered_request(form.answers.data)
    if form.validate_on_submit():
        if form.answers.data and answered is None:
            form.skill.errors.append(_("这个点课已经不在征集中，不能再用招募令回应。"))
        else:
            try:
                call = calls.publish(g.community, current_user, form.skill.data,
                                     form.audience.data, form.frequency.data, form.details.data,
                                     answered)
            except CallError as refused:
                form.skill.errors.append(refused.message)
            else:
                flash(_("招募令已发布。可以打印海报贴在公告栏。"), "success")
                return redirect(url_for("classes.staff_call", call_id=call.id), 303)
    return _new_call_page(form, answered, 422)


@bp.get("/staff/<slug>/classes/calls/<int:call_id>")
@community_role_required(*STAFF_ROLES)
@cached_page(viewer=SIGNED_IN)
def staff_call(call_id: int):
    """One call with its applications (pending first), the poster and the close button."""
    call = _call_or_404(call_id)
    return render_template("classes/calls/staff/call.html", community=g.community, call=call,
                           page=calls.applications(call, page_number()), close_form=EmptyForm())


@bp.post("/staff/<slug>/classes/calls/<int:call_id>/close")
@community_role_required(*STAFF_ROLES)
def close_call(call_id: int):
    """End the call: the public page stays, without the form."""
    call = _call_or_404(call_id)
    form = EmptyForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        calls.close(call, current_user)
        flash(_("招募令已结束。"), "success")
    except CallError as refused:
        flash(refused.message, "error")
    return redirect(url_for("classes.staff_call", call_id=call.id), 303)


# ---- applications ----------------------------------------------------------------------

def _accept_form(application, formdata=True) -> AcceptForm:
    data = {"name": application.name, "skill": application.skill}
    form = AcceptForm() if formdata else AcceptForm(formdata=None, data=data)
    form.set_compounds(calls.compounds(g.community))
    return form


def _application_page(application, accept_form=None, decline_form=None, status=200):
    return render_template(
        "classes/calls/staff/application.html", community=g.community, item=application,
        accept_form=accept_form or _accept_form(application, formdata=False),
        decline_form=decline_form or DeclineApplicationForm(formdata=None)), status


@bp.get("/staff/<slug>/classes/applications/<int:application_id>")
@community_role_required(*STAFF_ROLES)
def staff_application(application_id: int):
    """One application in full (number included) with the accept and decline forms."""
    return _application_page(_application_or_404(application_id))


@bp.post("/staff/<slug>/classes/applications/<int:application_id>/accept")
@community_role_required(*STAFF_ROLES)
def accept_application(application_id: int):
    """Accept: the applicant becomes a teacher (name, skill, compound shown publicly)."""
    item = _application_or_404(application_id)
    form = _accept_form(item)
    if form.validate_on_submit():
        compound = db.session.get(Compound, form.compound.data) if form.compound.data else None
        if form.compound.data and compound is None:
            form.compound.errors.append(_("请选择本社区的小区。"))
        elif refused_onto(form, lambda: calls.accept(item, current_user, form.name.data,
                                                     form.skill.data, compound), _refusal("name")):
            flash(_("已接受，%(name)s 现在是社区的能人老师。", name=form.name.data), "success")
            return redirect(url_for("classes.staff_call", call_id=item.call_id), 303)
    return _application_page(item, accept_form=form, status=422)


@bp.post("/staff/<slug>/classes/applications/<int:application_id>/decline")
@community_role_required(*STAFF_ROLES)
def decline_application(application_id: int):
    """Decline politely: a thank-you notice goes to the applicant through the outbox."""
    item = _application_or_404(application_id)
    form = DeclineApplicationForm()
    if form.validate_on_submit() and refused_onto(
            form, lambda: calls.decline(item, current_user, form.note.data), _refusal("note")):
        flash(_("已婉拒，感谢短信已排入发送队列。"), "success")
        return redirect(url_for("classes.staff_call", call_id=item.call_id), 303)
    return _application_page(item, decline_form=form, status=422)


# ---- teachers --------------------------------------------------------------------------

@bp.get("/staff/<slug>/classes/teachers")
@community_role_required(*STAFF_ROLES)
@cached_page(viewer=SIGNED_IN)
def staff_teachers():
    """The community's teachers: active first, by name; retired ones kept for the record."""
    return render_template("classes/calls/staff/teachers.html", community=g.community,
                           page=calls.teachers(g.community, page_number()))


def _teacher_page(teacher, form=None, status=200):
    form = form or TeacherForm(formdata=None, obj=teacher)
    return render_template("classes/calls/staff/teacher.html", community=g.community,
                           teacher=teacher, form=form, retire_form=EmptyForm()), status


@bp.get("/staff/<slug>/classes/teachers/<int:teacher_id>")
@community_role_required(*STAFF_ROLES)
def staff_teacher(teacher_id: int):
    """A teacher's profile to edit (skill, bio) and the retire button."""
    return _teacher_page(_teacher_or_404(teacher_id))


@bp.post("/staff/<slug>/classes/teachers/<int:teacher_id>")
@community_role_required(*STAFF_ROLES)
def update_teacher(teacher_id: int):
    """Save the teacher's skill and bio."""
    teacher = _teacher_or_404(teacher_id)
    form = TeacherForm()
    if form.validate_on_submit():
        calls.update_teacher(teacher, current_user, form.skill.data, form.bio.data)
        flash(_("已保存。"), "success")
        return redirect(url_for("classes.staff_teacher", teacher_id=teacher.id), 303)
    return _teacher_page(teacher, form, 422)


@bp.post("/staff/<slug>/classes/teachers/<int:teacher_id>/retire")
@community_role_required(*STAFF_ROLES)
def retire_teacher(teacher_id: int):
    """The teacher no longer teaches (kept for the record)."""
    teacher = _teacher_or_404(teacher_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        calls.retire(teacher, current_user)
        flash(_("%(name)s 已退出能人名单。", name=teacher.name), "success")
    except CallError as refused:
        flash(refused.message, "error")
    return redirect(url_for("classes.staff_teachers"), 303)
