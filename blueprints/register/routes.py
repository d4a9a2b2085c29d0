"""Register pages under /staff/<slug>/register: the list, a household, its members and tags.

Staff see the whole community; a grid worker only their grids' households: every lookup
goes through services/scope, so another grid's household is a 404, read or write.
"""
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.auth.access import CONSOLE_ROLES, SIGNED_IN, community_role_required
from blueprints.core.fields import db_int
from blueprints.core.forms import EmptyForm, refused_onto
from blueprints.core.pagecache import cached_page
from blueprints.core.paging import page_number
from blueprints.register import bp, scope, services
from blueprints.register.forms import HouseholdForm, MemberForm, TagForm
from blueprints.register.labels import METHOD_LABELS, STATUS_LABELS, TAG_LABELS

REFUSALS = {services.RegisterError: lambda error: (error.field, error.message)}
WORDS = {"statuses": STATUS_LABELS, "tag_labels": TAG_LABELS, "methods": METHOD_LABELS}


def _arg_id(name: str) -> int | None:
    """An id from the query string; anything unusable is no filter."""
    try:
        return db_int(request.args.get(name, "")) or None
    except ValueError:
        return None


def _filters() -> services.Filters:
    return services.Filters(q=request.args.get("q", "")[:40], compound_id=_arg_id("compound"),
                            grid_id=_arg_id("grid"), status=request.args.get("status", ""),
                            tag=request.args.get("tag", ""))


def _household_or_404(household_id: int):
    return services.household_page(current_user, g.community, household_id) or abort(404)


@bp.get("/staff/<slug>/register")
@community_role_required(*CONSOLE_ROLES)
@cached_page(viewer=SIGNED_IN)
def index():
    """The register: households page by page; search by address, name or number; filters."""
    filters = _filters()
    households = services.search(current_user, g.community, filters, page_number())
    return render_template("register/index.html", community=g.community, filters=filters,
                           households=households, compounds=services.compounds_of(g.community),
                           grids=scope.grids_for(current_user, g.community),
                           full_numbers=scope.sees_all(current_user), **WORDS)


def _household_view(household, member_form=None, tag_form=None, status: int = 200):
    """The household page with its forms (also the answer to a refused change)."""
    return render_template(
        "register/household.html", community=g.community, household=household,
        member_form=member_form or MemberForm(formdata=None),
        tag_form=tag_form or TagForm(formdata=None), actions=EmptyForm(),
        full_numbers=scope.sees_all(current_user), **WORDS), status


@bp.get("/staff/<slug>/register/households/<int:household_id>")
@community_role_required(*CONSOLE_ROLES)
@cached_page(viewer=SIGNED_IN)
def household(household_id: int):
    """One household: address, size, status, members, and tags with their consent records."""
    return _household_view(_household_or_404(household_id))


def _household_form(form: HouseholdForm, household=None, status: int = 200):
    return render_template("register/household_form.html", community=g.community, form=form,
                           household=household), status


def _places_form(form: HouseholdForm) -> HouseholdForm:
    form.set_places(services.compounds_of(g.community))
    return form


def _save_household(form: HouseholdForm, household=None):
    """Validate and save the form; the household page, or the form again with its errors."""
    if form.validate_on_submit():
        values = {name: getattr(form, name).data for name in services.HOUSEHOLD_FIELDS}
        saved = []
        if refused_onto(form, lambda: saved.append(services.save_household(
                current_user, g.community, values, household)), REFUSALS):
            flash(_("已保存：%(address)s", address=saved[0].address), "success")
            return redirect(url_for("register.household", household_id=saved[0].id), 303)
    return _household_form(form, household, 422 if request.method == "POST" else 200)


@bp.route("/staff/<slug>/register/households/new", methods=["GET", "POST"])
@community_role_required(*CONSOLE_ROLES)
def new_household():
    """Register a household (a grid worker: in one of their grids)."""
    return _save_household(_places_form(HouseholdForm()))


