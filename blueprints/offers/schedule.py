"""Offer terms without the database: checking them, evaluating dates, saying them in plain words.

Terms are the JSON snapshot an offer's revisions store (keys = the edit form's fields).
Everything here is pure so it can be tested without an app; "today" is Asia/Shanghai.
"""
import calendar
import json
from datetime import date, time

from flask_babel import get_locale, ngettext
from flask_babel import gettext as _

from blueprints.core.wording import day_ordinal, join_clauses, join_words

SCHEDULES = ("daily", "weekdays", "monthday", "dates")
GROUPS = ("over_age", "disabled", "living_alone", "low_income", "custom")
PLACES = ("shop", "home", "hall")
CLAIMS = ("walk_in", "show_id", "phone_ahead")
# The "for me" filters of the public checklist. Their positions are bits of Offer.who_mask
# in the database: add new ones at the end (and fill their bit), never reorder.
WHO_FILTERS = ("over_60", "over_70", "over_80", "disabled", "living_alone", "low_income")

EMPTY_TERMS: dict = {
    "title": "", "benefit": "", "eligibility": [], "min_age": None, "custom_rule": "",
    "schedule": "daily", "weekdays": [], "month_day": None, "start_date": None, "end_date": None,
    "opens_at": "", "closes_at": "", "place": "shop", "place_note": "",
    "claim": "walk_in", "claim_phone": "", "claim_note": "",
    "monthly_limit": None, "places": None, "valid_from": None, "valid_to": None,
}


def as_date(value) -> date | None:
    if not value:
        return None
    return value if isinstance(value, date) else date.fromisoformat(value)


def _time(value) -> time | None:
    if not value:
        return None
    return value if isinstance(value, time) else time.fromisoformat(value)


def terms_with_defaults(terms: dict | None) -> dict:
    """Every key present, so templates and rules never meet a missing one."""
    return {**EMPTY_TERMS, **(terms or {})}


# ---- checking -------------------------------------------------------------

def problems(terms: dict) -> dict[str, str]:
    """Rules across fields that a single field cannot check: {field: message}."""
    t = terms_with_defaults(terms)
    found: dict[str, str] = {}
    if t["schedule"] == "weekdays" and not t["weekdays"]:
        found["weekdays"] = _("请至少选择一天")
    if t["schedule"] == "monthday":
        day = t["month_day"]
        if day is None or not 1 <= int(day) <= 31:
            found["month_day"] = _("请填写1到31之间的日期")
    if t["schedule"] == "dates":
        start, end = as_date(t["start_date"]), as_date(t["end_date"])
        if start is None:
            found["start_date"] = _("请填写开始日期")
        if end is None:
            found["end_date"] = _("请填写结束日期")
        elif start and end < start:
            found["end_date"] = _("结束日期不能早于开始日期")
    opens, closes = _time(t["opens_at"]), _time(t["closes_at"])
    if opens and closes and closes <= opens:
        found["closes_at"] = _("结束时间要晚于开始时间")
    start, end = as_date(t["valid_from"]), as_date(t["valid_to"])
    if start and end and end < start:
        found["valid_to"] = _("有效期结束不能早于开始")
    if "over_age" in t["eligibility"] and not t["min_age"]:
        found["min_age"] = _("请填写年龄")
    if "custom" in t["eligibility"] and not (t["custom_rule"] or "").strip():
        found["custom_rule"] = _("请用一句话写明条件")
    if t["claim"] == "phone_ahead" and not (t["claim_phone"] or "").strip():
        found["claim_phone"] = _("请填写预约电话")
    return found


# ---- dates -------------------------------------------------------------

def effective_month_day(month_day: int, day: date) -> int:
    """The day of `day`'s month a "day N of each month" rule falls on (29–31 → last day)."""
    return min(int(month_day), calendar.monthrange(day.year, day.month)[1])


def valid_on(terms: dict, day: date) -> bool:
    """Inside the offer's validity (valid from / to, both inclusive)."""
    t = terms_with_defaults(terms)
    start, end = as_date(t["valid_from"]), as_date(t["valid_to"])
    return (start is None or day >= start) and (end is None or day <= end)


def occurs_on(terms: dict, day: date) -> bool:
    """True when residents can use the offer on `day`."""
    t = terms_with_defaults(terms)
    if not valid_on(t, day):
        return False
    kind = t["schedule"]
    if kind == "weekdays":
        return day.weekday() in {int(d) for d in t["weekdays"]}
    if kind == "monthday":
        return bool(t["month_day"]) and day.day == effective_month_day(t["month_day"], day)
    if kind == "dates":
        start, end = as_date(t["start_date"]), as_date(t["end_date"])
        return bool(start and end) and start <= day <= end
    return True


