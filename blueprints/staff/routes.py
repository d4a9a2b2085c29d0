"""The staff and grid-worker console shell, and account invites."""
from flask import abort, current_app, g, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from blueprints.auth import services as accounts
from blueprints.auth import sessions
from blueprints.auth.access import (
    CONSOLE_ROLES,
    SIGNED_IN,
    STAFF_ROLES,
    community_role_required,
    role_required,
)
from blueprints.auth.forms import InviteForm
from blueprints.core import clock
from blueprints.core.audit import actors, events_page
from blueprints.core.audit_words import sentence
from blueprints.core.forms import EmptyForm
from blueprints.core.pagecache import cached_page
from blueprints.core.paging import page_number
from blueprints.exports import services as exporting
from blueprints.exports.forms import ExportForm
from blueprints.exports.responses import download
from blueprints.staff import bp, lists, todo
from blueprints.staff.forms import AuditFilterForm
from models.issues import CHANNELS

FIELD_MESSAGES = {"username": _l("该用户名已被使用"), "mobile": _l("该手机号已绑定其他账号")}


@bp.get("/")
@role_required(*CONSOLE_ROLES)
def console():
    """Open the console of the account's (first) community."""
    if not current_user.communities:
        abort(403)
    return redirect(url_for("staff.dashboard", slug=current_user.communities[0].slug))


@bp.get("/<slug>/")
@community_role_required(*CONSOLE_ROLES)
def dashboard():
    """The console's start page: what needs doing, each line a count and a link; then the
    compounds. Not cached: "new since your last visit" changes with every visit."""
    now = clock.now()
    since = todo.visit(current_user, g.community, now)
    counts = todo.todo(current_user, g.community, since, now)
    return render_template("staff/dashboard.html", community=g.community, todo=counts,
                           channels=CHANNELS,
                           my_grids=(lists.my_grids(current_user, g.community)
                                     if current_user.role == "grid_worker" else []),
                           compounds=lists.compounds_page(g.community, page_number()))


@bp.route("/<slug>/invites", methods=["GET", "POST"])
@community_role_required(*STAFF_ROLES)
def invites():
    """Create an account for a grid worker or partner user and hand out its link."""
    form = InviteForm()
    form.partner_id.choices = _partner_choices()
    link = None
    status = 200
    if form.validate_on_submit():
        try:
            link = _invite(form)
            form = InviteForm(formdata=None)
            form.partner_id.choices = _partner_choices()
        except accounts.AccountError as error:
            getattr(form, error.field).errors.append(FIELD_MESSAGES[error.field])
            status = 422
    elif request.method == "POST":
        status = 422
    pending = lists.pending_invites_page(g.community, page_number())
    context = {"form": form, "link": link, "pending": pending, "community": g.community}
    return render_template("staff/invites.html", **context), status


@bp.get("/<slug>/accounts")
@community_role_required(*STAFF_ROLES)
def accounts_page():
    """The community's accounts: who is signed in where; end their sessions, deactivate."""
    return _accounts()


def _accounts(status: int = 200, refused: str | None = None):
    people = lists.accounts_page(g.community, page_number())
    return render_template("staff/accounts.html", community=g.community, people=people,
                           form=EmptyForm(), refused=refused), status


@bp.post("/<slug>/accounts/<int:user_id>/end-sessions")
@community_role_required(*STAFF_ROLES)
def end_sessions(user_id: int):
    """Sign an account out on every device (a lost phone, a shared computer)."""
    user = _managed_user_or_404(user_id)
    sessions.end_all(user, current_user)
    return redirect(url_for("staff.accounts_page"), 303)


@bp.post("/<slug>/accounts/<int:user_id>/active")
@community_role_required(*STAFF_ROLES)
def set_active(user_id: int):
    """Deactivate an account (its sessions end at once) or reactivate it."""
    user = _managed_user_or_404(user_id)
    if user.id == current_user.id:
        return _accounts(422, refused=_l("不能停用自己的账号"))
    sessions.set_active(user, request.form.get("active") == "1", current_user)
    return redirect(url_for("staff.accounts_page"), 303)


def _managed_user_or_404(user_id: int):
    """An account of this community that the signed-in staff may manage (not an admin)."""
    EmptyForm().validate_on_submit() or abort(400)
    user = accounts.community_user(g.community, user_id)
    if user is None or (user.role == "admin" and current_user.role != "admin"):
        abort(404)
    return user


@bp.get("/<slug>/audit")
@community_role_required(*STAFF_ROLES)
@cached_page(viewer=SIGNED_IN)
def audit():
    """Who changed what and when in this community (DESIGN §8), newest first, as sentences,
    narrowed by person, domain and days."""
    form = AuditFilterForm(actors(g.community), request.args)
    valid = form.validate()
    events = events_page(g.community, form.filters(), page_number())
    return render_template("staff/audit.html", community=g.community, events=events, form=form,
                           sentence=sentence, export_form=ExportForm()), 200 if valid else 422


@bp.post("/<slug>/audit/export")
@community_role_required(*STAFF_ROLES)
def audit_export():
    """The change log as narrowed on its page, as .xlsx or CSV (logged like every export)."""
    form = AuditFilterForm(actors(g.community), request.args)
    export_form = ExportForm()
    if not (form.validate() and export_form.validate_on_submit()):
        events = events_page(g.community, form.filters(), 1)
        return render_template("staff/audit.html", community=g.community, events=events,
                               form=form, sentence=sentence, export_form=export_form), 422
    file_format = export_form.format.data
    chunks = exporting.export_chunks(current_user, g.community, "audit", file_format,
                                     export_form.full_numbers.data, filters=form.filters())
    return download(chunks, exporting.file_name(g.community, "audit", file_format, clock.today()),
                    file_format)


def _partner_choices() -> list[SelectChoice]:
    """The community's partner units, for a partner user's invite."""
    return [SelectChoice(0, _l("（不适用）"))] + [SelectChoice(id_, name)
                                               for id_, name in lists.partner_names(g.community)]


def _invite(form: InviteForm) -> str:
    """Create the account and return its one-time link."""
    user = accounts.create_user(
        username=form.username.data.strip(),
        display_name=form.display_name.data.strip(),
        role=form.role.data,
        mobile=form.mobile.data or None,
        communities=[g.community],
        actor=current_user,
        partner_id=form.partner_id.data,
    )
    token = accounts.create_invite(
        user, g.community, current_user, current_app.config["INVITE_DAYS"]
    )
    return url_for("auth.accept_invite", token=token, _external=True)
