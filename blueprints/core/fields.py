"""Form fields and parsers that refuse what the database cannot hold.

An id of 2^63 or a date in the year 1 would reach SQLite or PostgreSQL and fail there
(OverflowError, "integer out of range", "date out of range"); these stop it at the form
or the URL, as a field error or a 404.
"""
from datetime import date

from flask_babel import lazy_gettext as _l
from werkzeug.routing import IntegerConverter
from wtforms import DateField, IntegerField

DB_INT_MIN, DB_INT_MAX = -(2**31), 2**31 - 1   # a 32-bit INTEGER column, on both databases
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2100, 12, 31)


def db_int(value) -> int:
    """int(value), or ValueError when it is not an integer a database column can hold.

    Usable as `coerce=` of a SelectField and as `type=` of request.args.get().
    """
    number = int(value)
    if not DB_INT_MIN <= number <= DB_INT_MAX:
        raise ValueError(f"{number} is out of range")
    return number


def sane_day(value: date | None) -> date | None:
    """The date when it lies between 1900 and 2100, else None."""
    return value if value is not None and FIRST_DAY <= value <= LAST_DAY else None


def parse_day(text: str | None) -> date | None:
    """A YYYY-MM-DD date from a query string, None when absent, malformed or out of range."""
    try:
        return sane_day(date.fromisoformat(text)) if text else None
    except ValueError:
        return None


class DbIntConverter(IntegerConverter):
    """`<int:id>` in a URL: an id beyond what the database holds is simply not found (404)."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", DB_INT_MAX)
        super().__init__(map, *args, **kwargs)


class BoundedIntegerField(IntegerField):
    """A whole number the database can store; anything else is a field error."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if self.data is not None and not DB_INT_MIN <= self.data <= DB_INT_MAX:
            self.data = None
            raise ValueError(_l("这个数字太大了"))


class SaneDateField(DateField):
    """A date between 1900 and 2100 (the browser's date picker allows the year 1 or 9999)."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if self.data is not None and sane_day(self.data) is None:
            self.data = None
            raise ValueError(_l("请填写1900年到2100年之间的日期"))
