"""Words for the statuses of course requests, calls and applications, for every classes template."""
from flask import Blueprint
from flask_babel import lazy_gettext as _l

REQUEST_LABELS = {"open": _l("征集中"), "merged": _l("已合并"), "declined": _l("暂不开课"),
                  "answered": _l("已发招募令"), "scheduled": _l("已开课")}
CALL_LABELS = {"open": _l("招募中"), "closed": _l("已结束")}
APPLICATION_LABELS = {"pending": _l("待处理"), "accepted": _l("已接受"), "declined": _l("已婉拒")}


def register_labels(bp: Blueprint) -> None:
    """Make the label tables available to the blueprint's templates."""

    @bp.context_processor
    def labels() -> dict:
        return {"request_labels": REQUEST_LABELS, "call_labels": CALL_LABELS,
                "application_labels": APPLICATION_LABELS}
