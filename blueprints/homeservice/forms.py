"""The booking form: a visit day, the door from the register, and a contact."""
from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import (DataRequired, InputRequired, Length, NumberRange, Optional,
                                ValidationError)

from blueprints.core.fields import db_int, parse_day
from blueprints.core.forms import PageForm, choice_list
from blueprints.homeservice.labels import OUTCOME_LABELS
from blueprints.volunteers.forms import STRIP, mainland_mobile


def _optional_int(value):
    return db_int(value) if value not in (None, "", "None") else None


class BookingForm(PageForm):
    """预约上门服务 for a household; the day is checked against the schedule by the service."""

    id_prefix = "book"

    # Any typed day is taken, so that a day off the schedule gets its reason, not "not a choice".
    day = SelectField(_l("上门日期"), validate_choice=False,
                      validators=[DataRequired(_l("请选择上门日期"))])
    compound = SelectField(_l("小区"), coerce=_optional_int, validate_choice=False,
                           validators=[DataRequired(_l("请选择小区"))])
    building = SelectField(_l("楼栋（选填）"), coerce=_optional_int, validate_choice=False,
                           validators=[Optional()])
    unit = StringField(_l("单元（选填）"), filters=STRIP, validators=[Length(max=10)])
    room = StringField(_l("房号"), filters=STRIP,
                       validators=[DataRequired(_l("请填写房号，例如 301")), Length(max=20)])
    booked_as = RadioField(_l("您是"), default="resident",
                           choices=choice_list([("resident", _l("本人")), ("relative", _l("家属"))]))
    name = StringField(_l("联系人姓名"), filters=STRIP,
                       validators=[DataRequired(_l("请填写联系人姓名")), Length(max=40)])
    mobile = StringField(_l("联系人手机号"), filters=STRIP,
                         validators=[DataRequired(_l("请填写手机号")), mainland_mobile])

    def validate_day(self, field) -> None:
        """A real date (whether the offer visits then is the service's question)."""
        if parse_day(field.data) is None:
            raise ValidationError(_l("请选择列出的日期"))

    def fill(self, days, compounds) -> "BookingForm":
        """The choices: the open visit days and the community's compounds and buildings."""
        self.day.choices = choice_list([(d.isoformat(), f"{d:%Y-%m-%d}") for d in days])
        self.compound.choices = choice_list([("", _l("请选择"))] + [(c.id, c.name) for c in compounds])
        self.building.choices = choice_list([("", _l("不清楚"))] + [
            (b.id, f"{c.name} {b.name}") for c in compounds for b in c.buildings])
        return self


class OutcomeForm(PageForm):
    """The partner's word on one visit."""

    id_prefix = "outcome"

    outcome = RadioField(_l("结果"), choices=choice_list(OUTCOME_LABELS.items()),
                         validators=[DataRequired(_l("请选择上门结果"))])
    note = TextAreaField(_l("备注（选填）"), filters=STRIP, validators=[Length(max=200)])


class ScanForm(PageForm):
    """The QR content of a service card, scanned or pasted."""

    id_prefix = "scan"

    content = StringField(_l("服务卡二维码内容"), filters=STRIP,
                          validators=[DataRequired(_l("请扫描或粘贴服务卡二维码")), Length(max=400)])


class BookingSettingsForm(PageForm):
    """Places per visit date and the booking window of a bookable offer."""

    id_prefix = "bookable"

    places = IntegerField(_l("每个日期的名额"), default=8, validators=[
        InputRequired(_l("请填写名额")), NumberRange(1, 200, _l("名额在1到200之间"))])
    book_until_days = IntegerField(_l("提前几天截止预约"), default=2, validators=[
        InputRequired(_l("请填写天数")), NumberRange(0, 30, _l("天数在0到30之间"))])


class BookableForm(BookingSettingsForm):
    """Staff open bookings for one of the community's live offers."""

    offer = SelectField(_l("服务项目"), coerce=db_int, validators=[DataRequired(_l("请选择服务项目"))])


class StaffBookForm(PageForm):
    """One-step booking from the gap list: the offer; the soonest open date is taken."""

    id_prefix = "gapbook"

    offer = SelectField(_l("上门服务"), coerce=db_int, validators=[DataRequired(_l("请选择上门服务"))])


class CardsForm(PageForm):
    """Issue service cards to a compound's eligible residents."""

    id_prefix = "cards"

    compound = SelectField(_l("小区"), coerce=db_int, validators=[DataRequired(_l("请选择小区"))])