@bp.route("/staff/<slug>/register/households/<int:household_id>/edit", methods=["GET", "POST"])
@community_role_required(*CONSOLE_ROLES)
def edit_household(household_id: int):
    """Change a household's address, size or status (vacant, moved out)."""
    found = _household_or_404(household_id)
    return _save_household(_places_form(HouseholdForm(obj=found)), found)


@bp.post("/staff/<slug>/register/households/<int:household_id>/members")
@community_role_required(*CONSOLE_ROLES)
def add_member(household_id: int):
    """Add a resident (name and number) to the household."""
    found = _household_or_404(household_id)
    form = MemberForm()
    if form.validate_on_submit() and refused_onto(form, lambda: services.add_member(
            current_user, found, form.name.data, form.mobile.data), REFUSALS):
        flash(_("已添加成员：%(name)s", name=form.name.data), "success")
        return redirect(url_for("register.household", household_id=found.id), 303)
    return _household_view(found, member_form=form, status=422)


@bp.route("/staff/<slug>/register/households/<int:household_id>/members/<int:person_id>",
          methods=["GET", "POST"])
@community_role_required(*CONSOLE_ROLES)
def edit_member(household_id: int, person_id: int):
    """Change a member's name or number (blank number: unchanged; grid workers never see it)."""
    found = _household_or_404(household_id)
    person = services.member_of(found, person_id) or abort(404)
    form = MemberForm(data={"name": person.name, "mobile": ""} if request.method == "GET" else None)
    if form.validate_on_submit() and refused_onto(form, lambda: services.update_member(
            current_user, person, form.name.data, form.mobile.data), REFUSALS):
        flash(_("已保存成员：%(name)s", name=form.name.data), "success")
        return redirect(url_for("register.household", household_id=found.id), 303)
    return render_template("register/member_form.html", community=g.community, household=found,
                           person=person, form=form, full_numbers=scope.sees_all(current_user),
                           ), 422 if request.method == "POST" else 200


@bp.post("/staff/<slug>/register/households/<int:household_id>/members/<int:person_id>/remove")
@community_role_required(*CONSOLE_ROLES)
def remove_member(household_id: int, person_id: int):
    """Take a resident off the household; the person and their records stay."""
    found = _household_or_404(household_id)
    person = services.member_of(found, person_id) or abort(404)
    if EmptyForm().validate_on_submit():
        services.remove_member(current_user, person)
        flash(_("已移出：%(name)s", name=person.name), "success")
    return redirect(url_for("register.household", household_id=found.id), 303)


@bp.post("/staff/<slug>/register/households/<int:household_id>/tags")
@community_role_required(*CONSOLE_ROLES)
def add_tag(household_id: int):
    """Record a sensitive tag with its consent; refused next to the field without one."""
    found = _household_or_404(household_id)
    form = TagForm()
    if form.validate_on_submit() and refused_onto(form, lambda: services.add_tag(
            current_user, found, form.tag.data, form.consent_by.data, form.consent_method.data,
            form.consent_note.data), REFUSALS):
        flash(_("已登记标签：%(tag)s", tag=TAG_LABELS.get(form.tag.data)), "success")
        return redirect(url_for("register.household", household_id=found.id), 303)
    return _household_view(found, tag_form=form, status=422)


@bp.post("/staff/<slug>/register/households/<int:household_id>/tags/<int:tag_id>/withdraw")
@community_role_required(*CONSOLE_ROLES)
def withdraw_tag(household_id: int, tag_id: int):
    """The resident withdrew consent: the tag no longer applies; the record stays."""
    found = _household_or_404(household_id)
    if EmptyForm().validate_on_submit():
        if services.withdraw_tag(current_user, found, tag_id) is None:
            abort(404)
        flash(_("已撤回同意，该标签不再使用。"), "success")
    return redirect(url_for("register.household", household_id=found.id), 303)
