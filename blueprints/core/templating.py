"""Jinja filters and globals shared by every template."""
from datetime import datetime

from flask import Flask, current_app, request, url_for
from flask_babel import format_date, format_datetime, get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from jinja2 import pass_context
from markupsafe import Markup

from blueprints.core import paging, privacy, translations, uploads, wording
from blueprints.core.money import yuan
from models.people import mask_mobile

# Public parts of a community (DESIGN.md §5); each appears once its domain exists.
PUBLIC_NAV = [
    ("community.home", _l("首页")),
    ("offers.checklist", _l("便民服务")),
    ("volunteers.activities", _l("志愿活动")),
    ("classes.index", _l("能人课堂")),
    ("rooms.index", _l("场地")),
    ("issues.board", _l("诉求")),
]

# Console sections; each domain adds its endpoint here and appears once registered.
STAFF_NAV = [
    ("staff.dashboard", _l("工作台"), ("admin", "staff", "grid_worker")),
    ("register.index", _l("居民台账"), ("admin", "staff", "grid_worker")),
    ("issues.staff_board", _l("诉求看板"), ("admin", "staff", "grid_worker")),
    ("visits.staff_campaigns", _l("入户走访"), ("admin", "staff", "grid_worker")),
    ("volunteers.staff_activities", _l("志愿活动"), ("admin", "staff", "grid_worker")),
    ("classes.staff_courses", _l("课程"), ("admin", "staff")),
    ("classes.staff_requests", _l("居民点课"), ("admin", "staff")),
    ("offers.review_queue", _l("服务审核"), ("admin", "staff")),
    ("rooms.staff_rooms", _l("场地"), ("admin", "staff")),
    ("homeservice.staff_index", _l("上门服务"), ("admin", "staff")),
    ("printing.center", _l("打印"), ("admin", "staff")),
    ("staff.invites", _l("邀请账号"), ("admin", "staff")),
    ("staff.accounts_page", _l("账号"), ("admin", "staff")),
    ("staff.audit", _l("变更记录"), ("admin", "staff")),
    ("exports.index", _l("导出"), ("admin", "staff")),
    ("open311_staff.index", _l("Open311 接口"), ("admin", "staff")),
]


ROLE_LABELS = {
    "admin": _l("管理员"),
    "staff": _l("社区工作人员"),
    "grid_worker": _l("网格员"),
    "partner": _l("共建单位"),
}


@pass_context
def css_string(context, value: str) -> str:
    """Text made safe inside a double-quoted CSS string (print footers), numbers masked.

    Markup because it is escaped here for its context; HTML escaping on top would
    print &amp; for &. Being Markup, it is masked here rather than by the finalizer.
    """
    text = privacy.mask_numbers(str(value)) if privacy.numbers_masked(context) else str(value)
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return Markup(escaped.replace("<", "\\3c "))


# Named date formats, one pattern per language: templates say what they show
# (`| local_dt("weekday_time")`), never a pattern, so English pages get no 月日.
DATE_FORMATS = {
    "date": {"zh": "yyyy-MM-dd", "en": "yyyy-MM-dd"},
    "date_time": {"zh": "yyyy-MM-dd HH:mm", "en": "yyyy-MM-dd HH:mm"},
    "time": {"zh": "HH:mm", "en": "HH:mm"},
    "short_day_time": {"zh": "MM-dd HH:mm", "en": "MM-dd HH:mm"},
    "day_time": {"zh": "M月d日 HH:mm", "en": "d MMM HH:mm"},
    "weekday_time": {"zh": "M月d日 EEE HH:mm", "en": "EEE d MMM HH:mm"},
    "full_day_time": {"zh": "yyyy年M月d日 HH:mm", "en": "d MMM yyyy HH:mm"},
    "full_weekday_time": {"zh": "yyyy年M月d日 EEE HH:mm", "en": "EEE d MMM yyyy HH:mm"},
}


def date_pattern(name: str) -> str:
    """The pattern of a named format in the page's language (KeyError for an unknown name)."""
    patterns = DATE_FORMATS[name]
    return patterns.get(str(get_locale())[:2], patterns["zh"])


def local_datetime(value: datetime | None, name: str = "date_time") -> str:
    """A UTC datetime shown in Asia/Shanghai, in a named format."""
    return format_datetime(value, date_pattern(name)) if value else ""


def local_date(value, name: str = "date") -> str:
    """A date (or datetime, converted to Asia/Shanghai first), in a named format."""
    return format_date(value, date_pattern(name)) if value else ""


def nav_items(entries, **values) -> list[tuple[str, str]]:
    """(url, label) for the entries whose endpoint is registered."""
    views = current_app.view_functions
    return [(url_for(e[0], **values), e[1]) for e in entries if e[0] in views]


def staff_nav(user, community) -> list[tuple[str, str]]:
    """The console sections this user's role may open."""
    allowed = [e for e in STAFF_NAV if user.role in e[2]]
    return nav_items(allowed, slug=community.slug)


def has_role(*roles: str) -> bool:
    """True when the signed-in user has one of these roles (templates ask this, not role literals)."""
    return current_user.is_authenticated and current_user.role in roles


def register(app: Flask) -> None:
    """Install filters and globals."""
    app.jinja_env.filters["mask"] = mask_mobile
    app.jinja_env.filters["local_dt"] = local_datetime
    app.jinja_env.filters["local_date"] = local_date
    app.jinja_env.filters["css_string"] = css_string
    app.jinja_env.filters["yuan"] = yuan
    app.jinja_env.filters["public_phone"] = privacy.public_phone
    translations.install(app.jinja_env)  # before privacy wraps the callables
    privacy.install(app.jinja_env)
    app.jinja_env.globals["yuan"] = yuan
    app.jinja_env.globals["upload_max_bytes"] = uploads.MAX_BYTES
    app.jinja_env.globals["join_words"] = wording.join_words
    app.jinja_env.globals["has_role"] = has_role
    app.jinja_env.globals["page_url"] = paging.page_url
    app.jinja_env.globals["role_label"] = lambda role: ROLE_LABELS.get(role, role)
    app.jinja_env.globals["public_nav"] = lambda slug: nav_items(PUBLIC_NAV, slug=slug)
    app.jinja_env.globals["staff_nav"] = staff_nav
    app.jinja_env.globals["elder_mode"] = lambda: request.cookies.get("elder") == "1"
    app.jinja_env.globals["current_locale"] = lambda: str(get_locale())
