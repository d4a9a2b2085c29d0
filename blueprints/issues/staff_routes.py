"""Staff and grid-worker pages: the board, an issue's console page, moves, intake, box openings."""
from datetime import date

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.datastructures import CombinedMultiDict

from blueprints.auth.access import CONSOLE_ROLES, STAFF_ROLES, SIGNED_IN, community_role_required
from blueprints.core import clock
from blueprints.core.fields import db_int
from blueprints.core.forms import EmptyForm, choice_list
from blueprints.core.pagecache import cached_page
from blueprints.core.paging import page_number
from blueprints.core.uploads import ImageRejected
from blueprints.htmx import announce, is_partial, navigate, render_view
from blueprints.issues import boxes, bp, costs, services, tokens
from blueprints.issues.forms import (
    PHOTO_ERRORS,
    MoveForm,
    OpeningForm,
    PublicForm,
    SlipForm,
    StaffCommentForm,
    StaffReportForm,
    photo_streams,
)
from blueprints.issues.lookups import staff_issue_or_404
from blueprints.issues.workflow import moves_for
from extensions import db
from models import User
from printing.links import public_url
from printing.qr import qr_data_uri

MOVE_ERRORS = {
    "reason": _l("请写明理由"),
    "assignee": _l("请选择派给谁"),
    "merged_into": _l("请填写本社区另一个诉求的编号"),
}


@bp.get("/staff/<slug>/issues/<int:issue_id>")
@community_role_required(*CONSOLE_ROLES)
@cached_page(viewer=SIGNED_IN)
def staff_detail(issue_id: int):
    """One issue with the reporter's full number, its timeline and what can be done next."""
    issue = staff_issue_or_404(issue_id)
    return _detail(issue, _move_form(), StaffCommentForm(formdata=None))


def _move_form(formdata=None) -> MoveForm:
    form = MoveForm(formdata=formdata) if formdata is not None else MoveForm(formdata=None)
    form.assignee.choices = choice_list([(0, _l("请选择"))] + [
        (u.id, f"{u.display_name}（{_role(u)}）") for u in services.console_users(g.community)])
    return form


def _role(user: User) -> str:
    return str({"grid_worker": _l("网格员"), "staff": _l("工作人员"), "admin": _l("管理员")}[user.role])


def _detail(issue, move_form, comment_form, status=200):
    if current_user.role == "grid_worker":  # a grid worker may only take an issue on themselves
        move_form.assignee.choices = [c for c in move_form.assignee.choices
                                      if c.value in (0, current_user.id)]
    return render_view("issues/staff_detail.html", "issues/partials/staff_panel.html", status,
                       community=g.community, issue=issue, move_form=move_form,
                       comment_form=comment_form, moves=moves_for(current_user, issue),
                       overdue=services.is_overdue(issue), public_form=PublicForm(),
                       follow=_follow_link(issue),
                       has_costs=costs.chosen_quote(issue) is not None)


def _follow_link(issue) -> dict | None:
    """The reporter's follow link (text and QR code), for staff to read out or send on, when the
    reporter left a number to reach them by."""
    if not issue.reporter_mobile:
        return None
    url = public_url("issues.follow", slug=g.community.slug, issue_id=issue.id,
                     token=tokens.link_of(issue))
    return {"url": url, "qr": qr_data_uri(url, scale=4)}


BOARD_FILTERS = ("compound", "grid", "category", "channel", "overdue", "mine")


@bp.post("/staff/<slug>/issues/<int:issue_id>/move")
@community_role_required(*CONSOLE_ROLES)
def move(issue_id: int):
    """Move an issue from its page; a refused move explains why next to the field."""
    issue = staff_issue_or_404(issue_id)
    form, refused = _move(issue)
    if refused:
        return _detail(issue, form, StaffCommentForm(formdata=None), refused)
    if is_partial():
        return announce("issue-moved")
    return navigate(url_for("issues.staff_detail", issue_id=issue.id))


