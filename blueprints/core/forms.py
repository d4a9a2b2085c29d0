"""Forms for site-wide preferences."""
from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.fields.choices import SelectChoice


class PreferenceForm(FlaskForm):
    """A preference switch: one value and the page to return to."""

    value = HiddenField()
    next = HiddenField()


class EmptyForm(FlaskForm):
    """No fields: gives a bare POST button its CSRF token."""


def choice_list(pairs) -> list[SelectChoice]:
    """(value, label) pairs as SelectChoices: WTForms 3.3 deprecates tuple choices."""
    return [SelectChoice(value, label) for value, label in pairs]
