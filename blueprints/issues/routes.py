"""Public issue pages: the board, the report form, an issue's page, the reporter's link."""
from flask import (
    abort,
    flash,
    g,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from blueprints.core.fields import db_int
from blueprints.core.forms import choice_list
from blueprints.core.pagecache import cached_page
from blueprints.core.paging import page_number
from blueprints.core.uploads import ImageRejected, send_image
from blueprints.htmx import navigate, render_view
from blueprints.issues import bp, costs, privacy, services, tokens
from blueprints.issues.forms import (
    PHOTO_ERRORS,
    CommentForm,
    FilterForm,
    MeTooForm,
    ReportForm,
    VerdictForm,
    photo_streams,
)
from blueprints.issues.lookups import (
    followed_issue_or_404,
    public_issue_or_404,
    public_limit,
)
from extensions import db, limiter
from models import IssuePhoto
from models.issues import CATEGORIES, STATUSES


@bp.context_processor
def issue_helpers() -> dict:
    """Status labels, the fen formatter and the public-note rules for every issue template."""
    return {"statuses": STATUSES, "mask_numbers": privacy.mask_numbers,
            "photo_visible": privacy.photo_visible,
            "public_note": privacy.public_note}



@bp.get("/c/<slug>/issues")
@cached_page
def board():
    """Public issues by compound, category and status, recently resolved ones too, page by page."""
    form = FilterForm(request.args)
    form.compound.choices = choice_list([(0, _l("全部小区"))] + [(c.id, c.name) for c in g.community.compounds])
    form.category.choices = choice_list([("", _l("全部类别"))] + [(k, v[0]) for k, v in CATEGORIES.items()])
    form.status.choices = choice_list([("", _l("全部状态"))] + list(STATUSES.items()))
    issues = services.public_issues(g.community, form.compound.data, form.category.data,
                                    form.status.data, page_number())
    return render_view("issues/board.html", "issues/partials/list.html",
                       community=g.community, form=form, issues=issues)


@bp.route("/c/<slug>/issues/new", methods=["GET", "POST"])
@limiter.limit(public_limit, methods=["POST"])
def new():
    """The report form the opinion-box QR code opens, compound preset."""
    form = ReportForm()
    if request.method == "GET":
        form.compound.data = request.args.get("compound", type=db_int)
    form.fill_places(g.community)
    if form.validate_on_submit():
        try:
            issue = services.report_issue(g.community, form.to_report())
        except ImageRejected as error:
            form.photos.errors.append(PHOTO_ERRORS[error.reason])
        else:
            flash(_("已收到您反映的问题，编号 %(id)d。请收藏本页，随时查看办理进度。", id=issue.id), "success")
            return navigate(url_for("issues.follow", issue_id=issue.id, token=tokens.link_of(issue)))
    status = 422 if request.method == "POST" else 200
    return render_view("issues/new.html", "issues/partials/report_form.html", status,
                       community=g.community, form=form)


@bp.get("/c/<slug>/issues/<int:issue_id>")
@cached_page
def detail(issue_id: int):
    """A public issue with its timeline, without personal data."""
    issue = public_issue_or_404(issue_id)
    return render_template("issues/detail.html", community=g.community, issue=issue,
                           summary=costs.cost_summary(issue), metoo_form=MeTooForm(), message=None)


@bp.post("/c/<slug>/issues/<int:issue_id>/metoo")
@limiter.limit(public_limit, methods=["POST"])
def metoo(issue_id: int):
    """我也遇到: one per mobile number."""
    issue = public_issue_or_404(issue_id)
    form = MeTooForm()
    message, status = None, 422
    if form.validate_on_submit():
        try:
            counted = services.me_too(issue, form.mobile.data)
            message = _("谢谢，已记下。") if counted else _("这个号码已经点过了。")
            status, form = 200, MeTooForm(formdata=None)
        except services.IssueClosed:
            form.mobile.errors.append(_("这个诉求已经办结，不再计数。"))
    context = {"community": g.community, "issue": issue, "metoo_form": form, "message": message,
               "summary": costs.cost_summary(issue)}
    return render_view("issues/detail.html", "issues/partials/metoo.html", status, **context)


@bp.get("/c/<slug>/issues/<int:issue_id>/follow/<token>")
def follow(issue_id: int, token: str):
    """The reporter's own page: progress, comments, and 'is it really fixed?'."""
    issue = followed_issue_or_404(issue_id, token)
    return _follow_page(issue, token, CommentForm(formdata=None), VerdictForm(formdata=None))


def _follow_page(issue, token, comment_form, verdict_form, status=200):
    return render_view("issues/follow.html", "issues/partials/follow_panel.html", status,
                       community=g.community, issue=issue, token=token,
                       comment_form=comment_form, verdict_form=verdict_form)


@bp.post("/c/<slug>/issues/<int:issue_id>/follow/<token>/comment")
@limiter.limit(public_limit, methods=["POST"])
def follow_comment(issue_id: int, token: str):
    """The reporter adds a comment (and photos) to the timeline."""
    issue = followed_issue_or_404(issue_id, token)
    form = CommentForm()
    if form.validate_on_submit():
        try:
            services.add_comment(issue, form.note.data, by_reporter=True,
                                 photos=photo_streams(form.photos))
            return _follow_page(issue, token, CommentForm(formdata=None), VerdictForm(formdata=None))
        except ImageRejected as error:
            form.photos.errors.append(PHOTO_ERRORS[error.reason])
        except services.IssueClosed:
            form.note.errors.append(_("这个诉求已经办结，不能再补充。如有新问题，请重新反映。"))
    return _follow_page(issue, token, form, VerdictForm(formdata=None), 422)


@bp.post("/c/<slug>/issues/<int:issue_id>/follow/<token>/verdict")
@limiter.limit(public_limit, methods=["POST"])
def follow_verdict(issue_id: int, token: str):
    """Really fixed (closes) or not fixed (reopens, with the reporter's comment)."""
    issue = followed_issue_or_404(issue_id, token)
    form = VerdictForm()
    if form.validate_on_submit():
        try:
            services.reporter_verdict(issue, form.fixed.data == "yes", form.note.data or "")
            return _follow_page(issue, token, CommentForm(formdata=None), VerdictForm(formdata=None))
        except services.MissingDetail:
            form.note.errors.append(_("请说一说哪里还没解决"))
        except services.IllegalTransition:
            pass  # finished meanwhile: the page shows the new state
    return _follow_page(issue, token, CommentForm(formdata=None), form, 422)


@bp.get("/c/<slug>/issues/<int:issue_id>/photos/<int:photo_id>")
def photo(issue_id: int, photo_id: int):
    """A photo: public issue → anyone; private → console users of the community or the reporter."""
    issue = services.get_issue(g.community, issue_id)
    image = db.session.get(IssuePhoto, photo_id)
    if issue is None or image is None or image.issue_id != issue.id or not _may_see(issue, image):
        abort(404)
    response = send_image(services.PHOTO_FOLDER, image.file_name, image.content_type)
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _may_see(issue, image: IssuePhoto) -> bool:
    """Console users of the community see every photo; the reporter (follow token) and, for a
    public issue, anyone see a photo exactly when they see its line of the timeline."""
    user = current_user
    if user.is_authenticated and user.role in services.CONSOLE_ROLES and user.can_access(g.community):
        return True
    if tokens.follows(issue, request.args.get("t", "")):
        return privacy.photo_visible(image.event, reporter=True)
    return issue.public and privacy.photo_visible(image.event)
