"""Forms of the issue board: reports, slips, moves, comments, 我也遇到, cost sharing."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, MultipleFileField
from wtforms import (
    BooleanField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from blueprints.core import clock
from blueprints.core.fields import BoundedIntegerField, SaneDateField, db_int
from blueprints.core.forms import PageForm, choice_list
from blueprints.core.money import parse_yuan
from blueprints.issues.services import MAX_PHOTOS, Report
from models import Community
from models.issues import CATEGORIES, CHANNELS
from models.people import is_mobile

# Why a photo was refused (ImageRejected.reason), shown next to the photo field.
PHOTO_ERRORS = {
    "too_large": _l("照片超过5MB，没有上传。其他内容已保留；浏览器不会保留已选的照片，请重新选择较小的照片。"),
    "not_image": _l("这个文件不是照片（只收JPG、PNG、WebP）。其他内容已保留；浏览器不会保留已选的文件，请重新选择照片。"),
    "format": _l("这个文件不是照片（只收JPG、PNG、WebP）。其他内容已保留；浏览器不会保留已选的文件，请重新选择照片。"),
}


class YuanField(StringField):
    """An amount typed in yuan, kept as typed, read as integer fen in `.fen`."""

    fen: int | None = None

    def pre_validate(self, form):
        self.fen = parse_yuan(self.data)
        if self.fen is None:
            raise ValidationError(_l("请填写金额（元），最多两位小数"))


def _not_in_future(form, field):
    if field.data and field.data > clock.today():
        raise ValidationError(_l("开箱日期不能晚于今天"))


def _mobile_ok(form, field):
    if field.data and not is_mobile(field.data):
        raise ValidationError(_l("请填写11位手机号，或者不填"))


def _category_choices():
    return choice_list((code, label) for code, (label, _hours) in CATEGORIES.items())


def _uploads(field) -> list:
    """The files actually chosen in a (multiple) file field."""
    data = field.data if isinstance(field.data, list) else [field.data]
    return [f for f in data if f is not None and getattr(f, "filename", "")]


def photo_streams(field) -> list:
    """Readable streams of the chosen files, for the services."""
    return [f.stream for f in _uploads(field)]


class ReportForm(FlaskForm):
    """The public report form the opinion-box poster's QR code opens."""

    compound = SelectField(_l("小区"), coerce=db_int, validators=[InputRequired(_l("请选择小区"))])
    category = SelectField(_l("问题类别"), choices=_category_choices())
    building = SelectField(_l("楼栋（选填）"), coerce=db_int, validators=[Optional()])
    where = StringField(_l("具体位置"), validators=[Length(max=200)])
    what = TextAreaField(_l("遇到了什么问题"),
                         validators=[DataRequired(_l("请写下遇到的问题")), Length(max=2000)])
    photos = MultipleFileField(_l("照片"))
    reporter_name = StringField(_l("姓名（选填）"), validators=[Length(max=40)])
    reporter_mobile = StringField(_l("手机号（选填）"), validators=[_mobile_ok])
    anonymous = BooleanField(_l("匿名反映（不留姓名和电话）"))

    def fill_places(self, community: Community) -> None:
        """Compound choices from the community; building choices from the chosen compound only
        (call after compound.data is set: from the form, or from the poster's ?compound=)."""
        self.compound.choices = choice_list([(c.id, c.name) for c in community.compounds])
        chosen = next((c for c in community.compounds if c.id == self.compound.data), None)
        buildings = [(0, _l("不选") if chosen else _l("先选小区"))]
        if chosen is not None:
            buildings += [(b.id, b.name) for b in chosen.buildings]
        self.building.choices = choice_list(buildings)

    def validate_photos(self, field):
        if len(_uploads(field)) > MAX_PHOTOS:
            raise ValidationError(_l("最多上传3张照片"))

    def to_report(self, **extra) -> Report:
        """The service's Report from this validated form."""
        return Report(
            compound_id=self.compound.data, category=self.category.data, what=self.what.data,
            where=self.where.data or "", building_id=self.building.data or None,
            reporter_name=self.reporter_name.data or "", reporter_mobile=self.reporter_mobile.data or "",
            anonymous=self.anonymous.data, photos=photo_streams(self.photos), **extra)


class StaffReportForm(ReportForm):
    """A phone call, a patrol finding or a visit, entered by staff or a grid worker."""

    channel = SelectField(_l("来源"), choices=choice_list(
        (k, v) for k, v in CHANNELS.items() if k in ("phone", "patrol", "visit")))
    public = BooleanField(_l("在公开诉求栏显示"))


class SlipForm(PageForm):
    """One paper slip from an opinion box; compound and date stay for the next slip."""

    id_prefix = "slip"

    compound = SelectField(_l("小区"), coerce=db_int)
    opened_on = SaneDateField(_l("开箱日期"), validators=[InputRequired(_l("请填写开箱日期")), _not_in_future])
    category = SelectField(_l("问题类别"), choices=_category_choices())
    what = TextAreaField(_l("纸条内容"), validators=[DataRequired(_l("请录入纸条内容")), Length(max=2000)])
    where = StringField(_l("具体位置"), validators=[Length(max=200)])
    reporter_name = StringField(_l("署名（选填）"), validators=[Length(max=40)])
    reporter_mobile = StringField(_l("电话（选填）"), validators=[_mobile_ok])


