"""Every figure of the planted community, month by month, and empty months."""
from datetime import date

import pytest

from blueprints.figures import services
from blueprints.figures.period import PeriodError, parse

TODAY = date(2026, 12, 3)


def period(start="2026-09", end="2026-11"):
    return parse(start, end, TODAY)


def test_issues_per_month_by_category_and_compound(world):
    by_category = services.issues_by_category(world, period())
    assert by_category.months == ("2026-09", "2026-10", "2026-11")
    assert dict(by_category.rows) == {"道路井盖": [0, 2, 0], "环境卫生": [0, 0, 1]}
    assert dict(services.issues_by_compound(world, period()).rows) == {
        "水产宿舍": [0, 2, 0], "颐和新园": [0, 0, 1]}


def test_resolution_median_same_day_and_reopened(world):
    done = services.resolution(world, period())
    assert done.resolved == [0, 2, 1]
    assert done.median_hours == [None, 16.5, 10.0]  # (3 + 30) / 2
    assert done.same_day == [0, 1, 1]
    assert done.reopened == [0, 0, 1]
    assert done.overall["median_hours"] == 10.0 and done.overall["same_day"] == 2


def test_volunteer_hours_per_team_and_attendance(world):
    assert dict(services.volunteer_hours(world, period()).rows) == {
        "敲门队": [0, 0, 1.5], "红马甲": [0, 2.0, 0]}
    assert dict(services.attendance(world, period()).rows) == {
        "活动报名": [0, 2, 2], "活动到场": [0, 2, 1], "课程报名": [0, 0, 2], "课程到场": [0, 0, 1]}


def test_services_per_partner_and_coverage(world):
    assert services.services_by_partner(world, period()) == [("微发馆", 2, 0), ("惠民超市", 0, 3)] \
        or services.services_by_partner(world, period()) == [("惠民超市", 0, 3), ("微发馆", 2, 0)]
    campaign, cover = services.latest_round(world, period())
    assert campaign.name == "冬季走访"
    assert [(g.name, g.total, g.done, g.percent) for g in cover.grids] == [("第一网格", 4, 3, 75)]


def test_an_empty_month_has_no_rows(world):
    empty = period("2026-08", "2026-08")
    assert services.issues_by_category(world, empty).rows == []
    assert services.resolution(world, empty).resolved == [0]
    assert services.volunteer_hours(world, empty).rows == []
    assert services.services_by_partner(world, empty) == []
    assert services.latest_round(world, empty) == (None, None)


@pytest.mark.parametrize("start, end, field", [
    ("2026-11", "2026-10", "end"), ("2026-13", "", "start"), ("1899-01", "", "start"),
    ("", "2031-01", "end"), ("abc", "", "start"), ("2024-01", "2026-11", "end")])
def test_bad_periods_name_their_field(start, end, field):
    with pytest.raises(PeriodError) as error:
        parse(start, end, TODAY)
    assert error.value.field == field
