"""Forms for site-wide preferences."""
from flask_wtf import FlaskForm
from wtforms import HiddenField


class PreferenceForm(FlaskForm):
    """A preference switch: one value and the page to return to."""

    value = HiddenField()
    next = HiddenField()


class EmptyForm(FlaskForm):
    """No fields: gives a bare POST button its CSRF token."""
