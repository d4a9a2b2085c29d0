"""Jinja filters and globals shared by every template."""
from datetime import datetime

from flask import Flask, current_app, request, url_for
from flask_babel import format_date, format_datetime, get_locale
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from models.people import mask_mobile

# Public parts of a community (DESIGN.md §5); each appears once its domain exists.
PUBLIC_NAV = [
    ("community.home", _l("首页")),
    ("offers.checklist", _l("便民服务")),
    ("volunteers.activities", _l("志愿活动")),
    ("classes.index", _l("能人课堂")),
    ("issues.board", _l("诉求")),
]

# Console sections; each domain adds its endpoint here and appears once registered.
STAFF_NAV = [
    ("staff.dashboard", _l("工作台"), ("admin", "staff", "grid_worker")),
    ("issues.staff_board", _l("诉求看板"), ("admin", "staff", "grid_worker")),
    ("volunteers.staff_activities", _l("志愿活动"), ("admin", "staff", "grid_worker")),
    ("offers.review_queue", _l("服务审核"), ("admin", "staff")),
    ("printing.center", _l("打印"), ("admin", "staff")),
    ("staff.invites", _l("邀请账号"), ("admin", "staff")),
    ("staff.audit", _l("变更记录"), ("admin", "staff")),
]


ROLE_LABELS = {
    "admin": _l("管理员"),
    "staff": _l("社区工作人员"),
    "grid_worker": _l("网格员"),
    "partner": _l("共建单位"),
}


def css_string(value: str) -> str:
    """Text made safe inside a double-quoted CSS string (print footers).

    Markup because it is escaped here for its context; HTML escaping on top would
    print &amp; for &.
    """
    escaped = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return Markup(escaped.replace("<", "\\3c "))


def local_datetime(value: datetime | None, fmt: str = "yyyy-MM-dd HH:mm") -> str:
    """A UTC datetime shown in Asia/Shanghai."""
    return format_datetime(value, fmt) if value else ""


def local_date(value, fmt: str = "yyyy-MM-dd") -> str:
    """A date (or datetime, converted to Asia/Shanghai first)."""
    return format_date(value, fmt) if value else ""


def nav_items(entries, **values) -> list[tuple[str, str]]:
    """(url, label) for the entries whose endpoint is registered."""
    views = current_app.view_functions
    return [(url_for(e[0], **values), e[1]) for e in entries if e[0] in views]


def staff_nav(user, community) -> list[tuple[str, str]]:
    """The console sections this user's role may open."""
    allowed = [e for e in STAFF_NAV if user.role in e[2]]
    return nav_items(allowed, slug=community.slug)


def register(app: Flask) -> None:
    """Install filters and globals."""
    app.jinja_env.filters["mask"] = mask_mobile
    app.jinja_env.filters["local_dt"] = local_datetime
    app.jinja_env.filters["local_date"] = local_date
    app.jinja_env.filters["css_string"] = css_string
    app.jinja_env.globals["role_label"] = lambda role: ROLE_LABELS.get(role, role)
    app.jinja_env.globals["public_nav"] = lambda slug: nav_items(PUBLIC_NAV, slug=slug)
    app.jinja_env.globals["staff_nav"] = staff_nav
    app.jinja_env.globals["elder_mode"] = lambda: request.cookies.get("elder") == "1"
    app.jinja_env.globals["current_locale"] = lambda: str(get_locale())
