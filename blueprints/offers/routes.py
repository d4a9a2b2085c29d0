"""The public service checklist /c/<slug>/services, its offer pages, poster and logos."""
from flask import abort, g, render_template, request, url_for
from flask_babel import gettext as _

from blueprints.core import clock
from blueprints.core.pagecache import cached_page
from blueprints.core.paging import page_number
from blueprints.core.uploads import send_image
from blueprints.homeservice.services import home_offer_in
from blueprints.htmx import render_view
from blueprints.offers import bp, schedule, services
from blueprints.offers.checklist import checklist_page, grouped, live_offer, shown
from blueprints.printing.delivery import deliver, preparing, send_pdf


def _filters() -> dict:
    """The checklist's filters from the query string, unknown values ignored."""
    who = request.args.get("who")
    return {"who": who if who in schedule.WHO_FILTERS else None,
            "today": request.args.get("today") == "1",
            "group": "partner" if request.args.get("group") == "partner" else "kind"}


@bp.get("/c/<slug>/services")
@cached_page
def checklist():
    """Published offers, a page at a time, grouped, with "for me" and "available today" filters."""
    filters, day = _filters(), clock.today()
    page, count = checklist_page(g.community, day, page_number(), who=filters["who"],
                                 today_only=filters["today"], group=filters["group"])
    return render_view("offers/checklist.html", "offers/partials/checklist.html",
                       community=g.community, groups=grouped(page.items, filters["group"], True),
                       filters=filters, count=count, listed=page, today=day,
                       shown=shown(page.items))


@bp.get("/c/<slug>/services/<int:offer_id>")
@cached_page
def offer(offer_id: int):
    """One published offer, everything a resident needs to use it."""
    item = live_offer(g.community, offer_id)
    if item is None:
        abort(404)
    return render_template("offers/offer.html", community=g.community, offer=item,
                           shown=shown([item])[item.id], today=clock.today(),
                           bookable=home_offer_in(g.community, item.id) is not None)


@bp.get("/c/<slug>/services.pdf")
def poster():
    """The printable checklist poster (A4, or ?size=A3); never rendered in the request.

    A resident scanning the QR code gets the newest poster at once: the current one, else
    the last one rendered while the current one is queued, else a page that reloads itself.
    """
    size = "A3" if request.args.get("size", "").upper() == "A3" else "A4"
    delivery = deliver("services", g.community, {"size": size})  # not a printing: never recorded
    if delivery.current is not None:
        return send_pdf(delivery.current)
    if delivery.last_good is not None:
        return send_pdf(delivery.last_good, current=False)
    return preparing(g.community, _("便民服务清单海报"),
                     (url_for("offers.checklist"), _("先在手机上看便民服务清单")))


@bp.get("/c/<slug>/services/logos/<int:partner_id>")
def logo(partner_id: int):
    """A partner unit's logo, stored outside static/."""
    partner = services.partner_in(g.community, partner_id)
    if partner is None or not partner.logo_name:
        abort(404)
    return send_image(services.LOGO_FOLDER, partner.logo_name, partner.logo_type, max_age=3600)

