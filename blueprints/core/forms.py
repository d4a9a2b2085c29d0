"""Site-wide forms and form helpers: preferences, bare POST buttons, choices, refusals."""
from collections.abc import Callable, Mapping

from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.fields.choices import SelectChoice

from blueprints.core.privacy import MaskedText


class PreferenceForm(FlaskForm):
    """A preference switch: one value and the page to return to."""

    value = HiddenField()
    next = HiddenField()


class EmptyForm(FlaskForm):
    """No fields: gives a bare POST button its CSRF token."""


def choice_list(pairs) -> list[SelectChoice]:
    """(value, label) pairs as SelectChoices: WTForms 3.3 deprecates tuple choices.

    Labels from the database (plain str) are MaskedText: a number typed into a compound's
    name is masked in a public form's options too.
    """
    return [SelectChoice(value, MaskedText(label) if isinstance(label, str) else label)
            for value, label in pairs]


def refused_onto(form: FlaskForm, action: Callable[[], object],
                 refusals: Mapping[type[Exception], Callable[[Exception], tuple[str, str]]]) -> bool:
    """Run a service call; a domain refusal becomes an error next to a form field.

    `refusals` maps an exception type to a function giving (field name, message) for
    it. The service has already rolled its transaction back (core/transaction.py);
    True when the call went through, False when a refusal was put on the form.
    """
    try:
        action()
    except tuple(refusals) as refusal:
        kind = next(k for k in refusals if isinstance(refusal, k))
        name, message = refusals[kind](refusal)
        getattr(form, name).errors.append(message)
        return False
    return True


class PageForm(FlaskForm):
    """A form that shares its page with others: its fields' ids carry `id_prefix`.

    Field names (what is posted) stay as they are; only the HTML ids change, so that
    two forms with a `note` field do not both render id="note" and a label focuses the
    right input.
    """

    id_prefix = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.id_prefix:
            for field in self:
                field.id = f"{self.id_prefix}-{field.id}"
                field.label.field_id = field.id  # a label rendered on its own points there too
