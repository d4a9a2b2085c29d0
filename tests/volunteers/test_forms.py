"""Volunteer forms validated without HTTP."""
from werkzeug.datastructures import MultiDict

from blueprints.volunteers.forms import ActivityForm, SignupForm


def signup_form(**data) -> SignupForm:
    form = SignupForm(MultiDict(data), meta={"csrf": False})
    form.set_teams([])
    return form


def test_signup_needs_name_and_mainland_mobile(app):
    with app.test_request_context():
        form = signup_form(name="", mobile="02312345678")
        assert not form.validate()
        assert form.name.errors and form.mobile.errors
        assert signup_form(name=" 王芳 ", mobile="+86 139-1234-5678").validate()
        assert signup_form(name="王芳", mobile="139 1234 5678").name.data == "王芳"


def test_remembered_volunteer_needs_no_fields(app):
    with app.test_request_context():
        assert signup_form(use_saved="1").validate()


def test_activity_form_end_after_start(app):
    with app.test_request_context():
        form = ActivityForm(MultiDict({"title": "清扫", "category": "action", "day": "2030-01-02",
                                       "start": "10:00", "end": "10:00", "capacity": "0",
                                       "compound": "0", "team": "0"}), meta={"csrf": False})
        form.compound.choices = [(0, "-")]
        form.team.choices = [(0, "-")]
        assert not form.validate()
        assert form.end.errors and form.capacity.errors
