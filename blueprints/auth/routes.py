"""Logging in and out, and accepting an invite."""
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from blueprints.auth import bp, services, sessions
from blueprints.auth.forms import LoginForm, SetPasswordForm
from blueprints.core.forms import EmptyForm
from blueprints.core.redirects import local_target
from extensions import limiter


def _home_for(user) -> str:
    """Where an account lands after logging in."""
    return url_for("partner.portal") if user.role == "partner" else url_for("staff.console")


def _safe_next(default: str) -> str:
    """The `next` page if it is on this site, else `default`."""
    return local_target(request.args.get("next"), default)


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login():
    """Log in with mobile number or username and password."""
    if current_user.is_authenticated:
        return redirect(_home_for(current_user))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.identifier.data, form.password.data)
        if user is not None:
            sessions.start(user, bool(form.remember.data), request.user_agent.string)
            login_user(user, remember=form.remember.data)
            return redirect(_safe_next(_home_for(user)), 303)
        # Never say which of the two was wrong.
        form.password.errors.append(_("账号或密码不正确"))
    status = 422 if request.method == "POST" else 200
    return render_template("auth/login.html", form=form), status


@bp.post("/logout/everywhere")
@login_required
def logout_everywhere():
    """End every session of this account, on every phone and computer (a lost phone)."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    sessions.end_all(current_user, current_user)
    logout_user()
    flash(_("已在所有设备上退出登录。"), "info")
    return redirect(url_for("auth.login"), 303)


@bp.post("/logout")
@login_required
def logout():
    """End this browser's session on the server too: its cookies stop working everywhere."""
    sessions.end(current_user.session_token)
    logout_user()
    flash(_("已退出登录。"), "info")
    return redirect(url_for("auth.login"), 303)


@bp.route("/invite/<token>", methods=["GET", "POST"])
def accept_invite(token: str):
    """Choose a password for an invited account; the link works once."""
    invite = services.open_invite(token)
    if invite is None:
        abort(404)
    form = SetPasswordForm()
    if form.validate_on_submit():
        method = current_app.config["PASSWORD_HASH_METHOD"]
        user = services.accept_invite(invite, form.password.data, hash_method=method)
        sessions.start(user, False, request.user_agent.string)
        login_user(user)
        flash(_("密码已设置，欢迎使用家门口服务。"), "success")
        return redirect(_home_for(user), 303)
    status = 422 if request.method == "POST" else 200
    return render_template("auth/accept_invite.html", form=form, invite=invite), status
