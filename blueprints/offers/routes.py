"""The public service checklist /c/<slug>/services, its offer pages, poster and logos."""
from pathlib import Path

from flask import abort, current_app, g, render_template, request, send_file, url_for
from flask_babel import gettext as _

from blueprints.core import clock
from blueprints.htmx import render_view
from blueprints.offers import bp, schedule, services
from blueprints.offers.checklist import (
    available_on,
    grouped,
    live_offer,
    live_offers,
    shown,
)
from blueprints.printing.delivery import deliver, preparing, send_pdf


def _filters() -> dict:
    """The checklist's filters from the query string, unknown values ignored."""
    who = request.args.get("who")
    return {"who": who if who in schedule.WHO_FILTERS else None,
            "today": request.args.get("today") == "1",
            "group": "partner" if request.args.get("group") == "partner" else "kind"}


@bp.get("/c/<slug>/services")
def checklist():
    """Published offers, grouped, with "for me" and "available today" filters."""
    filters = _filters()
    day = clock.today()
    if filters["today"]:
        offers = available_on(g.community, day, who=filters["who"])
    else:
        offers = live_offers(g.community, who=filters["who"])
    groups = grouped(offers, filters["group"])
    return render_view("offers/checklist.html", "offers/partials/checklist.html",
                       community=g.community, groups=groups, filters=filters, count=len(offers),
                       today=day, shown=shown(offers))


@bp.get("/c/<slug>/services/<int:offer_id>")
def offer(offer_id: int):
    """One published offer, everything a resident needs to use it."""
    item = live_offer(g.community, offer_id)
    if item is None:
        abort(404)
    return render_template("offers/offer.html", community=g.community, offer=item,
                           shown=shown([item])[item.id], today=clock.today())


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
    path = Path(current_app.config["UPLOAD_DIR"]) / partner.logo_name
    if not path.is_file():
        abort(404)
    return send_file(path, mimetype=partner.logo_type, max_age=3600)

