"""Staff pages: a community's figures with charts, and the district view of an admin."""
from flask import g, render_template, request
from flask_login import current_user

from blueprints.auth.access import SIGNED_IN, STAFF_ROLES, community_role_required, role_required
from blueprints.core import clock
from blueprints.core.pagecache import cached_page
from blueprints.figures import bp, district as district_figures
from blueprints.figures.panels import all_panels
from blueprints.figures.period import PeriodError, parse


@bp.get("/<slug>/figures")
@community_role_required(*STAFF_ROLES)
@cached_page(viewer=SIGNED_IN)  # kept under the community's data version: any change rebuilds it
def page():
    """The month or range picker and every figure of the period as a chart and a table."""
    start, end = request.args.get("start", ""), request.args.get("end", "")
    try:
        period = parse(start, end, clock.today())
    except PeriodError as error:
        return render_template("figures/figures.html", community=g.community, start=start,
                               end=end, errors={error.field: error.message}, panels=None), 422
    return render_template("figures/figures.html", community=g.community,
                           start=period.months[0], end=period.months[-1], errors={},
                           period=period, panels=all_panels(g.community, period))


@bp.get("/district")
@role_required("admin")
def district():
    """The admin's communities side by side, sorted by the column asked for."""
    sort = request.args.get("sort", "name")
    sort = sort if sort in district_figures.COLUMNS else "name"
    descending = request.args.get("dir") == "desc"
    view = district_figures.district(current_user, sort, descending)
    return render_template("figures/district.html", view=view, sort=sort, descending=descending,
                           columns=district_figures.COLUMNS)
