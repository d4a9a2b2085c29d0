"""The public community home, the page printed QR codes lead to first."""
from flask import g, render_template

from blueprints.classes.listing import next_with_places
from blueprints.classes.services import open_requests
from blueprints.community import bp
from blueprints.core import clock
from blueprints.core.pagecache import cached_page
from blueprints.offers.services import available_on
from blueprints.volunteers.upcoming import upcoming_with_next_shift

HOME_OFFERS = 6
HOME_ACTIVITIES = 3
HOME_REQUESTS = 3


@bp.get("/")
@cached_page
def home():
    """Today's services, activities, classes and a way to report a problem."""
    today = clock.today()
    return render_template(
        "community/home.html", community=g.community, today=today,
        offers_today=available_on(g.community, today, limit=HOME_OFFERS),
        activities=upcoming_with_next_shift(g.community, HOME_ACTIVITIES),
        requests=open_requests(g.community, 1, per_page=HOME_REQUESTS),
        classes=next_with_places(g.community),
    )
