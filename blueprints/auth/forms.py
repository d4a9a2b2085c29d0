"""Login and invite forms."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    EqualTo,
    Length,
    Optional,
    Regexp,
    ValidationError,
)

from blueprints.core.fields import db_int
from models.people import is_mobile


class LoginForm(FlaskForm):
    """Mobile number or username, and a password."""

    identifier = StringField(_l("手机号或用户名"), validators=[DataRequired(_l("请填写手机号或用户名"))])
    password = PasswordField(_l("密码"), validators=[DataRequired(_l("请填写密码"))])
    remember = BooleanField(_l("在这台设备上保持登录"))


class SetPasswordForm(FlaskForm):
    """The password a new account chooses through its invite link."""

    password = PasswordField(
        _l("设置密码"),
        validators=[DataRequired(_l("请设置密码")), Length(min=8, message=_l("密码至少8位"))],
    )
    confirm = PasswordField(
        _l("再输入一次"),
        validators=[EqualTo("password", message=_l("两次输入的密码不一致"))],
    )


class InviteForm(FlaskForm):
    """Staff create an account for a grid worker or partner user."""

    display_name = StringField(
        _l("姓名"), validators=[DataRequired(_l("请填写姓名")), Length(max=40)]
    )
    username = StringField(
        _l("用户名"),
        validators=[
            DataRequired(_l("请填写用户名")),
            Length(min=3, max=40),
            Regexp(r"^[A-Za-z0-9_.-]+$", message=_l("用户名只能包含字母、数字、点、横线和下划线")),
        ],
    )
    mobile = StringField(_l("手机号"), validators=[Optional()])
    role = SelectField(
        _l("角色"),
        choices=[SelectChoice("grid_worker", _l("网格员")), SelectChoice("partner", _l("共建单位"))],
    )
    # For a partner user: which unit (共建单位) the account belongs to; choices set by the view.
    partner_id = SelectField(_l("所属共建单位"), coerce=db_int, choices=[], validate_choice=False)

    def validate_partner_id(self, field):
        if self.role.data != "partner":
            field.data = None
        elif field.data not in {choice.value for choice in field.choices if choice.value}:
            raise ValidationError(_l("请选择所属共建单位"))

    def validate_username(self, field):
        # Login accepts either; a username shaped like a number would shadow that number.
        if is_mobile(field.data or ""):
            raise ValidationError(_l("用户名不能是手机号"))

    def validate_mobile(self, field):
        if field.data and not is_mobile(field.data):
            raise ValidationError(_l("请填写11位手机号"))
