"""Pager links for a list rendered by another route than the one that shows it.

The shared pager builds its links from the current request's endpoint. A page that is
also rendered as the answer to a POST (a 422 form, a cancel's htmx fragment) passes
`page_url=page_links(<the GET page's endpoint>, ...)`, and its template imports the
pager `with context`, so the links still lead to the list and never to the POST route.
"""
from flask import url_for


def page_links(endpoint: str, **values):
    """A `page_url(number, arg)` for the pager that always points at `endpoint`."""
    return lambda number, arg="page": url_for(endpoint, **values, **{arg: number})


# Activities of some categories have their own page (a class: its course's page), which
# other blueprints register here: {category: function(activity) -> that page's address}.
ACTIVITY_PAGES = {}


def own_page(activity) -> str | None:
    """The address of the page that shows this activity instead of the volunteer page."""
    page = ACTIVITY_PAGES.get(activity.category)
    return page(activity) if page else None


def activity_url(activity) -> str:
    """Where a volunteer (or a learner) sees this activity."""
    return own_page(activity) or url_for("volunteers.activity", activity_id=activity.id)
