"""The offer form without HTTP: field checks, cross-field rules, terms out and back in."""
from werkzeug.datastructures import MultiDict

from blueprints.offers.forms import OfferForm


def _form(app, **data):
    base = {"title": "上门理发", "benefit": "免费理发", "schedule": "daily", "place": "shop", "claim": "walk_in"}
    base.update(data)
    with app.test_request_context(method="POST"):
        form = OfferForm(formdata=MultiDict(base))
        return form, form.validate()


def test_valid_month_day_rule(app):
    form, valid = _form(app, schedule="monthday", month_day="28", eligibility="disabled")
    assert valid, form.errors
    assert form.terms()["month_day"] == 28 and form.terms()["eligibility"] == ["disabled"]


def test_day_outside_month_and_closing_before_opening(app):
    form, valid = _form(app, schedule="monthday", month_day="0", opens_at="18:00", closes_at="09:00")
    assert not valid
    assert form.month_day.errors == ["请填写1到31之间的日期"]
    assert form.closes_at.errors == ["结束时间要晚于开始时间"]


def test_text_in_a_number_field_gives_one_message_and_is_not_kept_as_terms(app):
    form, valid = _form(app, min_age="八十", eligibility="over_age")
    assert not valid and form.min_age.errors == ["请填写数字"]
    assert "min_age" not in form.terms()
    assert form.title.data == "上门理发"


def test_weekday_rule_needs_a_day(app):
    form, valid = _form(app, schedule="weekdays")
    assert not valid and form.weekdays.errors == ["请至少选择一天"]


def test_terms_round_trip(app):
    form, valid = _form(app, schedule="dates", start_date="2026-12-01", end_date="2026-12-31",
                        opens_at="09:00", closes_at="11:30")
    assert valid, form.errors
    terms = form.terms()
    assert terms["start_date"] == "2026-12-01" and terms["opens_at"] == "09:00"
    with app.test_request_context():
        again = OfferForm(formdata=None)
        again.load(terms)
        assert again.terms() == terms


def test_a_personal_mobile_is_refused_as_a_public_number(app):
    from blueprints.offers.forms import PartnerForm
    from tests.factories import make_community, make_person, make_user

    community = make_community()
    make_person(community, mobile="13900001111")
    make_user("partner", [community], mobile="13700002222")
    form, valid = _form(app, claim="phone_ahead", claim_phone="139-0000-1111")
    assert not valid and "个人手机号" in form.claim_phone.errors[0]
    assert _form(app, claim="phone_ahead", claim_phone="0317-5556028")[1]
    for number in ("13700002222", "+86 139 0000 1111"):
        with app.test_request_context(method="POST"):
            form = PartnerForm(formdata=MultiDict({"name": "温州饭吧", "kind": "restaurant", "phone": number}))
            assert not form.validate() and "个人手机号" in form.phone.errors[0]
    with app.test_request_context(method="POST"):
        form = PartnerForm(formdata=MultiDict({"name": "温州饭吧", "kind": "restaurant",
                                               "phone": "0317-5550001", "contact_phone": "13900001111"}))
        assert form.validate(), form.errors  # the contact's own mobile is fine: staff only


def test_choices_raise_no_wtforms_deprecation(app):
    import warnings

    from blueprints.offers.forms import PartnerForm

    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        _form(app, schedule="weekdays", weekdays=["5", "6"], eligibility="disabled")
        with app.test_request_context(method="POST"):
            form = PartnerForm(formdata=MultiDict({"name": "温州饭吧", "kind": "restaurant"}))
            assert form.validate(), form.errors
            assert '<option selected value="restaurant">餐饮</option>' in form.kind()