@bp.post("/staff/<slug>/issues/board/<int:issue_id>/move")
@community_role_required(*CONSOLE_ROLES)
def board_move(issue_id: int):
    """Move a card on the board or a list (button or drag); back there with its filters."""
    issue = staff_issue_or_404(issue_id)
    form, refused = _move(issue)
    if refused and is_partial():
        errors = "；".join(str(e) for field in form for e in field.errors)
        body = render_template("partials/error_message.html", code=refused, title=_("未能移动"), text=errors)
        return body, refused, {"HX-Retarget": "#flash-messages", "HX-Reswap": "innerHTML"}
    if refused:
        return _detail(issue, form, StaffCommentForm(formdata=None), refused)
    if is_partial():
        return announce("issue-moved")
    return navigate(_back_to_board())


def _back_to_board() -> str:
    """The board with its filters, or the list (same page) the card was moved from."""
    on_list = bool(request.args.get("list"))
    kept = BOARD_FILTERS + (("status", "page") if on_list else ())
    filters = {name: request.args[name] for name in kept if request.args.get(name)}
    return url_for("issues.staff_list" if on_list else "issues.staff_board", **filters)


def _move(issue) -> tuple[MoveForm, int | None]:
    """Validate and make the move: (the form, None) or (the form with its errors, the status)."""
    form = _move_form(CombinedMultiDict((request.files, request.form)))
    if not form.validate_on_submit():
        return form, 422
    return form, _try_move(issue, form)


def _try_move(issue, form: MoveForm) -> int | None:
    """Make the move; on a refusal put the reason on the form and return the status."""
    try:
        _apply_move(issue, form)
        return None
    except services.IllegalTransition:
        form.to_status.errors.append(_("当前状态下不能这样操作，请刷新页面"))
    except services.MissingDetail as missing:
        field = "note" if missing.field == "reason" else missing.field
        getattr(form, field).errors.append(MOVE_ERRORS[missing.field])
    except services.NotAllowed:
        form.to_status.errors.append(_("只有社区工作人员可以这样操作"))
        return 403
    except ImageRejected as error:
        form.photos.errors.append(PHOTO_ERRORS[error.reason])
    return 422


def _apply_move(issue, form: MoveForm) -> None:
    assignee = db.session.get(User, form.assignee.data) if form.assignee.data else None
    merged = services.get_issue(g.community, form.merged_into.data) if form.merged_into.data else None
    photos = photo_streams(form.photos)
    services.change_status(issue, form.to_status.data, current_user, form.note.data or "",
                           assignee=assignee, merged_into=merged, photos=photos,
                           public_note=form.public_note.data)


@bp.post("/staff/<slug>/issues/<int:issue_id>/public")
@community_role_required(*STAFF_ROLES)
def toggle_public(issue_id: int):
    """Show the issue on the public board or take it off."""
    issue = staff_issue_or_404(issue_id)
    form = PublicForm()
    if form.validate_on_submit():
        services.set_public(issue, form.public.data == "1", current_user)
    return _detail(issue, _move_form(), StaffCommentForm(formdata=None))


@bp.post("/staff/<slug>/issues/<int:issue_id>/follow-link/revoke")
@community_role_required(*STAFF_ROLES)
def revoke_follow_link(issue_id: int):
    """The reporter's link stops working (it was passed on, or sent to a wrong number)."""
    issue = staff_issue_or_404(issue_id)
    if EmptyForm().validate_on_submit():
        services.revoke_follow_link(issue, current_user)
    return _detail(issue, _move_form(), StaffCommentForm(formdata=None))


@bp.post("/staff/<slug>/issues/<int:issue_id>/comment")
@community_role_required(*CONSOLE_ROLES)
def staff_comment(issue_id: int):
    """A note with photos on the timeline (e.g. from the spot, on a phone)."""
    issue = staff_issue_or_404(issue_id)
    form = StaffCommentForm()
    if form.validate_on_submit():
        try:
            services.add_comment(issue, form.note.data, current_user,
                                 photos=photo_streams(form.photos),
                                 public_note=form.public_note.data)
            return _detail(issue, _move_form(), StaffCommentForm(formdata=None))
        except ImageRejected as error:
            form.photos.errors.append(PHOTO_ERRORS[error.reason])
    return _detail(issue, _move_form(), form, 422)