class OpeningForm(PageForm):
    """A box opening: who opened it and how many slips were in it (0 for an empty box)."""

    id_prefix = "opening"

    compound = SelectField(_l("小区"), coerce=db_int)
    opened_on = SaneDateField(_l("开箱日期"), validators=[InputRequired(_l("请填写开箱日期")), _not_in_future])
    opened_by = StringField(_l("开箱人"), validators=[DataRequired(_l("请填写开箱人")), Length(max=40)])
    slips_found = BoundedIntegerField(_l("箱内纸条数"), validators=[
        InputRequired(_l("请填写箱内纸条数，空箱填0")), NumberRange(0, 999, _l("请填写0到999之间的数"))])


class MoveForm(PageForm):
    """Move an issue to another status, with what that move needs."""

    id_prefix = "move"

    to_status = HiddenField(validators=[DataRequired()])
    note = TextAreaField(_l("说明"), validators=[Length(max=2000)])
    assignee = SelectField(_l("派给"), coerce=db_int, validators=[Optional()])
    merged_into = BoundedIntegerField(_l("与哪个诉求重复（编号）"), validators=[Optional()])
    public_note = BooleanField(_l("在公开页显示这条说明"))
    photos = MultipleFileField(_l("照片"))


class CommentForm(PageForm):
    """A note on the timeline, with up to three photos."""

    id_prefix = "comment"

    note = TextAreaField(_l("补充说明"), validators=[DataRequired(_l("请写下要补充的内容")),
                                                 Length(max=2000)])
    photos = MultipleFileField(_l("照片"))


class StaffCommentForm(CommentForm):
    """A staff note; it stays in the console unless marked public."""

    public_note = BooleanField(_l("在公开页显示这条说明"))


class VerdictForm(PageForm):
    """The reporter's answer: really fixed, or not."""

    id_prefix = "verdict"

    fixed = HiddenField(validators=[DataRequired()])
    note = TextAreaField(_l("还有什么问题"), validators=[Length(max=2000)])


class MeTooForm(FlaskForm):
    """我也遇到: counted once per mobile number."""

    mobile = StringField(_l("您的手机号"), validators=[DataRequired(_l("请填写手机号")), _mobile_ok])


class PublicForm(FlaskForm):
    """Show on or take off the public board."""

    public = HiddenField()


class DeliberationForm(PageForm):
    """A meeting of resident representatives."""

    id_prefix = "meeting"

    held_on = SaneDateField(_l("议事日期"), validators=[InputRequired(_l("请填写日期"))], default=clock.today)
    attendees = TextAreaField(_l("参加人员"), validators=[DataRequired(_l("请填写参加人员"))])
    decision = TextAreaField(_l("议定事项"), validators=[DataRequired(_l("请填写议定事项"))])


class QuoteForm(PageForm):
    """A contractor's quote with an optional photo or scan."""

    id_prefix = "quote"

    contractor = StringField(_l("施工队"), validators=[DataRequired(_l("请填写施工队")), Length(max=80)])
    amount = YuanField(_l("报价（元）"))
    note = TextAreaField(_l("备注"), validators=[Length(max=1000)])
    scan = FileField(_l("报价单照片（选填）"))


class ChooseQuoteForm(PageForm):
    """Choose a quote; any but the lowest needs a reason."""

    id_prefix = "choose"

    quote = RadioField(_l("选定报价"), coerce=db_int, validators=[InputRequired(_l("请选择报价"))])
    reason = TextAreaField(_l("不选最低价的理由"), validators=[Length(max=1000)])


class SplitForm(PageForm):
    """Equal split among the households of some buildings, or of the whole compound."""

    id_prefix = "split"

    buildings = SelectMultipleField(_l("分摊楼栋（不选则全小区）"), coerce=db_int, validators=[Optional()])


class PaymentForm(PageForm):
    """One line of the collection ledger."""

    id_prefix = "payment"

    share = SelectField(_l("住户"), coerce=db_int)
    amount = YuanField(_l("金额（元）"))
    paid_on = SaneDateField(_l("收款日期"), validators=[InputRequired(_l("请填写日期"))], default=clock.today)
    payer_name = StringField(_l("交款人"), validators=[Length(max=40)])
    collected_by = StringField(_l("收款人"), validators=[DataRequired(_l("请填写收款人")), Length(max=40)])


class ReversalForm(PageForm):
    """Reverse a wrong ledger line, saying why."""

    id_prefix = "reversal"

    payment = HiddenField()
    reason = StringField(_l("冲销理由"), validators=[DataRequired(_l("请写明冲销理由")), Length(max=200)])


class FilterForm(FlaskForm):
    """Board filters, read from the query string."""

    class Meta:
        csrf = False

    compound = SelectField(_l("小区"), coerce=db_int, validators=[Optional()])
    grid = SelectField(_l("网格"), coerce=db_int, validators=[Optional()])
    category = SelectField(_l("类别"), validators=[Optional()])
    channel = SelectField(_l("来源"), validators=[Optional()])
    overdue = BooleanField(_l("只看超时"))
    mine = BooleanField(_l("只看派给我的"))
    status = SelectField(_l("状态"), validators=[Optional()])
