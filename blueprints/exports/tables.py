"""What can be exported: each list's name, title, Chinese header row and rows."""
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from blueprints.exports import rows
from blueprints.register.exporting import household_rows
from blueprints.register.sheets import COLUMNS as HOUSEHOLD_COLUMNS


@dataclass(frozen=True)
class Table:
    """One export: its title (also the sheet's name), header row and row source."""

    title: str
    description: str
    header: tuple[str, ...]
    rows: Callable  # (community, show) -> iterator of lists


def _households(community, show) -> Iterator[list]:
    """The register's own exporter, without the sensitive tags; `show` is str (services.shower)
    when staff asked for full numbers."""
    return household_rows(community, with_tags=False, full_numbers=show is str,
                          batch=rows.BATCH)


TABLES: dict[str, Table] = {
    "households": Table(_l("住户"), _l("居民台账，格式与台账导入相同（不含敏感标签）"),
                        HOUSEHOLD_COLUMNS, _households),
    "partners": Table(_l("共建单位与服务"), _l("每个服务项目一行，连同所属单位与联系人"),
                      ("单位", "类别", "地址", "联系人", "联系人电话", "单位电话", "最近走访",
                       "服务项目", "状态", "发布时间"), rows.partners),
    "volunteers": Table(_l("志愿者与时长"), _l("每位志愿者的报名、签到次数和确认的服务时长"),
                        ("姓名", "手机号", "报名次数", "签到次数", "服务时长（小时）"),
                        rows.volunteers),
    "signups": Table(_l("报名"), _l("每一条活动报名，最近的班次在前"),
                     ("活动", "班次开始", "岗位", "姓名", "手机号", "状态", "签到时间",
                      "时长（分钟）"), rows.signups),
    "issues": Table(_l("诉求与办理经过"), _l("每条诉求一行，办理经过在最后一列"),
                    ("编号", "登记时间", "来源", "类别", "小区", "位置", "内容", "状态", "负责人",
                     "报告人", "报告人电话", "解决时间", "办理经过"), rows.issues),
    "costs": Table(_l("费用分摊与收款"), _l("每户分摊的费用和收款台账的每一笔"),
                   ("诉求编号", "事项", "住户", "应摊（元）", "收款日期", "缴款人", "金额（元）",
                    "经手人", "备注"), rows.costs),
    "visits": Table(_l("入户走访"), _l("每一次敲门走访，最近的在前"),
                    ("走访行动", "时间", "住户", "结果", "需求与建议", "走访人", "转为诉求编号"),
                    rows.visits),
    "audit": Table(_l("变更记录"), _l("谁在什么时候改了什么，每条一句话，最新的在前"),
                   ("时间", "操作人", "做了什么", "操作代码"), rows.audit),
}
FORMATS = ("xlsx", "csv")
