"""Finding a round from its URL, shared by the staff and the roster pages."""
from flask import abort, g

from blueprints.visits import campaigns


def campaign_or_404(campaign_id: int):
    """The community's round with this id, or 404."""
    return campaigns.campaign_in(g.community, campaign_id) or abort(404)
