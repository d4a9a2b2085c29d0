"""Words for the statuses of course requests, for every classes template."""
from flask import Blueprint
from flask_babel import lazy_gettext as _l

REQUEST_LABELS = {"open": _l("征集中"), "merged": _l("已合并"), "declined": _l("暂不开课"),
                  "scheduled": _l("已开课")}


def register_labels(bp: Blueprint) -> None:
    """Make the label tables available to the blueprint's templates."""

    @bp.context_processor
    def labels() -> dict:
        return {"request_labels": REQUEST_LABELS}
