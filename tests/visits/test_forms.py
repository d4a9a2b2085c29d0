"""The rounds' forms without HTTP: dates in order, numbers that are numbers, outcomes known."""
from werkzeug.datastructures import MultiDict

from blueprints.visits.forms import CampaignForm, QuestionForm, VisitForm


def _form(cls, app, **data):
    with app.test_request_context(method="POST", data=MultiDict(data)):
        form = cls(meta={"csrf": False})
        form.validate()
        return form


def test_campaign_end_before_start_is_refused(app):
    form = _form(CampaignForm, app, name="冬季入户走访", starts_on="2026-12-10",
                 ends_on="2026-12-01", max_tries="3")
    assert form.ends_on.errors == ["结束日期不能早于开始日期"]
    assert _form(CampaignForm, app, name="x", starts_on="2026-12-01", ends_on="2026-12-01",
                 max_tries="11").max_tries.errors


def test_question_bounds_must_be_sane_numbers(app):
    form = _form(QuestionForm, app, kind="number", label="室内温度", min_value="很冷",
                 max_value="1e300")
    assert form.min_value.errors == ["请填写数字"] and form.max_value.errors == ["这个数字太大了"]
    assert not _form(QuestionForm, app, kind="number", label="室内温度", min_value="-10",
                     max_value="40").errors
    assert _form(QuestionForm, app, kind="nonsense", label="x").kind.errors


def test_visit_needs_a_known_outcome(app):
    assert _form(VisitForm, app, outcome="burgled").outcome.errors
    assert not _form(VisitForm, app, outcome="not_home", need="  ").errors
