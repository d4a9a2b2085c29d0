"""Loading the community named in a URL, shared by every /c/<slug>/ blueprint."""
from collections.abc import Callable

from flask import Blueprint, abort, current_app, g, session
from flask_login import current_user
from sqlalchemy import bindparam, select

from extensions import db
from models import Community


# Built once: every public page reads its community, and building the statement cost
# about as much as running it.
BY_SLUG = select(Community).where(Community.slug == bindparam("slug"))


def community_by_slug(slug: str) -> Community | None:
    """The community with this slug, or None."""
    return db.session.scalar(BY_SLUG, {"slug": slug})


def _own_community(slug: str) -> Community | None:
    """A signed-in account's community of this slug, read in the one query that loads the
    login session with its account and communities (auth/sessions.py): a console page
    costs no second query for it. None for visitors and for other communities."""
    if "_user_id" not in session or not current_user.is_authenticated:
        return None
    return next((c for c in current_user.communities if c.slug == slug), None)


def bind_community(bp: Blueprint, read_with: Callable[[str], Community | None] | None = None) -> None:
    """Make `<slug>` in the blueprint's URLs load g.community (404 if unknown).

    `read_with(slug)`: a query of the blueprint's own that also reads the community, for
    a page that needs something more on every request (the remembered volunteer): one
    round trip instead of two. None when it has nothing to add to this request.
    """

    @bp.url_value_preprocessor
    def load(endpoint, values):
        slug = (values or {}).pop("slug", None)
        if slug is None:
            return
        g.community = (_own_community(slug) or (read_with and read_with(slug))
                       or community_by_slug(slug))
        if g.community is None:
            abort(404)

    @bp.url_defaults
    def add_slug(endpoint, values):
        community = g.get("community")
        if community is None or "slug" in values:
            return
        if _expects_slug(endpoint):
            values["slug"] = community.slug


def _expects_slug(endpoint: str) -> bool:
    """Does the endpoint's URL take a slug? Asked of the URL map once per endpoint (a page
    of cards builds hundreds of links)."""
    known = current_app.extensions.setdefault("endpoints_with_slug", {})
    if endpoint not in known:
        known[endpoint] = current_app.url_map.is_endpoint_expecting(endpoint, "slug")
    return known[endpoint]
