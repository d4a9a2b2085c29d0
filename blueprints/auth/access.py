"""Who may open what: login set-up and the role and community checks."""
from functools import wraps

from flask import abort, current_app, g, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, current_user

from blueprints.auth import sessions
from blueprints.core.pagecache import Viewer
from blueprints.htmx import is_partial
from extensions import login_manager


def configure_login(manager: LoginManager) -> None:
    """Load users by id; send anonymous visitors to the login page."""
    manager.login_view = "auth.login"
    manager.login_message = _l("请先登录。")
    manager.login_message_category = "info"
    # "basic", not "strong": a phone moving between Wi-Fi and 4G changes address,
    # and "strong" would log it out even with "remember me" ticked.
    manager.session_protection = "basic"

    @manager.user_loader
    def load_user(token: str):
        # The cookies hold a login session's token (auth/sessions.py), not the user id.
        return sessions.user_for(token)

    @manager.unauthorized_handler
    def unauthorized():
        login_url = url_for("auth.login", next=request.full_path.rstrip("?"))
        if is_partial():
            # A 302 would be followed by htmx and swap the login page into a fragment.
            return "", 401, {"HX-Redirect": login_url}
        return redirect(login_url)


def role_required(*roles: str):
    """Logged in with one of `roles`, else 403 (or the login page when anonymous)."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def community_role_required(*roles: str):
    """Like role_required, and the account must belong to g.community."""

    def decorator(view):
        @role_required(*roles)
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.can_access(g.community):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


STAFF_ROLES = ("admin", "staff")
CONSOLE_ROLES = ("admin", "staff", "grid_worker")


# A staff page kept in the page cache per account (core/pagecache.py): place
# `@cached_page(viewer=SIGNED_IN)` below the role check, which runs on every request.
SIGNED_IN = Viewer(
    identity=lambda: current_user.is_authenticated and ("user", current_user.id) or None,
    cookies=lambda: {current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")},
    session_keys=frozenset({"_user_id"}),
)
