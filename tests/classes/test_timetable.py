"""The month's class timetable poster: text, CJK fonts, A3, the CLI and the print centre."""
import re
from datetime import time, timedelta

import pytest

from blueprints.classes.courses import Series, create_course
from blueprints.classes.timetable import parse_month
from blueprints.core import clock
from printing.registry import DocumentError
from printing.render import render_pdf
from tests.classes.factories import make_teacher
from tests.factories import login, make_community, make_user
from tests.pdf import assert_cjk_only, pdf_reader, pdf_text


@pytest.fixture
def community(app):
    with app.test_request_context():
        community = make_community(slug="liujin", name="流津社区")
        staff = make_user("staff", [community])
        first = clock.today() + timedelta(days=3)
        create_course(community, staff, "钩织杯垫", Series(first, time(14, 30), time(16), weeks=2),
                      teacher=make_teacher(community))
        create_course(community, staff, "面塑", Series(first + timedelta(days=40), time(9), time(10)))
        yield community


def _month(day):
    return f"{day.year}-{day.month:02d}"


def test_the_timetable_lists_the_months_sessions_with_teacher_and_time(app, community):
    first = clock.today() + timedelta(days=3)
    with app.test_request_context():
        data = render_pdf("class-timetable", community, {"month": _month(first)}).data
    text = re.sub(r"\s+", "", pdf_text(data))
    assert "流津社区能人课堂课程表" in text and f"{first.year}年{first.month}月" in text
    assert "钩织杯垫" in text and "叶胜新" in text and "14:30–16:00" in text
    assert f"{first.month}月{first.day}日" in text
    assert "面塑" not in text or _month(first + timedelta(days=40)) == _month(first)
    assert_cjk_only(data)


def test_a3_and_the_command_line(app, community, tmp_path):
    month = _month(clock.today() + timedelta(days=3))
    out = tmp_path / "t.pdf"
    result = app.test_cli_runner().invoke(args=["print", "class-timetable", "--community",
                                                "liujin", "--month", month, "--size", "A3",
                                                "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert "钩织杯垫" in pdf_text(data)
    assert round(float(pdf_reader(data).pages[0].mediabox.width) / 72 * 25.4) == 297
    bad = app.test_cli_runner().invoke(args=["print", "class-timetable", "--community", "liujin",
                                             "--month", "2026-13", "--out", str(out)])
    assert bad.exit_code != 0 and "2026-12" in bad.output


@pytest.mark.parametrize("text", ["2026-13", "26-1", "2026-00", "9999-01", "x", "2026-1\x00"])
def test_a_malformed_month_is_refused(text):
    with pytest.raises(DocumentError):
        parse_month(text)


def test_staff_print_it_from_the_print_centre(app, community):
    client = app.test_client()
    login(client, make_user("staff", [community]))
    centre = client.get("/staff/liujin/print/").get_data(as_text=True)
    assert "能人课堂课程表" in centre
