"""Forms of the staff room pages: a room, and a booking for a meeting."""
from datetime import time

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectMultipleField, StringField, TextAreaField, TimeField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from blueprints.core.fields import BoundedIntegerField, SaneDateField
from blueprints.core.forms import PageForm, choice_list
from blueprints.rooms.services import WEEKDAY_NAMES


def _strip(value):
    """Text fields arrive trimmed (and never None)."""
    return (value or "").strip()


STRIP = [_strip]


def _weekday(value) -> int:
    """A posted weekday 1–7 (ValueError otherwise, which the field reports)."""
    number = int(value)
    if number not in WEEKDAY_NAMES:
        raise ValueError(number)
    return number


class RoomForm(FlaskForm):
    """A room's name, capacity, opening hours and description."""

    name = StringField(_l("场地名称"), filters=STRIP,
                       validators=[DataRequired(_l("请填写场地名称")), Length(max=80)])
    capacity = BoundedIntegerField(_l("可容纳人数"), default=20, validators=[
        InputRequired(_l("请填写可容纳人数")), NumberRange(1, 2000, _l("人数在 1 到 2000 之间"))])
    opens_at = TimeField(_l("开门时间"), default=time(8, 30),
                         validators=[InputRequired(_l("请填写开门时间"))])
    closes_at = TimeField(_l("关门时间"), default=time(17, 30),
                          validators=[InputRequired(_l("请填写关门时间"))])
    closed_days = SelectMultipleField(
        _l("每周不开放的日子"), coerce=_weekday, default=[],
        choices=choice_list(WEEKDAY_NAMES.items()),
        widget=ListWidget(prefix_label=False), option_widget=CheckboxInput())
    description = TextAreaField(_l("介绍（公开显示）"), filters=STRIP, validators=[Length(max=2000)])
    active = BooleanField(_l("可以预约"), default=True)

    def validate_closes_at(self, field) -> None:
        if self.opens_at.data and field.data and field.data <= self.opens_at.data:
            raise ValidationError(_l("关门时间要晚于开门时间"))


class BookingForm(PageForm):
    """Book a room for a meeting: what, which day, from when to when, how many people."""

    id_prefix = "booking"

    title = StringField(_l("用途（公开显示，如 居民议事会）"), filters=STRIP,
                        validators=[DataRequired(_l("请填写用途")), Length(max=120)])
    day = SaneDateField(_l("日期"), validators=[InputRequired(_l("请选择日期"))])
    start = TimeField(_l("开始时间"), validators=[InputRequired(_l("请填写开始时间"))])
    end = TimeField(_l("结束时间"), validators=[InputRequired(_l("请填写结束时间"))])
    people = BoundedIntegerField(_l("人数（选填）"), validators=[
        Optional(), NumberRange(min=1, message=_l("人数至少 1 人"))])

    def validate_end(self, field) -> None:
        if self.start.data and field.data and field.data <= self.start.data:
            raise ValidationError(_l("结束时间要晚于开始时间"))
