"""Staff pages for the register's files and residents' personal data: import (preview,
confirm), export, the template, and a resident's data export and erasure (PIPL)."""
import json

from flask import abort, flash, g, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from io import BytesIO

from blueprints.auth.access import STAFF_ROLES, community_role_required
from blueprints.core import clock
from blueprints.register import bp, exporting, importing, residents
from blueprints.register.forms import ConfirmImportForm, EraseForm, ExportForm, ImportForm
from blueprints.register.sheets import SheetError, xlsx_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PREVIEW_ROWS = 500  # rows shown in a preview, refused ones first; the counts cover them all


def _files_page(form=None, export_form=None, status: int = 200, error: str | None = None):
    return render_template("register/files.html", community=g.community,
                           form=form or ImportForm(), export_form=export_form or ExportForm(),
                           error=error), status


@bp.get("/staff/<slug>/register/files")
@community_role_required(*STAFF_ROLES)
def files():
    """Import households from a spreadsheet, download the template, export the register."""
    return _files_page()


@bp.get("/staff/<slug>/register/files/template.xlsx")
@community_role_required(*STAFF_ROLES)
def template():
    """The empty import template, with a sheet explaining each column."""
    return send_file(BytesIO(xlsx_bytes([], help_sheet=True)), mimetype=XLSX, as_attachment=True,
                     download_name="household-register-template.xlsx")


@bp.post("/staff/<slug>/register/files/import")
@community_role_required(*STAFF_ROLES)
def upload():
    """Read an uploaded file and show its preview; nothing is written yet."""
    form = ImportForm()
    upload_file = request.files.get("file")
    if not form.validate_on_submit() or not upload_file or not upload_file.filename:
        return _files_page(form, status=422, error=_("请选择要导入的文件"))
    try:
        token = importing.store_upload(g.community, current_user, upload_file.read(),
                                       upload_file.filename)
    except SheetError as error:
        return _files_page(form, status=422, error=str(error.message))
    return redirect(url_for("register.import_preview", token=token), 303)


def _preview_page(token: str, status: int = 200, error: str | None = None):
    stored = importing.stored_rows(g.community, current_user, token) or abort(404)
    judged = importing.preview(g.community, stored[1])
    shown = sorted(judged, key=lambda row: (row.kind != "refused", row.line))[:PREVIEW_ROWS]
    return render_template("register/preview.html", community=g.community, token=token,
                           file_name=stored[0], rows=shown, counts=importing.counts(judged),
                           kinds=importing.KINDS, form=ConfirmImportForm(token=token),
                           error=error, hidden=max(len(judged) - PREVIEW_ROWS, 0)), status


@bp.get("/staff/<slug>/register/files/import/<token>")
@community_role_required(*STAFF_ROLES)
def import_preview(token: str):
    """Each row of the uploaded file as new, changed, unchanged or refused, with the reason."""
    return _preview_page(token)


@bp.post("/staff/<slug>/register/files/import/<token>")
@community_role_required(*STAFF_ROLES)
def confirm_import(token: str):
    """Write the previewed rows, all of them or (when any is refused) none."""
    stored = importing.stored_rows(g.community, current_user, token) or abort(404)
    if not ConfirmImportForm().validate_on_submit():
        return _preview_page(token, 422)
    try:
        found = importing.confirm(current_user, g.community, stored[1])
    except importing.ImportRefused as refusal:
        return _preview_page(token, 422, str(refusal))
    importing.forget(g.community, current_user, token)
    flash(_("导入完成：新增 %(new)s 户，更新 %(changed)s 户，%(unchanged)s 户无变化。", **found),
          "success")
    return redirect(url_for("register.index"), 303)


@bp.post("/staff/<slug>/register/files/export")
@community_role_required(*STAFF_ROLES)
def export():
    """Download the register; with the sensitive tags only when ticked (and logged)."""
    form = ExportForm()
    if not form.validate_on_submit():
        return _files_page(export_form=form, status=422)
    data = exporting.export(current_user, g.community, form.format.data, form.with_tags.data)
    name = f"register-{g.community.slug}-{clock.today():%Y%m%d}.{form.format.data}"
    mimetype = "text/csv; charset=utf-8" if form.format.data == "csv" else XLSX
    return send_file(BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=name)


@bp.get("/staff/<slug>/register/residents")
@community_role_required(*STAFF_ROLES)
def residents_page():
    """Find a resident by name or number, to export or erase their personal data."""
    q = request.args.get("q", "")[:40]
    return render_template("register/residents.html", community=g.community, q=q,
                           people=residents.find_people(g.community, q),
                           is_erased=residents.is_erased, form=ConfirmImportForm())


def _person_or_404(person_id: int):
    return residents.person_in(g.community, person_id) or abort(404)


@bp.post("/staff/<slug>/register/residents/<int:person_id>/export")
@community_role_required(*STAFF_ROLES)
def export_person(person_id: int):
    """Download everything held about one resident as JSON (logged)."""
    person = _person_or_404(person_id)
    if not ConfirmImportForm().validate_on_submit():
        abort(400)
    data = residents.record_export(current_user, person)
    body = json.dumps(data, ensure_ascii=False, indent=2).encode()
    return send_file(BytesIO(body), mimetype="application/json", as_attachment=True,
                     download_name=f"resident-{person.id}.json")


@bp.route("/staff/<slug>/register/residents/<int:person_id>/erase", methods=["GET", "POST"])
@community_role_required(*STAFF_ROLES)
def erase_person(person_id: int):
    """Erase a resident's personal data, after a ticked confirmation (logged)."""
    person = _person_or_404(person_id)
    form = EraseForm()
    if form.validate_on_submit() and not residents.is_erased(person):
        residents.erase(current_user, person)
        flash(_("已删除这位居民的个人信息。"), "success")
        return redirect(url_for("register.residents_page"), 303)
    return render_template("register/erase.html", community=g.community, person=person,
                           form=form, erased=residents.is_erased(person)), \
        422 if request.method == "POST" else 200
