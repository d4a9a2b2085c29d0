"""The staff board and the paginated list behind each of its columns."""
from flask import g, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from blueprints.auth.access import CONSOLE_ROLES, SIGNED_IN, community_role_required
from blueprints.core.forms import choice_list
from blueprints.core.pagecache import cached_page
from blueprints.core.paging import page_number
from blueprints.htmx import render_view
from blueprints.issues import board as boards
from blueprints.issues import bp
from blueprints.issues.forms import FilterForm
from blueprints.issues.workflow import moves_for
from models.issues import CATEGORIES, CHANNELS, STATUSES


def _filter_form() -> FilterForm:
    form = FilterForm(request.args)
    form.compound.choices = choice_list([(0, _l("全部小区"))] + [(c.id, c.name) for c in g.community.compounds])
    form.grid.choices = choice_list([(0, _l("全部网格"))] + [(gr.id, gr.name) for gr in g.community.grids])
    form.category.choices = choice_list([("", _l("全部类别"))] + [(k, v[0]) for k, v in CATEGORIES.items()])
    form.channel.choices = choice_list([("", _l("全部来源"))] + list(CHANNELS.items()))
    form.status.choices = choice_list([("", _l("全部状态")), (boards.OPEN, _l("未办结"))]
                                      + list(STATUSES.items()))
    return form


def _filters(form: FilterForm) -> boards.BoardFilters:
    """The query string's filters (an unknown category matches nothing, an unknown status all)."""
    return boards.BoardFilters(form.compound.data or None, form.grid.data or None,
                               form.category.data or None, form.channel.data or None,
                               bool(form.overdue.data), bool(form.mine.data), form.status.data or None)


@bp.get("/staff/<slug>/issues")
@community_role_required(*CONSOLE_ROLES)
@cached_page(viewer=SIGNED_IN)
def staff_board():
    """Columns by status, each bounded; filters; overdue cards first; a grid worker's queue first."""
    form = _filter_form()
    columns = boards.board_columns(g.community, _filters(form), current_user)
    mine, mine_total = boards.my_queue(g.community, current_user)
    return render_view("issues/staff_board.html", "issues/partials/staff_columns.html",
                       community=g.community, form=form, columns=columns, mine=mine,
                       mine_total=mine_total, moves=lambda issue: moves_for(current_user, issue),
                       column_url=_column_url)


def _column_url(status: str) -> str:
    """The list of one column's every issue, with the board's filters that are set."""
    kept = {name: value for name, value in request.args.items()
            if value and value != "0" and name != "page"}
    return url_for("issues.staff_list", **{**kept, "status": status})


@bp.get("/staff/<slug>/issues/list")
@community_role_required(*CONSOLE_ROLES)
def staff_list():
    """Every issue of a status (or all), page by page, with the board's filters and buttons."""
    form = _filter_form()
    page = boards.issue_list(g.community, _filters(form), current_user, page_number())
    return render_view("issues/staff_list.html", "issues/partials/staff_list.html",
                       community=g.community, form=form, issues=page,
                       moves=lambda issue: moves_for(current_user, issue))
