"""The one place that decides between a whole page and an htmx fragment."""
from flask import render_template, request


def is_partial() -> bool:
    """True for an htmx request that wants a fragment (not boosted, not a history restore)."""
    headers = request.headers
    return (
        headers.get("HX-Request") == "true"
        and headers.get("HX-Boosted") != "true"
        and headers.get("HX-History-Restore-Request") != "true"
    )


def render_view(page: str, partial: str, status: int = 200, **context):
    """Render `page`, or only `partial` when htmx asked for a fragment."""
    return render_template(partial if is_partial() else page, **context), status
