"""The staff page's form: naming a new API key."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length


class KeyForm(FlaskForm):
    """Who the new key is for."""

    name = StringField(_l("使用方"), filters=[lambda v: (v or "").strip()],
                       validators=[DataRequired(_l("请填写谁使用这个密钥")), Length(max=80)])
