"""Time and money helpers: Shanghai dates whatever the server's zone; yuan that refuse nonsense."""
from datetime import date, datetime, time, timezone

import pytest
from flask_babel import refresh

from blueprints.core import clock
from blueprints.core.money import parse_yuan, yuan
from blueprints.core.templating import DATE_FORMATS, local_datetime


def test_today_is_the_shanghai_date():
    assert clock.today(datetime(2026, 11, 28, 16, 0, tzinfo=timezone.utc)) == date(2026, 11, 29)
    assert clock.today(datetime(2026, 11, 28, 15, 59, tzinfo=timezone.utc)) == date(2026, 11, 28)
    assert clock.today(datetime(2026, 11, 28, 15, 59)) == date(2026, 11, 28)  # naive = UTC


def test_wall_clock_time_and_month_bounds_are_in_shanghai():
    moment = clock.at(date(2026, 12, 1), time(9, 30))
    assert moment.astimezone(timezone.utc) == datetime(2026, 12, 1, 1, 30, tzinfo=timezone.utc)
    start, end = clock.month_bounds(2026, 12)
    assert start.astimezone(timezone.utc) == datetime(2026, 11, 30, 16, 0, tzinfo=timezone.utc)
    assert end == datetime(2027, 1, 1, tzinfo=clock.ZONE)


@pytest.mark.parametrize("text,fen", [
    ("1000", 100000), ("1,000.5", 100050), ("0.01", 1), (" 12 ", 1200), ("10000000", 1_000_000_000),
    ("0", None), ("-5", None), ("0.001", None), ("NaN", None), ("sNaN", None), ("Infinity", None),
    ("-Infinity", None), ("1e400", None), ("10000000.01", None), ("abc", None), ("", None),
    (None, None), ("1\x00", None), ("9" * 5000, None),
])
def test_parse_yuan(text, fen):
    assert parse_yuan(text) == fen


def test_yuan_formatting():
    assert yuan(123456) == "1,234.56" and yuan(5) == "0.05" and yuan(-150) == "-1.50"
    assert yuan(None) == ""


def test_named_date_formats_follow_the_language(app):
    moment = datetime(2026, 12, 2, 6, 30, tzinfo=timezone.utc)  # a Wednesday, 14:30 in Shanghai
    with app.test_request_context(headers={"Cookie": "lang=zh"}):
        refresh()
        assert local_datetime(moment, "weekday_time") == "12月2日 周三 14:30"
    with app.test_request_context(headers={"Cookie": "lang=en"}):
        refresh()  # the test's app context (and Babel's cached locale) outlives one request
        english = local_datetime(moment, "weekday_time")
        assert english == "Wed 2 Dec 14:30" and "月" not in english
    assert all(set(patterns) == {"zh", "en"} for patterns in DATE_FORMATS.values())


def test_templates_name_their_date_formats_instead_of_typing_patterns():
    from pathlib import Path

    for path in Path("templates").rglob("*.html"):
        text = path.read_text()
        for pattern in ("月d日", "yyyy", "HH:mm"):
            assert pattern not in text, f"{path} types a date pattern ({pattern}); use DATE_FORMATS"
