"""Home-service words: a visit's outcome and who booked it."""
from flask_babel import lazy_gettext as _l

OUTCOME_LABELS = {"done": _l("已上门服务"), "not_home": _l("家中无人"), "cancelled": _l("取消")}
BOOKED_AS_LABELS = {"resident": _l("本人"), "relative": _l("家属"), "staff": _l("工作人员代约")}
