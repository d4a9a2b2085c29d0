"""Issue forms without HTTP."""
import pytest
from werkzeug.datastructures import MultiDict

from blueprints.core.money import parse_yuan
from blueprints.issues.forms import MeTooForm, ReportForm
from tests.factories import make_community, make_compound


@pytest.mark.parametrize("text,fen", [("1000", 100000), ("1,000.00", 100000), ("0.01", 1),
                                      ("142.86", 14286), ("12.345", None), ("-5", None),
                                      ("abc", None), ("", None), ("0", None)])
def test_parse_yuan(text, fen):
    assert parse_yuan(text) == fen


def test_report_form_needs_what_and_checks_mobile(app):
    community = make_community()
    compound = make_compound(community)
    with app.test_request_context(method="POST"):
        form = ReportForm(MultiDict({"compound": compound.id, "category": "road", "what": "",
                                     "reporter_mobile": "123", "building": "0"}))
        form.fill_places(community)
        assert not form.validate()
        assert set(form.errors) == {"what", "reporter_mobile"}


def test_report_form_accepts_a_minimal_report(app):
    community = make_community()
    compound = make_compound(community)
    with app.test_request_context(method="POST"):
        form = ReportForm(MultiDict({"compound": compound.id, "category": "road", "what": "坑",
                                     "building": "0"}))
        form.fill_places(community)
        assert form.validate(), form.errors


def test_me_too_form_needs_a_mobile(app):
    with app.test_request_context(method="POST"):
        assert not MeTooForm(MultiDict({"mobile": ""})).validate()
        assert MeTooForm(MultiDict({"mobile": "13800138000"})).validate()
