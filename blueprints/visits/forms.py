"""Forms of the rounds: a campaign, a question, an assignment, and a visit.

A visit's answers are not WTForms fields (each round asks its own questions): the route
reads them as q<question id> and services.check_answer judges them.
"""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FloatField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from blueprints.core.fields import BoundedIntegerField, SaneDateField
from blueprints.core.forms import PageForm, choice_list
from models.visits import OUTCOMES, QUESTION_KINDS


def _strip(value):
    return (value or "").strip()


STRIP = [_strip]
NUMBER_LIMIT = 1_000_000  # bounds of a question: sane numbers, not the float's range


class NumberField(FloatField):
    """A number, or a field error in words (FloatField's own message is English)."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(_l("请填写数字"))
        if self.data is not None and not -NUMBER_LIMIT <= self.data <= NUMBER_LIMIT:
            self.data = None
            raise ValueError(_l("这个数字太大了"))


def _int_choice(value) -> int:
    return int(value)


class CampaignForm(FlaskForm):
    """A round's name, dates, grids and how often a door is tried."""

    name = StringField(_l("名称（如 冬季入户走访）"), filters=STRIP,
                       validators=[DataRequired(_l("请填写名称")), Length(max=80)])
    starts_on = SaneDateField(_l("开始日期"), validators=[InputRequired(_l("请填写开始日期"))])
    ends_on = SaneDateField(_l("结束日期"), validators=[InputRequired(_l("请填写结束日期"))])
    max_tries = BoundedIntegerField(_l("不在家最多再访几次"), default=3, validators=[
        InputRequired(_l("请填写次数")), NumberRange(1, 10, _l("次数在 1 到 10 之间"))])
    grids = SelectMultipleField(_l("走访的网格"), coerce=_int_choice, default=[],
                                widget=ListWidget(prefix_label=False),
                                option_widget=CheckboxInput())

    def validate_ends_on(self, field) -> None:
        if self.starts_on.data and field.data and field.data < self.starts_on.data:
            raise ValidationError(_l("结束日期不能早于开始日期"))


class QuestionForm(PageForm):
    """One question: its kind, words, and (numbers) unit, bounds and mark; (choice) options."""

    id_prefix = "question"

    kind = SelectField(_l("类型"), choices=choice_list(QUESTION_KINDS.items()))
    label = StringField(_l("问题（如 室内温度）"), filters=STRIP,
                        validators=[DataRequired(_l("请填写问题")), Length(max=80)])
    unit = StringField(_l("单位（如 ℃）"), filters=STRIP, validators=[Length(max=10)])
    min_value = NumberField(_l("最小值"), validators=[Optional()])
    max_value = NumberField(_l("最大值"), validators=[Optional()])
    flag_below = NumberField(_l("低于此值时列出（如 18）"), validators=[Optional()])
    choices = TextAreaField(_l("选项（单选题，用顿号或换行分开）"), filters=STRIP,
                            validators=[Length(max=400)])


class AssignmentForm(PageForm):
    """Put a grid worker ("u<id>") or a 敲门队 member ("m<id>") on one of the round's grids."""

    id_prefix = "assign"

    grid = SelectField(_l("网格"), coerce=_int_choice, choices=[])
    visitor = SelectField(_l("走访人员"), choices=[])


class VisitForm(FlaskForm):
    """One knock: its outcome, the need heard, whether it goes to the board (answers aside)."""

    client_id = HiddenField()
    outcome = RadioField(_l("走访结果"), choices=choice_list(OUTCOMES.items()),
                         validators=[InputRequired(_l("请选择走访结果"))])
    need = TextAreaField(_l("需求与建议"), filters=STRIP, validators=[Length(max=1000)])
    make_issue = BooleanField(_l("同时转为诉求，派给网格员"))


class EntryForm(VisitForm):
    """A visit typed in from a paper sheet: which household, then the same as on the phone."""

    household = SelectField(_l("住户（按走访顺序）"), coerce=_int_choice, choices=[],
                            validators=[InputRequired(_l("请选择住户"))])
