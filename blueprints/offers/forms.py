"""Forms of the services domain: an offer's terms, partner units, review and visits."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from blueprints.core.fields import BoundedIntegerField, SaneDateField, db_int
from blueprints.offers import schedule
from blueprints.offers.checklist import personal_numbers

C = SelectChoice  # short: the choice tables below read like the form
GROUP_CHOICES = [C("over_age", _l("老年人（填写年龄）")), C("disabled", _l("残疾人")),
                 C("living_alone", _l("独居老人")), C("low_income", _l("低收入家庭")),
                 C("custom", _l("其他条件（写明）"))]
SCHEDULE_CHOICES = [C("daily", _l("每天")), C("weekdays", _l("每周固定几天")),
                    C("monthday", _l("每月固定一天")), C("dates", _l("一段日期内"))]
WEEKDAY_CHOICES = [C(0, _l("周一")), C(1, _l("周二")), C(2, _l("周三")), C(3, _l("周四")),
                   C(4, _l("周五")), C(5, _l("周六")), C(6, _l("周日"))]
PLACE_CHOICES = [C("shop", _l("到店")), C("home", _l("上门服务")), C("hall", _l("社区党群服务中心"))]
CLAIM_CHOICES = [C("walk_in", _l("直接前往")), C("show_id", _l("凭身份证")),
                 C("phone_ahead", _l("提前电话预约"))]
KIND_CHOICES = [C("restaurant", _l("餐饮")), C("barber", _l("理发")), C("supermarket", _l("超市")),
                C("clinic", _l("诊所")), C("pharmacy", _l("药店")), C("property", _l("物业公司")),
                C("public_unit", _l("机关事业单位")), C("other", _l("其他"))]
KIND_LABELS = {choice.value: choice.label for choice in KIND_CHOICES}
PERSONAL_NUMBER = _l("这是个人手机号，会被公开。请填写单位的服务电话；联系人的手机填在“联系人电话”。")
PERSONAL_BOOKING_NUMBER = _l("这是个人手机号，会被公开。请填写单位的预约电话。")
PUBLIC_PHONE_HINT = _l("会印在公开的便民服务清单上，请填单位的座机或服务电话，不要填个人手机。")


class MultiCheckboxField(SelectMultipleField):
    """Several checkboxes sharing one name."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class WholeNumberField(BoundedIntegerField):
    """An integer field whose parse error is in the UI language."""

    def process_formdata(self, valuelist):
        if valuelist and valuelist[0].strip():
            try:
                self.data = int(valuelist[0])
            except ValueError:
                self.data = None
                raise ValueError(_l("请填写数字"))
            try:
                db_int(self.data)
            except ValueError:
                self.data = None
                raise ValueError(_l("这个数字太大了"))
        else:
            self.data = None


def _range(low: int, high: int, message):
    """NumberRange that stays silent when the number did not parse (one error is enough)."""
    check = NumberRange(low, high, message)

    def validator(form, field):
        if field.data is not None:
            check(form, field)

    return validator


def _dates(label):
    return SaneDateField(label, validators=[Optional()], format="%Y-%m-%d")


