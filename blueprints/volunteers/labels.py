"""Words for the statuses of volunteering, one table each, for every volunteers template."""
from flask import Blueprint
from flask_babel import lazy_gettext as _l

# A sign-up as a roster shows it (the volunteer's own page adds details: place on the
# waitlist, hours credited).
SIGNUP_LABELS = {"confirmed": _l("已报名"), "waitlisted": _l("候补"), "attended": _l("已签到"),
                 "no_show": _l("未到"), "cancelled": _l("已取消报名")}
# A team membership, as its member sees it.
MEMBER_LABELS = {"accepted": _l("队员"), "pending": _l("申请中"), "rejected": _l("未通过")}


def register_labels(bp: Blueprint) -> None:
    """Make the label tables available to the blueprint's templates."""

    @bp.context_processor
    def labels() -> dict:
        return {"signup_labels": SIGNUP_LABELS, "member_labels": MEMBER_LABELS}
