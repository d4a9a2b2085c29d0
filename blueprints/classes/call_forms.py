"""Forms of recruitment calls: publishing a call, applying to teach, staff decisions, teachers."""
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from blueprints.core.fields import db_int
from blueprints.core.forms import PageForm, choice_list
from blueprints.volunteers.forms import STRIP, mainland_mobile

SKILL_MAX = 30


def _within(limit: int, message):
    return Length(max=limit, message=message)


def _skill_field(label):
    return StringField(label, filters=STRIP, validators=[
        DataRequired(_l("请填写擅长的技能")),
        _within(SKILL_MAX, _l("请用%(max)d个字以内说明", max=SKILL_MAX))])


class CallForm(PageForm):
    """A 招募令: the skill sought, for whom, how often, and a few words."""

    id_prefix = "call"

    skill = StringField(_l("招募什么能人"), filters=STRIP, validators=[
        DataRequired(_l("请填写要招募的技能")),
        _within(SKILL_MAX, _l("请用%(max)d个字以内说明", max=SKILL_MAX))])
    audience = StringField(_l("面向哪些居民（选填）"), filters=STRIP, validators=[
        _within(SKILL_MAX, _l("请用%(max)d个字以内说明", max=SKILL_MAX))])
    frequency = StringField(_l("多久上一次课（选填）"), filters=STRIP, validators=[
        _within(SKILL_MAX, _l("请用%(max)d个字以内说明", max=SKILL_MAX))])
    details = TextAreaField(_l("补充说明（选填）"), filters=STRIP, validators=[
        _within(500, _l("补充说明请在500字以内"))])
    # The 点课 this call answers ("用招募令回应"); empty for a call of its own.
    answers = HiddenField()


class ApplyForm(PageForm):
    """我来教: name, number, skill, experience and when they are free; no account."""

    id_prefix = "apply"

    name = StringField(_l("姓名"), filters=STRIP,
                       validators=[DataRequired(_l("请填写姓名")), Length(max=40)])
    mobile = StringField(_l("手机号"), filters=STRIP,
                         validators=[DataRequired(_l("请填写手机号")), mainland_mobile])
    skill = _skill_field(_l("我擅长"))
    experience = TextAreaField(_l("经验（选填）"), filters=STRIP, validators=[
        _within(500, _l("经验请在500字以内"))])
    availability = StringField(_l("什么时候有空（选填）"), filters=STRIP, validators=[
        _within(100, _l("请在100字以内"))])


class AcceptForm(PageForm):
    """Accept an applicant: the teacher profile's name, skill and compound (shown publicly)."""

    id_prefix = "accept"

    name = StringField(_l("公开显示的姓名"), filters=STRIP,
                       validators=[DataRequired(_l("请填写姓名")), Length(max=40)])
    skill = _skill_field(_l("教什么"))
    compound = SelectField(_l("所在小区（选填）"), coerce=db_int, validators=[Optional()])

    def set_compounds(self, compounds) -> None:
        self.compound.choices = choice_list([(0, _l("不显示"))] + [(c.id, c.name) for c in compounds])


class DeclineApplicationForm(PageForm):
    """Decline politely; the note goes to the applicant only."""

    id_prefix = "decline"

    note = TextAreaField(_l("给报名者的话（选填，只发给本人）"), filters=STRIP, validators=[
        _within(200, _l("请在200字以内"))])


class TeacherForm(PageForm):
    """What a teacher's profile says besides the name."""

    id_prefix = "teacher"

    skill = _skill_field(_l("教什么"))
    bio = TextAreaField(_l("简介（公开）"), filters=STRIP, validators=[
        _within(500, _l("简介请在500字以内"))])
