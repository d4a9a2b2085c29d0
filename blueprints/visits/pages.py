"""The visitor's roster and household pages, rendered for the console or for a 敲门队
member's link (the two differ only in where their links and forms point)."""
from flask import g, render_template, request

from blueprints.core.forms import EmptyForm
from blueprints.core.paging import page_number
from blueprints.visits import services
from blueprints.visits.forms import VisitForm
from blueprints.visits.links import StaffLinks

# Sent by the phone's queue (static/js/visits.js): only a 204 answer means "stored".
QUEUE_HEADER = "X-Visit-Queue"


def _show() -> str:
    show = request.args.get("show", "all")
    return show if show in services.FILTERS else "all"


def roster_page(campaign, grid, links, **extra):
    """A page of the grid's doors, each with its visit form (the console's or a link's)."""
    show = _show()
    page = services.roster(campaign, grid, page_number(), show)
    return render_template("visits/roster.html", community=g.community, campaign=campaign,
                           grid=grid, page=page, show=show, form=VisitForm(formdata=None),
                           new_id=services.new_client_id, links=links, **extra)


def answers_typed(campaign) -> dict:
    """The typed answers by question id (q<id> in the form)."""
    return {q.id: request.form.get(f"q{q.id}", "") for q in campaign.questions}


def household_page(campaign, household, form, errors=None, status=200, links=None):
    """One door: its visits in the round and the visit form (also the answer to a refusal)."""
    return render_template("visits/household.html", community=g.community, campaign=campaign,
                           household=household, form=form, errors=errors or {},
                           links=links or StaffLinks(campaign),
                           typed=request.form if request.method == "POST" else {},
                           visits=services.visits_of(campaign, household),
                           actions=EmptyForm()), status