def matches_who(terms: dict, who: str | None) -> bool:
    """Whether a resident of group `who` (e.g. "over_80") qualifies; None matches all."""
    t = terms_with_defaults(terms)
    groups = set(t["eligibility"])
    if not who or not groups:
        return True
    if who.startswith("over_"):
        return "over_age" in groups and int(t["min_age"] or 999) <= int(who[5:])
    return who in groups


# ---- columns for SQL ----------------------------------------------------------

def weekday_bit(day: date) -> int:
    """The bit of `day`'s weekday in search_columns()'s weekday_mask (Monday = 1)."""
    return 1 << day.weekday()


def who_bit(who: str) -> int:
    """The bit of a "for me" filter in search_columns()'s who_mask."""
    return 1 << WHO_FILTERS.index(who)


def search_columns(terms: dict | None) -> dict:
    """The offer's indexed columns that let SQL answer valid_on, matches_who and occurs_on.

    Published terms are JSON, which no index can read: whoever publishes stores these
    beside them (services, the demo seeds, migration 0012). A day occurs when its weekday
    bit is in weekday_mask or it is the (effective) month_day, inside runs_from..runs_until.
    """
    if not terms:
        return {"valid_from": None, "valid_until": None, "who_mask": 0, "weekday_mask": 0,
                "month_day": None, "runs_from": None, "runs_until": None}
    t = terms_with_defaults(terms)
    kind, every_day = t["schedule"], (1 << 7) - 1
    weekdays, month_day, runs_from, runs_until = every_day, None, None, None
    if kind == "weekdays":
        weekdays = sum(1 << int(d) for d in {int(d) for d in t["weekdays"]} if 0 <= int(d) <= 6)
    elif kind == "monthday":
        weekdays, month_day = 0, int(t["month_day"]) if t["month_day"] else None
    elif kind == "dates":
        runs_from, runs_until = as_date(t["start_date"]), as_date(t["end_date"])
        weekdays = every_day if runs_from and runs_until else 0
    return {"valid_from": as_date(t["valid_from"]), "valid_until": as_date(t["valid_to"]),
            "who_mask": sum(who_bit(w) for w in WHO_FILTERS if matches_who(t, w)),
            "weekday_mask": weekdays, "month_day": month_day,
            "runs_from": runs_from, "runs_until": runs_until}


# ---- plain words ---------------------------------------------------------------

def _weekday_names() -> list[str]:
    return [_("周一"), _("周二"), _("周三"), _("周四"), _("周五"), _("周六"), _("周日")]


def _long_date(value) -> str:
    d = as_date(value)
    return _("%(y)d年%(m)d月%(d)d日", y=d.year, m=d.month, d=d.day)


def say_eligibility(terms: dict) -> str:
    """Who qualifies, e.g. "80岁以上老人、残疾人"."""
    t = terms_with_defaults(terms)
    words = []
    for group in GROUPS:
        if group not in t["eligibility"]:
            continue
        if group == "over_age":
            words.append(_("%(age)s岁以上老人", age=t["min_age"]))
        elif group == "custom":
            words.append(t["custom_rule"].strip())
        else:
            words.append({"disabled": _("残疾人"), "living_alone": _("独居老人"),
                          "low_income": _("低收入家庭")}[group])
    return join_words(words) if words else _("全体居民")


def say_weekdays(days) -> str:
    """"每周六、周日", "周一至周五", "每天"."""
    days = sorted({int(d) for d in days})
    names = _weekday_names()
    if len(days) == 7:
        return _("每天")
    if days == [0, 1, 2, 3, 4]:
        return _("周一至周五")
    return _("每%(days)s", days=join_words(names[d] for d in days))


def say_hours(terms: dict) -> str:
    """Opening hours, e.g. "9:00–18:00"."""
    t = terms_with_defaults(terms)
    opens, closes = _time(t["opens_at"]), _time(t["closes_at"])
    if opens and closes:
        return f"{opens.hour}:{opens.minute:02d}–{closes.hour}:{closes.minute:02d}"
    if opens:
        return _("%(t)s起", t=f"{opens.hour}:{opens.minute:02d}")
    if closes:
        return _("%(t)s前", t=f"{closes.hour}:{closes.minute:02d}")
    return ""


