"""Forms of the register: a household, a member, a tag with its consent, places, files."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, HiddenField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from blueprints.core.fields import BoundedIntegerField, db_int
from blueprints.core.forms import PageForm, choice_list
from blueprints.register.labels import METHOD_LABELS, STATUS_LABELS, TAG_LABELS


def _strip(value):
    """Text fields arrive trimmed (and never None)."""
    return (value or "").strip()


def _optional_id(value):
    """A select's value as an id, or None for the empty choice."""
    return db_int(value) if value not in (None, "", "None") else None


STRIP = [_strip]
CHECKS = {"widget": ListWidget(prefix_label=False), "option_widget": CheckboxInput()}


class HouseholdForm(FlaskForm):
    """Where the household lives, how many, and whether anyone lives there."""

    compound_id = SelectField(_l("小区"), coerce=_optional_id,
                              validators=[InputRequired(_l("请选择小区"))])
    building_id = SelectField(_l("楼栋"), coerce=_optional_id, validators=[Optional()])
    unit = StringField(_l("单元"), filters=STRIP, validators=[Length(max=10)])
    floor = BoundedIntegerField(_l("楼层"), validators=[
        Optional(), NumberRange(-5, 99, _l("楼层应在 -5 到 99 之间"))])
    room = StringField(_l("房号"), filters=STRIP,
                       validators=[DataRequired(_l("请填写房号")), Length(max=20)])
    size = BoundedIntegerField(_l("人数"), default=1, validators=[
        InputRequired(_l("请填写人数")), NumberRange(0, 30, _l("人数应在 0 到 30 之间"))])
    status = SelectField(_l("居住状态"), choices=choice_list(STATUS_LABELS.items()),
                         default="occupied")

    def set_places(self, compounds) -> None:
        """The compound and building choices (buildings named with their compound)."""
        self.compound_id.choices = choice_list([(c.id, c.name) for c in compounds])
        self.building_id.choices = choice_list(
            [("", _l("（不分楼栋）"))] + [(b.id, f"{c.name} {b.name}")
                                       for c in compounds for b in c.buildings])


class MemberForm(PageForm):
    """A resident of the household: name and mobile number."""

    id_prefix = "member"
    name = StringField(_l("姓名"), filters=STRIP,
                       validators=[DataRequired(_l("请填写姓名")), Length(max=40)])
    mobile = StringField(_l("手机号"), filters=STRIP, validators=[Length(max=20)])


class TagForm(PageForm):
    """A sensitive tag and the consent that allows it; no consent, no tag."""

    id_prefix = "tag"
    tag = SelectField(_l("标签"), choices=choice_list(TAG_LABELS.items()))
    consent_by = StringField(_l("同意人"), filters=STRIP, validators=[Length(max=80)])
    consent_method = SelectField(_l("同意方式"), choices=choice_list(
        [("", _l("请选择"))] + list(METHOD_LABELS.items())))
    consent_note = StringField(_l("说明"), filters=STRIP, validators=[Length(max=500)])


class CompoundForm(PageForm):
    """A compound's name and whether it has a property manager."""

    id_prefix = "compound"
    name = StringField(_l("小区名称"), filters=STRIP,
                       validators=[DataRequired(_l("请填写小区名称")), Length(max=80)])
    has_property_manager = BooleanField(_l("有物业"))


class BuildingForm(PageForm):
    """A building added to a compound."""

    id_prefix = "building"
    compound_id = SelectField(_l("小区"), coerce=_optional_id,
                              validators=[InputRequired(_l("请选择小区"))])
    name = StringField(_l("楼栋名称"), filters=STRIP,
                       validators=[DataRequired(_l("请填写楼栋名称")), Length(max=40)])


class GridForm(PageForm):
    """A grid: its name, whole compounds, single buildings and grid workers."""

    id_prefix = "grid"
    name = StringField(_l("网格名称"), filters=STRIP,
                       validators=[DataRequired(_l("请填写网格名称")), Length(max=80)])
    compounds = SelectMultipleField(_l("整个小区"), coerce=db_int, default=[], **CHECKS)
    buildings = SelectMultipleField(_l("单独的楼栋"), coerce=db_int, default=[], **CHECKS)
    workers = SelectMultipleField(_l("网格员"), coerce=db_int, default=[], **CHECKS)


class ImportForm(FlaskForm):
    """A spreadsheet of households (.xlsx or .csv)."""

    file = FileField(_l("表格文件（.xlsx 或 .csv）"))


class ConfirmImportForm(FlaskForm):
    """Write a previewed import."""

    token = HiddenField()


class ExportForm(FlaskForm):
    """Which export: the format, and whether the sensitive tags go with it."""

    format = SelectField(_l("格式"), choices=choice_list([("xlsx", "Excel (.xlsx)"),
                                                        ("csv", "CSV")]))
    with_tags = BooleanField(_l("包含敏感标签（会记入变更记录）"))


class EraseForm(FlaskForm):
    """Erasing a resident's personal data needs a ticked confirmation."""

    confirm = BooleanField(_l("我确认删除这位居民的个人信息，此操作不能撤销"),
                           validators=[DataRequired(_l("请勾选确认"))])