@bp.route("/staff/<slug>/issues/new", methods=["GET", "POST"])
@community_role_required(*CONSOLE_ROLES)
def staff_new():
    """A phone call, a patrol finding or a visit need, typed in by staff or a grid worker."""
    form = StaffReportForm()
    if request.method == "GET":
        form.compound.data = request.args.get("compound", type=db_int)
    form.fill_places(g.community)
    if request.method == "GET" and current_user.role == "grid_worker":
        form.channel.data = "patrol"
    if form.validate_on_submit():
        issue = _register(form)
        if issue is not None:
            flash(_("已登记诉求 %(id)d。", id=issue.id), "success")
            return navigate(url_for("issues.staff_detail", issue_id=issue.id))
    status = 422 if request.method == "POST" else 200
    return render_view("issues/staff_new.html", "issues/partials/staff_report_form.html", status,
                       community=g.community, form=form)


def _register(form: StaffReportForm):
    """The new issue, or None with the photo error on the form; 403 for a grid worker's public one."""
    report = form.to_report(channel=form.channel.data, public=form.public.data)
    try:
        return services.report_issue(g.community, report, actor=current_user)
    except services.NotAllowed:
        abort(403)
    except ImageRejected as error:
        form.photos.errors.append(PHOTO_ERRORS[error.reason])
    return None


def _today() -> date:
    return clock.today()


def _box_forms(slip: SlipForm | None = None, opening: OpeningForm | None = None):
    choices = choice_list((c.id, c.name) for c in g.community.compounds)
    slip = slip or SlipForm(formdata=None, opened_on=_today())
    opening = opening or OpeningForm(formdata=None, opened_on=_today(),
                                     opened_by=current_user.display_name)
    slip.compound.choices = opening.compound.choices = choices
    return slip, opening


def _box_page(slip, opening, entered=None, status=200):
    return render_view("issues/box.html", "issues/partials/slip_form.html", status,
                       community=g.community, slip_form=slip, opening_form=opening, entered=entered,
                       overview=boxes.box_overview(g.community, _today(), page_number()))


@bp.get("/staff/<slug>/issues/box")
@community_role_required(*STAFF_ROLES)
def box():
    """Box openings: which boxes are overdue, the opening record and the fast slip entry."""
    return _box_page(*_box_forms())


@bp.post("/staff/<slug>/issues/box")
@community_role_required(*STAFF_ROLES)
def box_slip():
    """Enter one slip; the form comes back empty with compound and date kept."""
    slip, opening = _box_forms(SlipForm())
    if not slip.validate_on_submit():
        return _box_page(slip, opening, status=422)
    report = services.Report(slip.compound.data, slip.category.data, slip.what.data,
                             where=slip.where.data or "", reporter_name=slip.reporter_name.data or "",
                             reporter_mobile=slip.reporter_mobile.data or "")
    issue = boxes.enter_slip(g.community, report, slip.opened_on.data, current_user)
    kept = SlipForm(formdata=None, compound=slip.compound.data, opened_on=slip.opened_on.data,
                    category=slip.category.data)
    return _box_page(*_box_forms(kept), entered=issue)


@bp.post("/staff/<slug>/issues/box/opening")
@community_role_required(*STAFF_ROLES)
def box_opening():
    """Record an opening: who opened the box and how many slips it held (0 when empty)."""
    slip, opening = _box_forms(None, OpeningForm())
    if not opening.validate_on_submit():
        return _box_page(slip, opening, status=422)
    boxes.record_opening(g.community, opening.compound.data, opening.opened_on.data, current_user,
                         opening.opened_by.data, opening.slips_found.data)
    flash(_("已记录开箱。"), "success")
    return navigate(url_for("issues.box"))


@bp.get("/staff/<slug>/issues/figures")
@community_role_required(*STAFF_ROLES)
def figures_page():
    """The old address of the issue figures: they are part of the figures page now."""
    return redirect(url_for("figures.page"), 301)
