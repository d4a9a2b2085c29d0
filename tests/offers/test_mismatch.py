"""Free text naming a day the schedule does not say: warned while editing and in review."""
import pytest

from blueprints.offers import services
from blueprints.offers.mismatch import mismatches
from demo.offers import ARTICLE_PARTNERS, INVENTED, PENDING
from tests.factories import login
from tests.offers.factories import terms
from tests.offers.test_routes import form_data, world  # noqa: F401  (fixture)

BARBER = {"title": "每月28日上门免费理发", "schedule": "monthday", "month_day": 28}


@pytest.mark.parametrize("changed, words", [
    ({"month_day": 18}, "每月28日"),
    ({"schedule": "weekdays", "weekdays": [5]}, "每月28日"),
    ({"schedule": "dates", "start_date": "2026-12-01", "end_date": "2026-12-20"}, "每月28日"),
])
def test_a_day_the_schedule_no_longer_says_is_named(app, changed, words):
    with app.test_request_context():
        found = mismatches(terms(**{**BARBER, **changed}))
    assert [(m.field, m.words) for m in found] == [("title", words)]
    assert "每月28日" in found[0].message


@pytest.mark.parametrize("text, weekdays, named", [
    ("周六日九折", [5], "周六日"),
    ("周一至周五午餐半价", [0, 1, 2], "周一至周五"),
    ("周末亲子活动", [6], "周末"),
    ("每星期三义诊", [1], "星期三"),
])
def test_weekdays_named_outside_the_schedule(app, text, weekdays, named):
    with app.test_request_context():
        found = mismatches(terms(benefit=text, schedule="weekdays", weekdays=weekdays))
    assert [(m.field, m.words) for m in found] == [("benefit", named)]


@pytest.mark.parametrize("overrides", [
    BARBER,
    {"title": "周六日九折", "schedule": "weekdays", "weekdays": [5, 6]},
    {"title": "周一至周五午餐", "schedule": "weekdays", "weekdays": [0, 1, 2, 3, 4]},
    {"title": "周末特惠", "schedule": "daily"},                       # every day holds the weekend
    {"title": "义诊", "place_note": "3号楼门口", "schedule": "monthday", "month_day": 5},  # a building
    {"title": "12月5日义诊", "schedule": "monthday", "month_day": 9},   # a date, not a day of the month
    {"title": "每月28号理发", "schedule": "dates", "start_date": "2026-12-20", "end_date": "2027-01-05"},
])
def test_words_that_agree_with_the_schedule_are_not_warned(app, overrides):
    with app.test_request_context():
        assert mismatches(terms(**overrides)) == []


def test_no_demo_offer_contradicts_itself(app):
    with app.test_request_context():
        offers = [(n, t, b, extra) for n, _k, _a, t, b, extra in ARTICLE_PARTNERS]
        offers += [(n, t, b, extra) for n, _k, t, b, extra in INVENTED]
        for name, title, benefit, extra in offers:
            assert mismatches(terms(title=title, benefit=benefit, **extra)) == [], title
            if name in PENDING:  # the demo's pending edits agree with their own words too
                edited = terms(**{"title": title, "benefit": benefit, **extra, **PENDING[name]})
                assert mismatches(edited) == [], name


def test_the_partner_sees_the_warning_while_editing(client, world):  # noqa: F811
    login(client, world["fanba_user"])
    offer = world["meal"]
    body = client.post(f"/partner/offers/{offer.id}", headers={"HX-Request": "true"},
                       data=form_data(title="每月28日免费午餐", schedule="monthday", month_day="18")
                       ).get_data(as_text=True)
    assert 'id="offer-mismatches"' in body and "“每月28日”" in body and "每月18日" in body
    assert 'href="#title"' in body
    fixed = client.post(f"/partner/offers/{offer.id}", headers={"HX-Request": "true"},
                        data=form_data(title="每月18日免费午餐", schedule="monthday", month_day="18")
                        ).get_data(as_text=True)
    assert 'id="offer-mismatches"' not in fixed
    page = client.get(f"/partner/offers/{offer.id}").get_data(as_text=True)
    assert 'id="offer-mismatches"' not in page  # the saved draft agrees with itself now


def test_staff_see_the_warning_in_review(client, world):  # noqa: F811
    offer = world["discount"]  # "周六日九折", Saturdays and Sundays
    services.save_draft(offer, world["shop_user"], {"weekdays": [5]})
    services.submit(offer, world["shop_user"])
    login(client, world["staff"])
    page = client.get("/staff/liujin/services/").get_data(as_text=True)
    assert "review-item__mismatch" in page and "“周六日”" in page and "每周六" in page
