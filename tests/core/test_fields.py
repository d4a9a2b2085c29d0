"""Fields and guards that keep what the database cannot hold out of it."""
from datetime import date

import pytest
from werkzeug.datastructures import MultiDict

from blueprints.core.fields import db_int, parse_day
from blueprints.volunteers.forms import ShiftFields
from tests.factories import make_community


@pytest.mark.parametrize("text,expected", [("5", 5), ("-3", -3), (str(2**31 - 1), 2**31 - 1)])
def test_db_int_accepts_what_a_column_holds(text, expected):
    assert db_int(text) == expected


@pytest.mark.parametrize("text", [str(2**31), str(2**63), "99999999999999999999", "NaN", "1e3", ""])
def test_db_int_refuses_the_rest(text):
    with pytest.raises(ValueError):
        db_int(text)


def test_query_string_days_stay_between_1900_and_2100():
    assert parse_day("2026-12-05") == date(2026, 12, 5)
    assert parse_day("0001-01-01") is None and parse_day("9999-12-31") is None
    assert parse_day("2026-13-01") is None and parse_day(None) is None


def test_far_dates_and_huge_numbers_are_field_errors(app):
    data = MultiDict({"day": "0001-01-01", "start": "09:00", "end": "10:00", "capacity": str(2**63)})
    with app.test_request_context(method="POST", data=data):
        form = ShiftFields()
        assert not form.validate()
    assert "1900" in form.day.errors[0] and "太大" in form.capacity.errors[0]


def test_a_nul_byte_anywhere_is_a_clear_400(client):
    make_community(slug="liujin")
    for response in (client.get("/c/liujin/issues?status=%00"),
                     client.post("/login", data={"identifier": "a\x00b", "password": "x"})):
        assert response.status_code == 400
    assert client.get("/c/%00/").status_code in (400, 404)  # no community has that name
    assert "控制字符" in client.get("/c/liujin/issues?what=a%00").get_data(as_text=True)
    assert client.post("/login", data={"identifier": "行1\n行2\t", "password": "x"}).status_code == 422
