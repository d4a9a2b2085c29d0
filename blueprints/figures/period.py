"""The month or range of months a figures page is about, parsed from 'YYYY-MM' strings."""
import re
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import case

from blueprints.core import clock

MAX_MONTHS = 24  # a range longer than two years is a different question (and a wider chart)
MONTH = re.compile(r"(\d{4})-(\d{2})")


class PeriodError(ValueError):
    """A picker field that cannot be used: which field, and the message beside it."""

    def __init__(self, field: str, message):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Period:
    """Consecutive months: their labels ('2026-11') and their bounds in Asia/Shanghai."""

    months: tuple[str, ...]
    bounds: tuple[tuple[datetime, datetime], ...]

    @property
    def start(self) -> datetime:
        return self.bounds[0][0]

    @property
    def end(self) -> datetime:
        return self.bounds[-1][1]

    @property
    def first_day(self) -> date:
        return self.start.date()

    @property
    def last_day(self) -> date:
        return self.end.date()  # exclusive: the first day after the period

    def bucket(self, column):
        """A SQL expression giving the month index (0 …) of `column` inside the period."""
        return case(*[(column < end, index) for index, (_s, end) in enumerate(self.bounds)],
                    else_=len(self.bounds))

    def day_bucket(self, column):
        """The month index of a date column."""
        return case(*[(column < end.date(), index) for index, (_s, end) in enumerate(self.bounds)],
                    else_=len(self.bounds))


def month_period(first: tuple[int, int], last: tuple[int, int]) -> Period:
    """The months from `first` to `last` (year, month), both included."""
    months, bounds = [], []
    year, month = first
    while (year, month) <= last:
        months.append(f"{year:04d}-{month:02d}")
        bounds.append(clock.month_bounds(year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return Period(tuple(months), tuple(bounds))


def _month(field: str, raw: str, today: date) -> tuple[int, int]:
    match = MONTH.fullmatch(raw.strip())
    if not match or not 1 <= int(match[2]) <= 12:
        raise PeriodError(field, _l("请按“2026-11”的格式填写月份"))
    year, month = int(match[1]), int(match[2])
    if year < 2000 or (year, month) > (today.year + 1, today.month):
        raise PeriodError(field, _l("请选择2000年以后、一年之内的月份"))
    return year, month


def parse(start: str | None, end: str | None, today: date) -> Period:
    """The period from the picker's two fields; either may be empty (then: the last six months,
    or the one month given). Raises PeriodError with the field to mark."""
    this_month = (today.year, today.month)
    last = _month("end", end, today) if end else None
    first = _month("start", start, today) if start else None
    if first is None and last is None:
        last = this_month
        first = (today.year - (today.month <= 5), (today.month - 6) % 12 + 1)
    first, last = first or last, last or first
    if last < first:
        raise PeriodError("end", _l("结束月份不能早于开始月份"))
    if (last[0] - first[0]) * 12 + last[1] - first[1] >= MAX_MONTHS:
        raise PeriodError("end", _l("最多选择 %(n)s 个月", n=MAX_MONTHS))
    return month_period(first, last)
