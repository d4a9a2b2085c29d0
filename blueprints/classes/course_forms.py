"""Forms of courses: a new course with its weekly sessions, whole-course sign-up, ratings."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, StringField, TextAreaField, TimeField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, ValidationError

from blueprints.classes.courses import MAX_CAPACITY, MAX_WEEKS
from blueprints.core.fields import BoundedIntegerField, SaneDateField, db_int
from blueprints.core.forms import choice_list
from blueprints.volunteers.forms import STRIP, VolunteerDetails


class CourseForm(FlaskForm):
    """A course: what, who teaches, and a weekly series of sessions (1 = a one-off)."""

    title = StringField(_l("课程名称"), filters=STRIP,
                        validators=[DataRequired(_l("请填写课程名称")), Length(max=120)])
    teacher = SelectField(_l("授课能人"), coerce=db_int, default=0)
    description = TextAreaField(_l("课程介绍"), filters=STRIP, validators=[Length(max=2000)])
    materials = TextAreaField(_l("需要自带的材料（选填）"), filters=STRIP,
                              validators=[Length(max=500)])
    request = SelectField(_l("回应的点课（选填）"), coerce=db_int, default=0)
    first_day = SaneDateField(_l("第一次课的日期"), validators=[InputRequired(_l("请选择日期"))])
    starts = TimeField(_l("上课时间"), validators=[InputRequired(_l("请填写上课时间"))])
    ends = TimeField(_l("下课时间"), validators=[InputRequired(_l("请填写下课时间"))])
    weeks = BoundedIntegerField(_l("每周一次，共几次课"), default=1, validators=[
        InputRequired(_l("请填写次数")),
        NumberRange(1, MAX_WEEKS, _l("每周一次，最多 %(n)d 次课", n=MAX_WEEKS))])
    capacity = BoundedIntegerField(_l("每次课的名额"), default=12, validators=[
        InputRequired(_l("请填写名额")),
        NumberRange(1, MAX_CAPACITY, _l("名额要在 1 到 %(n)d 之间", n=MAX_CAPACITY))])
    room = SelectField(_l("场地（选填）"), coerce=db_int, default=0)

    def set_choices(self, teachers, requests, rooms) -> None:
        self.teacher.choices = choice_list([(0, _l("待定"))] + [
            (t.id, f"{t.name}（{t.skill}）") for t in teachers])
        self.request.choices = choice_list([(0, _l("不回应点课"))] + [
            (r.id, r.subject) for r in requests])
        self.room.choices = choice_list([(0, _l("不预约场地"))] + [
            (r.id, f"{r.name}（{r.capacity}人）") for r in rooms])

    def validate_ends(self, field) -> None:
        if self.starts.data and field.data and field.data <= self.starts.data:
            raise ValidationError(_l("下课时间要晚于上课时间"))


class EnrolForm(VolunteerDetails):
    """Sign up for every session of a course still to come."""


class RatingForm(FlaskForm):
    """A learner's rating of a session they attended."""

    stars = RadioField(_l("评分"), coerce=db_int, choices=choice_list((n, str(n)) for n in range(1, 6)),
                       validators=[InputRequired(_l("请选 1 到 5 颗星"))])
    comment = TextAreaField(_l("说几句（选填）"), filters=STRIP,
                            validators=[Length(max=300, message=_l("请在300字以内"))])
