"""Staff pages for the places the register is made of: compounds, buildings and grids."""
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.auth.access import SIGNED_IN, STAFF_ROLES, community_role_required
from blueprints.core.forms import choice_list, refused_onto
from blueprints.core.pagecache import cached_page
from blueprints.register import bp, places
from blueprints.register.forms import BuildingForm, CompoundForm, GridForm
from blueprints.register.services import RegisterError

REFUSALS = {RegisterError: lambda error: (error.field, error.message)}


def _building_form(form: BuildingForm | None = None) -> BuildingForm:
    form = form or BuildingForm(formdata=None)
    form.compound_id.choices = choice_list(
        [(c.id, c.name) for c in places.compounds_with_buildings(g.community)])
    return form


def _places_page(compound_form=None, building_form=None, status: int = 200):
    """Compounds with their buildings, grids with what they hold; the add forms."""
    return render_template(
        "register/places.html", community=g.community,
        compounds=places.compounds_with_buildings(g.community),
        grids=places.grids_of(g.community),
        compound_form=compound_form or CompoundForm(formdata=None),
        building_form=_building_form(building_form)), status


@bp.get("/staff/<slug>/register/places")
@community_role_required(*STAFF_ROLES)
@cached_page(viewer=SIGNED_IN)
def places_page():
    """The community's compounds, buildings and grids."""
    return _places_page()


@bp.post("/staff/<slug>/register/places/compounds")
@community_role_required(*STAFF_ROLES)
def add_compound():
    """Add a compound (with or without a property manager)."""
    form = CompoundForm()
    if form.validate_on_submit() and refused_onto(form, lambda: places.save_compound(
            current_user, g.community, form.name.data, form.has_property_manager.data), REFUSALS):
        flash(_("已添加小区：%(name)s", name=form.name.data), "success")
        return redirect(url_for("register.places_page"), 303)
    return _places_page(compound_form=form, status=422)


@bp.route("/staff/<slug>/register/places/compounds/<int:compound_id>", methods=["GET", "POST"])
@community_role_required(*STAFF_ROLES)
def edit_compound(compound_id: int):
    """Rename a compound or change whether it has a property manager."""
    compound = places.compound_in(g.community, compound_id) or abort(404)
    form = CompoundForm(obj=compound)
    if form.validate_on_submit() and refused_onto(form, lambda: places.save_compound(
            current_user, g.community, form.name.data, form.has_property_manager.data, compound),
            REFUSALS):
        flash(_("已保存小区：%(name)s", name=form.name.data), "success")
        return redirect(url_for("register.places_page"), 303)
    return render_template("register/compound_form.html", community=g.community,
                           compound=compound, form=form), 422 if request.method == "POST" else 200


@bp.post("/staff/<slug>/register/places/buildings")
@community_role_required(*STAFF_ROLES)
def add_building():
    """Add a building to one of the community's compounds."""
    form = _building_form(BuildingForm())
    compound = None
    if form.validate_on_submit():
        compound = places.compound_in(g.community, form.compound_id.data)
    if compound and refused_onto(form, lambda: places.add_building(
            current_user, compound, form.name.data), REFUSALS):
        flash(_("已添加楼栋：%(name)s", name=form.name.data), "success")
        return redirect(url_for("register.places_page"), 303)
    return _places_page(building_form=form, status=422)


def _grid_form(form: GridForm) -> GridForm:
    compounds = places.compounds_with_buildings(g.community)
    form.compounds.choices = choice_list([(c.id, c.name) for c in compounds])
    form.buildings.choices = choice_list([(b.id, f"{c.name} {b.name}")
                                          for c in compounds for b in c.buildings])
    form.workers.choices = choice_list([(u.id, u.display_name)
                                        for u in places.grid_workers_of(g.community)])
    return form


def _save_grid(grid=None):
    """The grid form; saved, back to the places page."""
    if grid is not None and request.method == "GET":
        form = GridForm(data={"name": grid.name, "compounds": [c.id for c in grid.compounds],
                              "buildings": [b.id for b in grid.buildings],
                              "workers": [w.id for w in grid.workers]})
    else:
        form = GridForm()
    _grid_form(form)
    if form.validate_on_submit() and refused_onto(form, lambda: places.save_grid(
            current_user, g.community, form.name.data, form.compounds.data, form.buildings.data,
            form.workers.data, grid), REFUSALS):
        flash(_("已保存网格：%(name)s", name=form.name.data), "success")
        return redirect(url_for("register.places_page"), 303)
    return render_template("register/grid_form.html", community=g.community, grid=grid,
                           form=form), 422 if request.method == "POST" else 200


@bp.route("/staff/<slug>/register/places/grids/new", methods=["GET", "POST"])
@community_role_required(*STAFF_ROLES)
def new_grid():
    """Make a grid of compounds and/or buildings and give it grid workers."""
    return _save_grid()


@bp.route("/staff/<slug>/register/places/grids/<int:grid_id>", methods=["GET", "POST"])
@community_role_required(*STAFF_ROLES)
def edit_grid(grid_id: int):
    """Change a grid's name, compounds, buildings or grid workers."""
    return _save_grid(places.grid_in(g.community, grid_id) or abort(404))
