"""The register's words: household statuses, sensitive tags, consent methods."""
from flask_babel import lazy_gettext as _l

STATUS_LABELS = {"occupied": _l("在住"), "vacant": _l("空置"), "moved_out": _l("已搬离")}
TAG_LABELS = {"over_80": _l("80岁以上"), "disabled": _l("残疾"), "living_alone": _l("独居"),
              "low_income": _l("低收入")}
METHOD_LABELS = {"paper": _l("纸质同意书"), "in_person": _l("当面同意"), "phone": _l("电话同意")}
ERASED_NAME = "已删除居民"  # what an erased resident's name becomes (stored, not translated)
