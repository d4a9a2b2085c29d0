"""Addresses printed on paper point at the public site, whoever prints them."""
from flask import current_app, url_for


def public_url(endpoint: str, **values) -> str:
    """The absolute public URL of an endpoint, for QR codes and printed text."""
    base = current_app.config["PUBLIC_BASE_URL"].rstrip("/")
    return base + url_for(endpoint, **values)


def report_form_url(community_slug: str, compound_id: int) -> str:
    """The opinion-box address of DESIGN.md §5, printed on posters: never change it."""
    base = current_app.config["PUBLIC_BASE_URL"].rstrip("/")
    return f"{base}/c/{community_slug}/issues/new?compound={compound_id}"

