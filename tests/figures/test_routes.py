"""The figures page over HTTP: picker, bad input, charts with their tables, denials."""
import re

import pytest

from blueprints.core import clock
from tests.factories import login, make_community, make_user
from tests.offers.factories import make_partner, make_partner_user

URL = "/staff/xy/figures"


@pytest.fixture
def staff(client, world):
    login(client, make_user("staff", [world]))
    return client


def section(html: str, key: str) -> str:
    """The <section> of one figure."""
    return re.search(rf'<section[^>]*id="figure-{key}".*?</section>', html, re.S)[0]


def test_a_range_shows_each_chart_with_its_table(staff):
    html = staff.get(URL + "?start=2026-10&end=2026-11").get_data(as_text=True)
    for key in ("by-category", "by-compound", "resolution", "standing-category", "standing-compound",
                "hours", "attendance", "partners", "visits"):
        part = section(html, key)
        svg = re.search(r'<div class="chart" aria-hidden="true"><svg .*?</svg>', part, re.S)[0]
        assert "<script" not in svg and "<style" not in svg and " style=" not in svg
        assert '<div class="table-scroll">' in part and "<caption class=\"visually-hidden\">" in part
    assert re.search(r"<text[^>]*>道路井盖</text>", html)  # chart labels are text
    assert re.search(r"<text[^>]*>微发馆</text>", html) and "第一网格" in html
    assert '<option' not in html and 'value="2026-10"' in html and 'value="2026-11"' in html


def test_the_picker_changes_the_month(staff):
    october = staff.get(URL + "?start=2026-10&end=2026-10").get_data(as_text=True)
    assert "水产宿舍" in section(october, "by-compound")
    assert "颐和新园" not in section(october, "by-compound")
    november = staff.get(URL + "?start=2026-11&end=2026-11").get_data(as_text=True)
    assert "颐和新园" in section(november, "by-compound")


def test_without_a_period_the_last_six_months_are_shown(staff):
    today = clock.today()
    html = staff.get(URL).get_data(as_text=True)
    assert f'value="{today.year:04d}-{today.month:02d}"' in html


@pytest.mark.parametrize("query, message, field", [
    ("start=2026-11&end=2026-10", "结束月份不能早于开始月份", "end"),
    ("start=2026-13", "请按“2026-11”的格式填写月份", "start"),
    ("start=3000-01", "请选择2000年以后、一年之内的月份", "start"),
    ("end=2026-1%3Cscript%3E", "请按“2026-11”的格式填写月份", "end"),
    ("start=2020-01&end=2026-11", "最多选择 24 个月", "end"),
])
def test_bad_input_gets_a_message_beside_the_field(staff, query, message, field):
    response = staff.get(f"{URL}?{query}")
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "<svg" not in html
    error = re.search(rf'<p class="field__error" id="figures-{field}-error">(.*?)</p>', html)
    assert error and error[1] == message


def test_the_old_address_redirects(staff):
    response = staff.get("/staff/xy/issues/figures")
    assert response.status_code == 301 and response.location.endswith(URL)


@pytest.mark.parametrize("role", ["grid_worker", "other_staff", "partner"])
def test_others_are_refused(client, world, role):
    if role == "partner":
        user = make_partner_user(make_partner(world))
    elif role == "other_staff":
        user = make_user("staff", [make_community(slug="lj", name="柳巾社区")])
    else:
        user = make_user("grid_worker", [world])
    login(client, user)
    response = client.get(URL)
    assert response.status_code == 403 and "<svg" not in response.get_data(as_text=True)


def test_the_public_is_sent_to_login(client, world):
    response = client.get(URL)
    assert response.status_code == 302 and "/login" in response.location


def test_the_page_in_english(staff):
    staff.set_cookie("lang", "en")
    html = staff.get(URL + "?start=2026-11&end=2026-11").get_data(as_text=True)
    assert "Issues per month (by category)" in html and "Class sign-ups" in html
    assert re.search(r"<text[^>]*>Class attendance</text>", html)
    html = staff.get(URL + "?start=2026-11&end=2026-10").get_data(as_text=True)
    assert "The end month cannot be before the start month" in html


def test_the_standing_figures_keep_the_old_pages_numbers(staff):
    html = section(staff.get(URL).get_data(as_text=True), "standing-category")
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th>(.*?)</tr>", html)
    cells = {label: re.findall(r'<td class="num">(.*?)</td>', rest) for label, rest in rows}
    assert cells["道路井盖"] == ["0", "2", "16.5", "100%"]  # 3 h and 30 h, both within 48 h
    assert cells["环境卫生"] == ["0", "1", "10.0", "100%"]


def test_names_in_a_chart_are_text_never_markup(staff, world):
    from models import Compound
    from extensions import db
    compound = db.session.scalars(db.select(Compound).where(Compound.name == "水产宿舍")).one()
    compound.name = '<img src=x onerror="alert(1)">宿舍'
    db.session.commit()
    html = staff.get(URL + "?start=2026-10&end=2026-10").get_data(as_text=True)
    part = section(html, "by-compound")
    assert "<img" not in part
    assert "&lt;img src=x onerror=" in part  # in the chart's legend and in its table
