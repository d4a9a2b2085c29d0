"""Schedule rules, eligibility and plain words: pure functions, no database."""
from datetime import date, datetime, timezone

import pytest

from blueprints.core import clock
from blueprints.offers import schedule as s


def t(**kw):
    return {**s.EMPTY_TERMS, "title": "x", "benefit": "y", **kw}


def test_daily_offer_occurs_every_day():
    assert all(s.occurs_on(t(), date(2026, 1, d)) for d in range(1, 32))


def test_weekday_rule_matches_only_chosen_days():
    weekend = t(schedule="weekdays", weekdays=[5, 6])
    assert s.occurs_on(weekend, date(2026, 11, 28))  # Saturday
    assert s.occurs_on(weekend, date(2026, 11, 29))  # Sunday
    assert not s.occurs_on(weekend, date(2026, 11, 30))  # Monday


def test_day_of_month_28th():
    rule = t(schedule="monthday", month_day=28)
    assert s.occurs_on(rule, date(2026, 2, 28))
    assert not s.occurs_on(rule, date(2026, 3, 1))
    assert not s.occurs_on(rule, date(2026, 3, 27))


@pytest.mark.parametrize("day,expected", [
    (date(2026, 2, 28), True),   # February has no 31st: its last day
    (date(2028, 2, 29), True),   # leap year: the 29th is the last day
    (date(2028, 2, 28), False),
    (date(2026, 4, 30), True),   # 30-day month
    (date(2026, 4, 29), False),
    (date(2026, 5, 31), True),
    (date(2026, 5, 30), False),
])
def test_day_31_falls_back_to_the_last_day(day, expected):
    assert s.occurs_on(t(schedule="monthday", month_day=31), day) is expected


def test_day_30_in_february_and_in_a_long_month():
    rule = t(schedule="monthday", month_day=30)
    assert s.occurs_on(rule, date(2026, 2, 28))
    assert s.occurs_on(rule, date(2026, 1, 30))
    assert not s.occurs_on(rule, date(2026, 1, 31))


def test_date_range_is_inclusive():
    rule = t(schedule="dates", start_date="2026-12-01", end_date="2026-12-03")
    assert not s.occurs_on(rule, date(2026, 11, 30))
    assert s.occurs_on(rule, date(2026, 12, 1))
    assert s.occurs_on(rule, date(2026, 12, 3))
    assert not s.occurs_on(rule, date(2026, 12, 4))


def test_validity_limits_every_rule():
    rule = t(valid_from="2026-01-01", valid_to="2026-06-30")
    assert not s.occurs_on(rule, date(2025, 12, 31))
    assert s.occurs_on(rule, date(2026, 6, 30))
    assert not s.occurs_on(rule, date(2026, 7, 1))
    assert not s.valid_on(rule, date(2026, 7, 1))


def test_today_is_shanghai_date():
    # 20:00 UTC on 28 Nov is already 04:00 on 29 Nov in Shanghai.
    assert clock.today(datetime(2026, 11, 28, 20, 0, tzinfo=timezone.utc)) == date(2026, 11, 29)
    assert clock.today(datetime(2026, 11, 28, 15, 59, tzinfo=timezone.utc)) == date(2026, 11, 28)


@pytest.mark.parametrize("terms,field", [
    ({"schedule": "monthday", "month_day": 32}, "month_day"),
    ({"schedule": "monthday", "month_day": 0}, "month_day"),
    ({"schedule": "monthday", "month_day": None}, "month_day"),
    ({"schedule": "weekdays", "weekdays": []}, "weekdays"),
    ({"schedule": "dates", "start_date": "2026-12-05", "end_date": "2026-12-01"}, "end_date"),
    ({"schedule": "dates", "start_date": None, "end_date": "2026-12-01"}, "start_date"),
    ({"opens_at": "18:00", "closes_at": "09:00"}, "closes_at"),
    ({"opens_at": "09:00", "closes_at": "09:00"}, "closes_at"),
    ({"valid_from": "2026-12-05", "valid_to": "2026-12-01"}, "valid_to"),
    ({"eligibility": ["over_age"], "min_age": None}, "min_age"),
    ({"eligibility": ["custom"], "custom_rule": " "}, "custom_rule"),
    ({"claim": "phone_ahead", "claim_phone": ""}, "claim_phone"),
])
def test_invalid_rules_are_named_by_field(terms, field):
    assert field in s.problems(t(**terms))


def test_valid_terms_have_no_problems():
    assert s.problems(t(schedule="monthday", month_day=31, opens_at="09:00", closes_at="11:30",
                        eligibility=["over_age"], min_age=80)) == {}


def test_eligibility_filters():
    elders = t(eligibility=["over_age", "disabled"], min_age=80)
    assert s.matches_who(elders, "over_80")
    assert not s.matches_who(elders, "over_70")  # a 70-year-old does not qualify
    assert s.matches_who(elders, "disabled")
    assert not s.matches_who(elders, "low_income")
    assert s.matches_who(elders, None)
    everyone = t()
    assert all(s.matches_who(everyone, who) for who in s.WHO_FILTERS)
    over60 = t(eligibility=["over_age"], min_age=60)
    assert s.matches_who(over60, "over_70") and s.matches_who(over60, "over_80")


def test_plain_words():
    assert s.say_eligibility(t()) == "全体居民"
    assert s.say_eligibility(t(eligibility=["over_age", "disabled"], min_age=80)) == "80岁以上老人、残疾人"
    assert s.say_eligibility(t(eligibility=["custom"], custom_rule="退役军人")) == "退役军人"
    assert s.say_schedule(t(schedule="weekdays", weekdays=[5, 6])) == "每周六、周日"
    assert s.say_schedule(t(schedule="weekdays", weekdays=[0, 1, 2, 3, 4])) == "周一至周五"
    assert s.say_schedule(t(schedule="weekdays", weekdays=list(range(7)))) == "每天"
    assert s.say_schedule(t(schedule="monthday", month_day=28, opens_at="09:00",
                            closes_at="11:30")) == "每月28日 9:00–11:30"
    assert s.say_schedule(t(schedule="dates", start_date="2026-12-01",
                            end_date="2026-12-31")) == "2026年12月1日至2026年12月31日每天"
    assert s.say_validity(t(valid_to="2027-06-30")) == "有效期至2027年6月30日"
    assert s.say_claim(t(claim="phone_ahead", claim_phone="0317-5551234")) == "提前电话预约 0317-5551234"
    assert s.say_limits(t(monthly_limit=2, places=20)) == "每人每月限2次；名额20个"
    assert s.say_place(t(place="home")) == "上门服务"


def test_month_end_rule_says_so_in_plain_words():
    words = s.say_schedule(t(schedule="monthday", month_day=31))
    assert words.startswith("每月31日")
    assert "当月最后一天" in words
    assert "最后一天" not in s.say_schedule(t(schedule="monthday", month_day=28))


def test_changes_lists_only_changed_parts():
    old = t(title="周六日九折", schedule="weekdays", weekdays=[5, 6])
    new = t(title="周六日九折", schedule="daily")
    assert s.changes(old, new) == [("时间", "每周六、周日", "每天")]
    assert len(s.changes(None, new)) >= 4  # a new offer shows every part
