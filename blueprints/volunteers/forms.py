"""Forms of the volunteer pages: sign-up, joining a team, and the staff forms."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from blueprints.core.fields import BoundedIntegerField, SaneDateField, db_int
from blueprints.core.forms import PageForm, choice_list
from models.people import is_mobile


def _strip(value):
    """Text fields arrive trimmed (and never None)."""
    return (value or "").strip()


STRIP = [_strip]

CATEGORY_LABELS = {
    "lecture": _l("微讲堂"), "venue": _l("微阵地"), "action": _l("微行动"),
    "stage": _l("微舞台"), "alliance": _l("微联合"), "campaign": _l("主题宣传"),
}
TEAM_KIND_LABELS = {
    "red_vest": _l("红马甲"), "door_knocking": _l("敲门队"), "service": _l("志愿者服务队"),
    "choir": _l("合唱队"), "dance": _l("舞蹈队"), "civility": _l("文明劝导队"), "other": _l("其他"),
}


def mainland_mobile(form, field) -> None:
    """A mainland mobile number (spaces, dashes and +86 allowed)."""
    if field.data and not is_mobile(field.data):
        raise ValidationError(_l("请输入11位手机号，例如 13912345678"))


class VolunteerDetails(FlaskForm):
    """Name and mobile, unless this browser remembers the volunteer (`use_saved`)."""

    use_saved = HiddenField()
    name = StringField(_l("姓名"), filters=STRIP, validators=[Length(max=40)])
    mobile = StringField(_l("手机号"), filters=STRIP, validators=[mainland_mobile])

    def validate_name(self, field) -> None:
        if not self.use_saved.data and not (field.data or "").strip():
            raise ValidationError(_l("请填写姓名"))

    def validate_mobile(self, field) -> None:
        if not self.use_saved.data and not (field.data or "").strip():
            raise ValidationError(_l("请填写手机号"))


class SignupForm(VolunteerDetails):
    """One tap on a shift card; the team is optional."""

    team = SelectField(_l("所属队伍（选填）"), coerce=db_int, default=0)

    def set_teams(self, teams) -> None:
        self.team.choices = choice_list([(0, _l("不选"))] + [(t.id, t.name) for t in teams])


class JoinTeamForm(VolunteerDetails):
    """A resident asks to join a team."""


class ShiftFields(PageForm):
    """The date, times, places and role of one shift."""

    id_prefix = "shift"

    day = SaneDateField(_l("日期"), validators=[InputRequired(_l("请选择日期"))])
    start = TimeField(_l("开始时间"), validators=[InputRequired(_l("请填写开始时间"))])
    end = TimeField(_l("结束时间"), validators=[InputRequired(_l("请填写结束时间"))])
    capacity = BoundedIntegerField(_l("名额"), default=10, validators=[
        InputRequired(_l("请填写名额")), NumberRange(1, 500, _l("名额在 1 到 500 之间"))])
    role = StringField(_l("岗位（如 清扫、引导）"), filters=STRIP, validators=[Length(max=40)])

    def validate_end(self, field) -> None:
        if self.start.data and field.data and field.data <= self.start.data:
            raise ValidationError(_l("结束时间要晚于开始时间"))


class ActivityForm(ShiftFields):
    """A new activity with its first shift."""

    id_prefix = ""  # alone on its page

    title = StringField(_l("活动名称"), filters=STRIP, validators=[DataRequired(_l("请填写活动名称")), Length(max=120)])
    category = SelectField(_l("类别"), choices=choice_list(CATEGORY_LABELS.items()))
    campaign = StringField(_l("主题（如 消防安全、反诈，选填）"), filters=STRIP, validators=[Length(max=40)])
    description = TextAreaField(_l("活动内容"), filters=STRIP, validators=[Length(max=2000)])
    compound = SelectField(_l("小区"), coerce=db_int, default=0)
    venue = StringField(_l("地点"), filters=STRIP, validators=[Length(max=120)])
    team = SelectField(_l("组织队伍"), coerce=db_int, default=0)
    # A room of the community (微阵地) booked for the first shift, or none.
    room = SelectField(_l("预约场地（选填）"), coerce=db_int, default=0,
                       choices=choice_list([(0, _l("不预约场地"))]))

    def set_choices(self, community, teams, rooms=()) -> None:
        self.compound.choices = choice_list([(0, _l("不限小区"))] + [(c.id, c.name) for c in community.compounds])
        self.team.choices = choice_list([(0, _l("不限"))] + [(t.id, t.name) for t in teams])
        self.room.choices = choice_list([(0, _l("不预约场地"))] + [(r.id, r.name) for r in rooms])


class CopyForm(PageForm):
    """Copy an activity to another date."""

    id_prefix = "copy"

    day = SaneDateField(_l("复制到日期"), validators=[InputRequired(_l("请选择日期"))])


class TeamForm(FlaskForm):
    """A new team."""

    name = StringField(_l("队伍名称"), filters=STRIP, validators=[DataRequired(_l("请填写队伍名称")), Length(max=80)])
    kind = SelectField(_l("类型"), choices=choice_list(TEAM_KIND_LABELS.items()))
    # A red-vest team of a partner unit (共建单位); choices set by the view, 0 = none.
    partner_id = SelectField(_l("所属共建单位"), coerce=db_int, default=0, validate_choice=False)
    description = TextAreaField(_l("简介"), filters=STRIP, validators=[Length(max=1000)])


class EnrolStaffForm(FlaskForm):
    """A partner enrols one of its staff into one of its red-vest teams."""

    team_id = SelectField(_l("队伍"), coerce=db_int, validate_choice=True)
    name = StringField(_l("姓名"), filters=STRIP, validators=[DataRequired(_l("请填写姓名")), Length(max=40)])
    mobile = StringField(_l("手机号"), filters=STRIP, validators=[DataRequired(_l("请填写手机号"))])

    def validate_mobile(self, field):
        if not is_mobile(field.data):
            raise ValidationError(_l("请填写11位手机号"))


class DecisionForm(FlaskForm):
    """Accept or decline a request to join (the button's value)."""

    accept = BooleanField()


class YearForm(FlaskForm):
    """Which year's hours to show."""

    class Meta:
        csrf = False

    year = BoundedIntegerField(validators=[Optional(), NumberRange(2000, 2100)])
