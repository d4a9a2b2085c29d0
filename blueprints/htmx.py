"""The htmx response helpers: page or fragment, events, and going elsewhere.

Every route that answers htmx uses these three, so the rules live in one place:
a fragment only for a non-boosted htmx request (CONVENTIONS, htmx pages 1),
events named `<noun>-<past-verb>` that another region listens for, and one way
to send the browser to another page.
"""
from flask import Response, make_response, redirect, render_template, request


def is_partial() -> bool:
    """True for an htmx request that wants a fragment (not boosted, not a history restore)."""
    headers = request.headers
    return (
        headers.get("HX-Request") == "true"
        and headers.get("HX-Boosted") != "true"
        and headers.get("HX-History-Restore-Request") != "true"
    )


def targets(element_id: str) -> bool:
    """True when htmx will swap the answer into the element with this id (its HX-Target)."""
    return is_partial() and request.headers.get("HX-Target") == element_id


def render_view(page: str, partial: str, status: int = 200, hx_trigger: str | None = None,
                **context) -> Response:
    """Render `page`, or only `partial` for an htmx fragment request, as a response.

    `hx_trigger` names an event for other regions of the page (sent with fragments only:
    a whole page has nothing left to refresh).
    """
    response = make_response(render_template(partial if is_partial() else page, **context), status)
    if hx_trigger and is_partial():
        response.headers["HX-Trigger"] = hx_trigger
    return response


def navigate(url: str, status: int = 303) -> Response:
    """Send the browser to `url`: a 303 after a plain post, a full-page HX-Redirect for htmx.

    Never a 302 to htmx (it would swap a whole page into a small target), and not
    HX-Location: its follow-up GET carries HX-Request, so render_view would answer
    with the next page's fragment and htmx would put it into <body> without the layout.
    """
    if is_partial():
        return make_response("", 204, {"HX-Redirect": url})
    return redirect(url, status)


def announce(event: str) -> Response:
    """Nothing to swap (204), but tell the listening regions that `event` happened."""
    return make_response("", 204, {"HX-Trigger": event})
