"""The change log's filters, read from the query string so they stay in links and pages."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.validators import Optional, ValidationError

from blueprints.core.audit import DOMAINS, LogFilters
from blueprints.core.fields import SaneDateField, db_int
from blueprints.core.forms import choice_list


class AuditFilterForm(FlaskForm):
    """Who, which domain, from which day to which day."""

    class Meta:
        csrf = False

    actor = SelectField(_l("操作人"), coerce=db_int, validators=[Optional()])
    domain = SelectField(_l("范围"), validators=[Optional()])
    start = SaneDateField(_l("从"), validators=[Optional()])
    end = SaneDateField(_l("到"), validators=[Optional()])

    def __init__(self, actors: list[tuple[int, str]], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor.choices = choice_list([(0, _l("所有人"))] + actors)
        self.domain.choices = choice_list([("", _l("全部"))]
                                          + [(key, label) for key, (label, _p) in DOMAINS.items()])

    def validate_end(self, field):
        """The range cannot end before it starts."""
        if field.data and self.start.data and field.data < self.start.data:
            raise ValidationError(_l("结束日期不能早于开始日期"))

    def filters(self) -> LogFilters:
        """The valid filters (a field with an error narrows nothing)."""
        def ok(f):
            return f.data if not f.errors else None
        return LogFilters(ok(self.actor) or None, ok(self.domain) or None, ok(self.start),
                          ok(self.end))
