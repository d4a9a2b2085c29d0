"""Free text that names a day its schedule does not say ("每月28日上门理发" held on the 18th).

An offer's title and notes are typed by hand, its schedule is picked from a rule; when the
rule changes the words stay behind, and the poster reads "每月28日 … 时间：每月18日". These
checks find such words so the partner sees a warning while editing and staff see it in
review. They warn, never refuse: "周六半价" on an offer held every day is not wrong.
Pure functions, like schedule.py.
"""
import re
from dataclasses import dataclass
from datetime import timedelta

from flask_babel import gettext as _

from blueprints.offers import schedule

# The free-text parts of the terms, in the order the form shows them.
FREE_TEXT = ("title", "benefit", "custom_rule", "place_note", "claim_note")

_DAY = "一二三四五六日天"
_WEEKDAY = {c: i for i, c in enumerate("一二三四五六")} | {"日": 6, "天": 6}
_PREFIX = r"(?:周|星期|礼拜)"
_RANGE = re.compile(rf"{_PREFIX}([{_DAY}])\s*(?:至|到|-|—|~|－)\s*{_PREFIX}?([{_DAY}])")
_ONE = re.compile(rf"{_PREFIX}([{_DAY}]+)")  # "周六", "周六日", "周一三五"
_NAMED = {"周末": {5, 6}, "工作日": {0, 1, 2, 3, 4}}
# "每月28日", "每月28号", "28日" — not "12月5日" (a date) nor "3号楼" (a building).
_MONTH_DAY = re.compile(r"每月\s*(\d{1,2})\s*[日号]|(?<![\d月])(\d{1,2})\s*日")
_DATES_SPAN_MAX = 400  # days of a "dates" rule looked at; longer spans hold every day anyway


@dataclass(frozen=True)
class Mismatch:
    field: str   # the form field holding the words
    words: str   # the words as typed, e.g. "每月28日"
    message: str


def _weekday_mentions(text: str):
    """(words, weekdays) for each weekday or range of weekdays the text names."""
    taken = []
    for match in _RANGE.finditer(text):
        first, last = _WEEKDAY[match[1]], _WEEKDAY[match[2]]
        days = set(range(first, last + 1)) if first <= last else set(range(first, 7)) | set(range(last + 1))
        taken.append(match.span())
        yield match[0], days
    for match in _ONE.finditer(text):
        if not any(start <= match.start() < end for start, end in taken):
            yield match[0], {_WEEKDAY[c] for c in match[1]}
    for words, days in _NAMED.items():
        if words in text:
            yield words, days


def _month_day_mentions(text: str):
    for match in _MONTH_DAY.finditer(text):
        day = int(match[1] or match[2])
        if 1 <= day <= 31:
            yield match[0], day


def _said_days(terms: dict) -> tuple[set[int], set[int]]:
    """(weekdays, days of the month) the schedule holds the offer on."""
    every_weekday, every_month_day = set(range(7)), set(range(1, 32))
    kind = terms["schedule"]
    if kind == "weekdays":
        return {int(d) for d in terms["weekdays"]}, set()
    if kind == "monthday":
        return set(), {int(terms["month_day"])} if terms["month_day"] else set()
    if kind == "dates":
        start, end = schedule.as_date(terms["start_date"]), schedule.as_date(terms["end_date"])
        if not (start and end) or end < start:
            return set(), set()
        days = [start + timedelta(n) for n in range(min((end - start).days + 1, _DATES_SPAN_MAX))]
        return {d.weekday() for d in days}, {d.day for d in days}
    return every_weekday, every_month_day


def mismatches(terms: dict) -> list[Mismatch]:
    """Each day named in free text that the schedule does not hold the offer on."""
    t = schedule.terms_with_defaults(terms)
    weekdays, month_days = _said_days(t)
    if len(weekdays) == 7 and len(month_days) == 31:
        return []
    said = schedule.say_schedule(t)
    labels = schedule.part_labels() | {"custom_rule": _("其他条件"), "place_note": _("地点说明"),
                                         "claim_note": _("领取说明")}
    found = []
    for name in FREE_TEXT:
        text = t[name] or ""
        named = [(w, not days <= weekdays) for w, days in _weekday_mentions(text)]
        named += [(w, day not in month_days) for w, day in _month_day_mentions(text)]
        for words, contradicts in named:
            if contradicts:
                found.append(Mismatch(name, words, _(
                    "“%(part)s”写着“%(words)s”，时间却是“%(said)s”。请改成一致，免得居民看到两个时间。",
                    part=labels[name], words=words, said=said)))
    return found
