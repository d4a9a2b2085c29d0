"""Numbers in free text never leave the console in full (DESIGN §8).

Whatever residents (and anyone else) type may hold a mobile number: "井盖松动 请联系
13912345678". Rather than trusting every template to remember a filter, the Jinja
environment masks every mobile number in every piece of text it writes into a page
outside the console (the staff console /staff/ and the partner portal /partner/ show
their own records in full) and into every printed document. Values the templates mark
as Markup are left alone: form widgets (a 422 page gives back what was typed) and the
one number a page means to publish, through `|public_phone`. Choice labels that come
from the database are MaskedText (core/forms.choice_list), which masks itself.
"""
import re

from flask import has_request_context, request
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from models.people import mask_mobile

# A mainland mobile number inside free text, also written 139 1234 5678 or 139-1234-5678.
MOBILE_IN_TEXT = re.compile(r"(?<!\d)1[3-9]\d(?:[ \-]?\d{4}){2}(?!\d)")
# Where signed-in people read their own community's or unit's records in full.
UNMASKED_AREAS = ("/staff/", "/partner/")


def mask_numbers(text: str | None) -> str:
    """Free text with every mobile number shown as 139****5678."""
    return MOBILE_IN_TEXT.sub(lambda match: mask_mobile(match.group()), text or "")


def numbers_masked(context: Context | dict) -> bool:
    """Does this template write for the public? Printed documents always do."""
    if context.get("printed"):
        return True
    if not has_request_context():
        return True
    return not request.path.startswith(UNMASKED_AREAS)


class MaskedText(str):
    """Text a form widget writes itself (a compound name as a <select> option label).

    Widgets return Markup, which `finalize` trusts, so the text masks itself when escaped.
    """

    def __html__(self) -> Markup:
        text = mask_numbers(self) if numbers_masked({}) else str(self)
        return escape(text)


def public_phone(number: str | None) -> Markup:
    """A number the page publishes on purpose (a partner's or the hall's phone): not masked."""
    return Markup(escape(number or ""))


@pass_context
def finalize(context: Context, value):
    """Every `{{ … }}` output passes here: mask plain text for the public."""
    if isinstance(value, str) and not isinstance(value, Markup) and numbers_masked(context):
        return mask_numbers(value)
    return value


def masking_gettext(gettext):
    """Wrap Jinja's gettext so the values put into a translated sentence are masked too.

    `_("报名人：%(name)s", name=...)` returns Markup, which `finalize` lets through, so the
    plain-text values are masked here, before they are formatted in.
    """

    @pass_context
    def wrapped(context: Context, *args, **variables):
        if numbers_masked(context):
            variables = {key: mask_numbers(value) if isinstance(value, str)
                         and not isinstance(value, Markup) else value
                         for key, value in variables.items()}
        return gettext(context, *args, **variables)

    return wrapped


def install(env) -> None:
    """Mask numbers in every output and every translated sentence of this environment."""
    env.finalize = finalize
    for name in ("gettext", "ngettext", "pgettext", "npgettext"):
        if name in env.globals:
            env.globals[name] = masking_gettext(env.globals[name])