def say_schedule(terms: dict) -> str:
    """When, in words a resident reads aloud: "每月28日 9:00–11:30"."""
    t = terms_with_defaults(terms)
    kind = t["schedule"]
    if kind == "weekdays":
        words = say_weekdays(t["weekdays"])
    elif kind == "monthday" and t["month_day"]:
        day = int(t["month_day"])
        words = _("每月%(d)s日", d=day_ordinal(day))
        if day >= 29:
            words += _("（当月没有%(d)s日时，改在当月最后一天）", d=day_ordinal(day))
    elif kind == "dates" and t["start_date"] and t["end_date"]:
        words = _("%(a)s至%(b)s每天", a=_long_date(t["start_date"]), b=_long_date(t["end_date"]))
    else:
        words = _("每天")
    hours = say_hours(t)
    return f"{words} {hours}" if hours else words


def say_validity(terms: dict) -> str:
    """"有效期至2027年6月30日", or "" when open-ended."""
    t = terms_with_defaults(terms)
    start, end = t["valid_from"], t["valid_to"]
    if start and end:
        return _("有效期%(a)s至%(b)s", a=_long_date(start), b=_long_date(end))
    if end:
        return _("有效期至%(b)s", b=_long_date(end))
    if start:
        return _("%(a)s起", a=_long_date(start))
    return ""


def say_place(terms: dict) -> str:
    """Where: "到店", "上门服务", "社区党群服务中心", with the note."""
    t = terms_with_defaults(terms)
    words = {"shop": _("到店"), "home": _("上门服务"), "hall": _("社区党群服务中心")}.get(
        t["place"], "")
    note = (t["place_note"] or "").strip()
    return f"{words}（{note}）" if note else words


def say_claim(terms: dict) -> str:
    """How to claim: "凭身份证", "提前电话预约 0317-…"."""
    t = terms_with_defaults(terms)
    if t["claim"] == "show_id":
        words = _("凭身份证")
    elif t["claim"] == "phone_ahead":
        words = _("提前电话预约 %(phone)s", phone=(t["claim_phone"] or "").strip()).strip()
    else:
        words = _("直接前往")
    note = (t["claim_note"] or "").strip()
    return f"{words}；{note}" if note else words


def say_limits(terms: dict) -> str:
    """"每人每月限2次；名额20个", or ""."""
    t = terms_with_defaults(terms)
    parts = []
    if t["monthly_limit"]:
        parts.append(ngettext("每人每月限%(num)s次", "每人每月限%(num)s次", int(t["monthly_limit"])))
    if t["places"]:
        parts.append(ngettext("名额%(num)s个", "名额%(num)s个", int(t["places"])))
    return join_clauses(parts)


_WORDS: dict[tuple[str, str], dict[str, str]] = {}  # (locale, terms) → words; they never expire
_WORDS_MAX = 4096


def plain_words(terms: dict) -> dict[str, str]:
    """Every part of an offer as one line of text, keyed like the review's old → new."""
    # Pure in the terms and the language; each part costs many gettext calls, and the
    # list page, the poster and the print status say the same offers again and again.
    key = (str(get_locale()), json.dumps(terms or {}, sort_keys=True, default=str))
    if (words := _WORDS.get(key)) is None:
        if len(_WORDS) >= _WORDS_MAX:
            _WORDS.clear()
        words = _WORDS[key] = _say_all(terms)
    return dict(words)


def _say_all(terms: dict) -> dict[str, str]:
    t = terms_with_defaults(terms)
    return {
        "title": t["title"], "benefit": t["benefit"], "eligibility": say_eligibility(t),
        "schedule": say_schedule(t), "place": say_place(t), "claim": say_claim(t),
        "limits": say_limits(t), "validity": say_validity(t),
    }


def part_labels() -> dict[str, str]:
    """Names of the parts of plain_words()."""
    return {"title": _("名称"), "benefit": _("服务内容"), "eligibility": _("服务对象"),
            "schedule": _("时间"), "place": _("地点"), "claim": _("领取方式"),
            "limits": _("限制"), "validity": _("有效期")}


def changes(old: dict | None, new: dict) -> list[tuple[str, str, str]]:
    """(label, old words, new words) for every part that differs; all parts when new."""
    before = plain_words(old) if old else {}
    after = plain_words(new)
    labels = part_labels()
    return [(labels[k], before.get(k, ""), after[k]) for k in after
            if before.get(k, "") != after[k]]
