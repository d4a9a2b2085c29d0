"""Forms of the classes pages: supporting and proposing a request, and the staff decisions."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from blueprints.core.fields import db_int
from blueprints.core.forms import PageForm, choice_list
from blueprints.volunteers.forms import STRIP, mainland_mobile

SUBJECT_MAX = 30


class SupportForm(FlaskForm):
    """我也想学: a name and a number, no account; each card prefixes its fields (r<id>-)."""

    name = StringField(_l("姓名"), filters=STRIP,
                       validators=[DataRequired(_l("请填写姓名")), Length(max=40)])
    mobile = StringField(_l("手机号"), filters=STRIP,
                         validators=[DataRequired(_l("请填写手机号")), mainland_mobile])


class ProposeForm(PageForm):
    """我想学…: a subject, a few words, and the proposer (its first supporter)."""

    id_prefix = "propose"

    subject = StringField(_l("想学什么"), filters=STRIP, validators=[
        DataRequired(_l("请填写想学的内容")),
        Length(max=SUBJECT_MAX, message=_l("请用%(max)d个字以内说明", max=SUBJECT_MAX))])
    details = TextAreaField(_l("补充说明（选填）"), filters=STRIP, validators=[
        Length(max=500, message=_l("补充说明请在500字以内"))])
    name = StringField(_l("姓名"), filters=STRIP,
                       validators=[DataRequired(_l("请填写姓名")), Length(max=40)])
    mobile = StringField(_l("手机号"), filters=STRIP,
                         validators=[DataRequired(_l("请填写手机号")), mainland_mobile])
    # Set once similar requests were shown: the resident chose a new one all the same.
    confirm = HiddenField()


class DeclineForm(PageForm):
    """Decline a request; the reason is public."""

    id_prefix = "decline"

    reason = TextAreaField(_l("不开课的理由（居民可见）"), filters=STRIP, validators=[
        DataRequired(_l("请写明不开课的理由，居民都能看到。")),
        Length(max=500, message=_l("理由请在500字以内"))])


class MergeForm(PageForm):
    """Merge a duplicate into another open request."""

    id_prefix = "merge"

    into = SelectField(_l("合并到"), coerce=db_int,
                       validators=[DataRequired(_l("请选择要合并到的点课"))])

    def set_targets(self, targets, skip_id: int) -> None:
        self.into.choices = choice_list(
            [(0, _l("请选择"))]
            + [(t.id, f"#{t.id} {t.subject}（{t.support_count}）") for t in targets if t.id != skip_id])
