"""The staff page of Open311: make a key (shown once), see the keys, revoke one."""
from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.auth.access import SIGNED_IN, STAFF_ROLES, community_role_required
from blueprints.core.pagecache import cached_page
from blueprints.core.forms import EmptyForm
from blueprints.core.paging import page_number
from blueprints.open311 import keys, staff_bp
from blueprints.open311.forms import KeyForm
from models.issues import CATEGORIES


def _page(form: KeyForm, new_key: str | None = None, status: int = 200):
    context = {"community": g.community, "form": form, "new_key": new_key,
               "keys": keys.keys_page(g.community, page_number()),
               "revoke_form": EmptyForm(), "categories": CATEGORIES}
    return render_template("open311/keys.html", **context), status


@staff_bp.get("/staff/<slug>/open311")
@community_role_required(*STAFF_ROLES)
@cached_page(viewer=SIGNED_IN)
def index():
    """The community's Open311 keys and how other systems use them."""
    return _page(KeyForm())


@staff_bp.post("/staff/<slug>/open311")
@community_role_required(*STAFF_ROLES)
def create():
    """Make a key and show it this once."""
    form = KeyForm()
    if not form.validate_on_submit():
        return _page(form, status=422)
    _key, plain = keys.create_key(g.community, form.name.data, current_user)
    return _page(KeyForm(formdata=None), new_key=plain)


@staff_bp.post("/staff/<slug>/open311/<int:key_id>/revoke")
@community_role_required(*STAFF_ROLES)
def revoke(key_id: int):
    """Stop a key working at once."""
    key = keys.community_key(g.community, key_id)
    if key is None:
        abort(404)
    if not EmptyForm().validate_on_submit():
        abort(400)
    keys.revoke_key(key, current_user)
    flash(_("密钥 %(prefix)s… 已作废。", prefix=key.prefix), "success")
    return redirect(url_for("open311_staff.index"), 303)
