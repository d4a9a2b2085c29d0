"""Words for states and kinds shown by every services template."""
from flask import Blueprint
from flask_babel import lazy_gettext as _l

from blueprints.offers import mismatch, schedule
from blueprints.offers.forms import KIND_LABELS

STATE_LABELS = {"draft": _l("草稿"), "pending": _l("待审核"), "published": _l("已发布"),
                "returned": _l("已退回"), "paused": _l("已暂停")}
WHO_LABELS = {"over_60": _l("60岁以上"), "over_70": _l("70岁以上"), "over_80": _l("80岁以上"),
              "disabled": _l("残疾人"), "living_alone": _l("独居老人"), "low_income": _l("低收入家庭")}
ACTION_LABELS = {"offer.created": _l("新建"), "offer.submitted": _l("提交审核"),
                 "offer.approved": _l("审核通过并发布"), "offer.returned": _l("退回修改"),
                 "offer.paused": _l("暂停"), "offer.resume_requested": _l("申请恢复")}


def register_labels(bp: Blueprint) -> None:
    """Make the label tables and plain-words helpers available to the blueprint's templates."""

    @bp.context_processor
    def labels():
        return {"state_labels": STATE_LABELS, "kind_labels": KIND_LABELS, "who_labels": WHO_LABELS,
                "action_labels": ACTION_LABELS, "plain": schedule.plain_words,
                "changes": schedule.changes, "mismatches": mismatch.mismatches,
                "part_labels": schedule.part_labels}
