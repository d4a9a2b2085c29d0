"""The figures page and the monthly report as panels: a chart and the table of its numbers."""
from dataclasses import dataclass

from flask_babel import gettext as _

from blueprints.figures import charts, services
from blueprints.figures.period import Period
from blueprints.issues import figures as issue_figures
from models import Community


@dataclass
class Panel:
    """One figure: its title, its SVG chart, and the same numbers as a table."""

    key: str
    title: str
    svg: str
    head: list[str]
    rows: list[list]

    @property
    def empty(self) -> bool:
        return not self.rows


def _hours(value) -> str:
    return "—" if value is None else f"{value:.1f}"


def _series_panel(key: str, title: str, first: str, series: services.Series,
                  stacked: bool = True) -> Panel:
    """A Series as a (stacked) bar chart per month and a table with a total row."""
    svg = charts.bar_svg(title, list(series.months), series.rows, stacked=stacked)
    rows = [[label, *[_number(v) for v in values]] for label, values in series.rows]
    if stacked and rows:
        rows.append([_("合计"), *[_number(v) for v in series.totals()]])
    return Panel(key, title, svg, [first, *series.months], rows)


def _number(value) -> str:
    return f"{value:.1f}" if isinstance(value, float) else str(value)


def issue_panels(community: Community, period: Period) -> list[Panel]:
    """Issues per month by category and by compound, and how they were resolved."""
    panels = [
        _series_panel("by-category", _("每月诉求（按类别）"), _("类别"),
                      services.issues_by_category(community, period)),
        _series_panel("by-compound", _("每月诉求（按小区）"), _("小区"),
                      services.issues_by_compound(community, period)),
    ]
    done = services.resolution(community, period)
    series = [(_("已解决"), done.resolved), (_("当天解决"), done.same_day),
              (_("“没修好”重新处理"), done.reopened)]
    rows = [[month, done.resolved[i], _hours(done.median_hours[i]), done.same_day[i],
             done.reopened[i]] for i, month in enumerate(done.months)]
    rows.append([_("合计"), done.overall["resolved"], _hours(done.overall["median_hours"]),
                 done.overall["same_day"], done.overall["reopened"]])
    panels.append(Panel("resolution", _("解决情况"),
                        charts.bar_svg(_("解决情况"), list(done.months), series),
                        [_("月份"), _("已解决"), _("解决用时中位数（小时）"), _("当天解决"),
                         _("“没修好”重新处理")],
                        rows if done.overall["resolved"] or done.overall["reopened"] else []))
    panels += [_standing_panel(community, by) for by in ("category", "compound")]
    return panels


def _standing_panel(community: Community, by: str) -> Panel:
    """All issues to date (the issue board's own figures): open, resolved, time, on time."""
    rows = issue_figures.figures(community, by)
    title = _("至今：未办结与按时解决（按类别）") if by == "category" else \
        _("至今：未办结与按时解决（按小区）")
    svg = charts.bar_svg(title, [str(r["label"]) for r in rows],
                         [(_("未办结"), [r["open"] for r in rows]),
                          (_("已解决"), [r["resolved"] for r in rows])], horizontal=True)
    table = [[r["label"], r["open"], r["resolved"], _hours(r["median_hours"]),
              "—" if r["within_target"] is None else f"{r['within_target'] * 100:.0f}%"]
             for r in rows]
    head = [_("类别") if by == "category" else _("小区"), _("未办结"), _("已解决"),
            _("解决用时中位数（小时）"), _("按时解决率")]
    return Panel(f"standing-{by}", title, svg, head, table)


def people_panels(community: Community, period: Period) -> list[Panel]:
    """Volunteer hours per team, sign-ups and attendance of activities and classes."""
    return [
        _series_panel("hours", _("每月志愿时长（小时，按队伍）"), _("队伍"),
                      services.volunteer_hours(community, period)),
        _series_panel("attendance", _("活动与课程：报名和到场"), _("项目"),
                      services.attendance(community, period), stacked=False),
    ]


def service_panels(community: Community, period: Period) -> list[Panel]:
    """Services delivered per partner, and the latest door-knocking round per grid."""
    partners = services.services_by_partner(community, period)
    names = [name for name, _done, _scans in partners]
    partner_panel = Panel(
        "partners", _("共建单位服务次数"),
        charts.bar_svg(_("共建单位服务次数"), names,
                       [(_("上门服务完成"), [p[1] for p in partners]),
                        (_("服务卡扫码"), [p[2] for p in partners])], horizontal=True),
        [_("共建单位"), _("上门服务完成"), _("服务卡扫码")], [list(p) for p in partners])
    campaign, cover = services.latest_round(community, period)
    grids = cover.grids if cover else []
    title = _("敲门覆盖（%(name)s）", name=campaign.name) if campaign else _("敲门覆盖")
    visit_panel = Panel(
        "visits", title,
        charts.bar_svg(title, [g.name for g in grids], [(_("已覆盖 %"), [g.percent for g in grids])],
                       horizontal=True),
        [_("网格"), _("户数"), _("已覆盖"), _("覆盖率")],
        [[g.name, g.total, g.done, f"{g.percent}%"] for g in grids])
    return [partner_panel, visit_panel]


def all_panels(community: Community, period: Period) -> list[Panel]:
    """Every panel of the figures page, in reading order."""
    return (issue_panels(community, period) + people_panels(community, period)
            + service_panels(community, period))