class OfferForm(FlaskForm):
    """An offer's terms; cross-field rules come from schedule.problems()."""

    title = StringField(_l("服务名称"), validators=[DataRequired(_l("请填写服务名称")), Length(max=60)])
    benefit = TextAreaField(_l("服务内容"), validators=[DataRequired(_l("请写明提供什么")),
                                                    Length(max=300)])
    eligibility = MultiCheckboxField(_l("服务对象（不选为全体居民）"), choices=GROUP_CHOICES)
    min_age = WholeNumberField(_l("年龄（岁以上）"), validators=[
        Optional(), _range(50, 120, _l("请填写50到120之间的年龄"))])
    custom_rule = StringField(_l("其他条件"), validators=[Length(max=80)])
    schedule = SelectField(_l("时间规则"), choices=SCHEDULE_CHOICES, default="daily")
    weekdays = MultiCheckboxField(_l("每周哪几天"), choices=WEEKDAY_CHOICES, coerce=db_int)
    month_day = WholeNumberField(_l("每月几号"), validators=[
        Optional(), _range(1, 31, _l("请填写1到31之间的日期"))])
    start_date = _dates(_l("开始日期"))
    end_date = _dates(_l("结束日期"))
    opens_at = TimeField(_l("开始时间"), validators=[Optional()])
    closes_at = TimeField(_l("结束时间"), validators=[Optional()])
    place = SelectField(_l("地点"), choices=PLACE_CHOICES, default="shop")
    place_note = StringField(_l("地点说明"), validators=[Length(max=100)])
    claim = SelectField(_l("领取方式"), choices=CLAIM_CHOICES, default="walk_in")
    claim_phone = StringField(_l("预约电话（将公开）"), validators=[Length(max=40)])
    claim_note = StringField(_l("领取说明"), validators=[Length(max=100)])

    def validate_claim_phone(self, field):
        """The booking number is public: not someone's own mobile."""
        if field.data and personal_numbers([field.data]):
            raise ValidationError(PERSONAL_BOOKING_NUMBER)
    monthly_limit = WholeNumberField(_l("每人每月次数上限"), validators=[
        Optional(), _range(1, 99, _l("请填写1到99"))])
    places = WholeNumberField(_l("名额"), validators=[Optional(), _range(1, 9999, _l("请填写1到9999"))])
    valid_from = _dates(_l("有效期开始"))
    valid_to = _dates(_l("有效期结束"))

    def validate(self, extra_validators=None) -> bool:
        """Field checks, then the schedule rules across fields, each next to its field."""
        valid = super().validate(extra_validators)
        for name, message in schedule.problems(self.terms()).items():
            if not getattr(self, name).errors:
                getattr(self, name).errors = list(getattr(self, name).errors) + [message]
            valid = False
        return valid

    def terms(self) -> dict:
        """The values that parsed, as JSON terms (what did not parse is left out)."""
        values = {}
        for name in schedule.EMPTY_TERMS:
            field = getattr(self, name)
            if field.errors and field.data is None:
                continue
            data = field.data
            if hasattr(data, "isoformat"):
                data = data.isoformat()[:5] if name in ("opens_at", "closes_at") else data.isoformat()
            values[name] = data if data is not None else schedule.EMPTY_TERMS[name]
        return values

    def load(self, terms: dict) -> None:
        """Fill the form from stored terms (for a GET)."""
        from datetime import date, time

        for name, value in schedule.terms_with_defaults(terms).items():
            if value and name in ("opens_at", "closes_at"):
                value = time.fromisoformat(value)
            elif value and name in ("start_date", "end_date", "valid_from", "valid_to"):
                value = date.fromisoformat(value)
            getattr(self, name).data = value


class PartnerForm(FlaskForm):
    """Staff add a partner unit."""

    name = StringField(_l("单位名称"), validators=[DataRequired(_l("请填写单位名称")), Length(max=80)])
    kind = SelectField(_l("类型"), choices=KIND_CHOICES)
    address = StringField(_l("地址"), validators=[Length(max=200)])
    phone = StringField(_l("对外服务电话（将公开）"), validators=[Length(max=40)])
    contact_name = StringField(_l("联系人"), validators=[Length(max=40)])
    contact_phone = StringField(_l("联系人电话（仅工作人员可见）"), validators=[Length(max=40)])

    def validate_phone(self, field):
        """A resident's or an account's own mobile must not become the public number."""
        if field.data and personal_numbers([field.data]):
            raise ValidationError(PERSONAL_NUMBER)


class LogoForm(FlaskForm):
    """A partner's logo image."""

    logo = FileField(_l("单位标志（图片）"))


class ReturnForm(FlaskForm):
    """Staff send a revision back with the reason."""

    comment = TextAreaField(_l("退回意见"), validators=[DataRequired(_l("请写明退回原因")),
                                                    Length(max=500)])


class VisitForm(FlaskForm):
    """A staff visit to a partner unit."""

    note = TextAreaField(_l("走访记录"), validators=[Length(max=500)])
