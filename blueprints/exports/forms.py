"""The export form: which format, and whether numbers go out in full."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField

from blueprints.core.forms import choice_list


class ExportForm(FlaskForm):
    """One export's options."""

    format = SelectField(_l("格式"), choices=choice_list([("xlsx", "Excel (.xlsx)"), ("csv", "CSV")]))
    full_numbers = BooleanField(_l("完整手机号（会记入变更记录）"))
