"""Staff pages for deliberation and cost sharing on one issue."""
from flask import abort, g, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from blueprints.auth.access import STAFF_ROLES, community_role_required
from blueprints.core import clock
from blueprints.core.forms import choice_list, refused_onto
from blueprints.core.uploads import ImageRejected, send_image
from blueprints.htmx import navigate, render_view
from blueprints.issues import bp, costs, ledger, services
from blueprints.issues.forms import (
    PHOTO_ERRORS,
    ChooseQuoteForm,
    DeliberationForm,
    PaymentForm,
    QuoteForm,
    ReversalForm,
    SplitForm,
)
from blueprints.issues.lookups import staff_issue_or_404
from extensions import db
from models import Quote

SCAN_REFUSED = {ImageRejected: lambda error: ("scan", PHOTO_ERRORS[error.reason])}


def _blame(form, default: str, always: bool = False) -> dict:
    """A CostError's message goes next to the field it names, else next to `default`."""
    def place(error: costs.CostError) -> tuple[str, str]:
        named = not always and error.field in form._fields
        return (error.field if named else default), COST_ERRORS[error.code]
    return {costs.CostError: place}


COST_ERRORS = {
    "reason": _l("不选最低价时，必须写明理由"),
    "no_quote": _l("请先选定一个报价"),
    "no_households": _l("没有可分摊的住户"),
    "sum": _l("各户金额之和必须正好等于选定报价"),
    "locked": _l("已经开始收款，不能再改报价或分摊"),
    "too_much": _l("金额必须大于0，且不超过该户尚欠的金额"),
    "reversed": _l("这笔收款不能冲销（已冲销过，或本身是冲销记录）"),
}


class CostPage:
    """Everything the cost page shows, read once; every form, bound or empty."""

    def __init__(self, issue, **bound):
        self.issue = issue
        self.quotes = costs.quotes_of(issue)
        self.chosen = next((q for q in self.quotes if q.chosen), None)
        self.shares = costs.shares_of(issue)
        self.summary = costs.summarize(self.chosen, self.shares)
        self.meeting = bound.get("meeting") or DeliberationForm(formdata=None)
        self.quote = bound.get("quote") or QuoteForm(formdata=None)
        self.choose = bound.get("choose") or ChooseQuoteForm(formdata=None)
        self.split = bound.get("split") or SplitForm(formdata=None)
        self.payment = bound.get("payment") or PaymentForm(formdata=None)
        self.reversal = bound.get("reversal") or ReversalForm(formdata=None)
        self.choose.quote.choices = choice_list([(q.id, q.contractor) for q in self.quotes])
        if self.choose.quote.data is None and self.quotes:
            self.choose.quote.data = (self.chosen or self.quotes[0]).id  # the lowest by default
        self.split.buildings.choices = choice_list([(b.id, b.name) for b in issue.compound.buildings])
        self.payment.share.choices = choice_list([(s.id, s.household.address) for s in self.shares])


def _page(issue, forms: CostPage, status=200, custom_error=None):
    return render_view("issues/costs.html", "issues/partials/costs_panel.html", status,
                       community=g.community, issue=issue, forms=forms, quotes=forms.quotes,
                       meetings=costs.meetings_of(issue), shares=forms.shares,
                       summary=forms.summary,
                       households=costs.households_for(issue, None), custom_error=custom_error)


def _done(issue):
    return navigate(url_for("issues.costs_page", issue_id=issue.id))


@bp.get("/staff/<slug>/issues/<int:issue_id>/costs")
@community_role_required(*STAFF_ROLES)
def costs_page(issue_id: int):
    """Meetings, quotes, the chosen quote, the split and the ledger of one issue."""
    issue = staff_issue_or_404(issue_id)
    return _page(issue, CostPage(issue))


@bp.post("/staff/<slug>/issues/<int:issue_id>/costs/meetings")
@community_role_required(*STAFF_ROLES)
def add_meeting(issue_id: int):
    """Record a meeting of resident representatives."""
    issue = staff_issue_or_404(issue_id)
    form = DeliberationForm()
    if not form.validate_on_submit():
        return _page(issue, CostPage(issue, meeting=form), 422)
    costs.record_deliberation(issue, form.held_on.data, form.attendees.data, form.decision.data,
                              current_user)
    return _done(issue)


@bp.post("/staff/<slug>/issues/<int:issue_id>/costs/quotes")
@community_role_required(*STAFF_ROLES)
def add_quote(issue_id: int):
    """Record a contractor's quote, with an optional scan."""
    issue = staff_issue_or_404(issue_id)
    form = QuoteForm()
    if form.validate_on_submit():
        scan = form.scan.data.stream if form.scan.data and form.scan.data.filename else None
        if refused_onto(form, lambda: costs.add_quote(
                issue, form.contractor.data, form.amount.fen, form.note.data or "", current_user,
                scan), {**_blame(form, "contractor"), **SCAN_REFUSED}):
            return _done(issue)
    return _page(issue, CostPage(issue, quote=form), 422)


@bp.post("/staff/<slug>/issues/<int:issue_id>/costs/choose")
@community_role_required(*STAFF_ROLES)
def choose(issue_id: int):
    """Choose a quote: the lowest, or another with a written reason."""
    issue = staff_issue_or_404(issue_id)
    form = ChooseQuoteForm()
    form.quote.choices = choice_list([(q.id, q.contractor) for q in costs.quotes_of(issue)])
    if form.validate_on_submit():
        if refused_onto(form, lambda: costs.choose_quote(issue, form.quote.data, form.reason.data or "",
                                                         current_user), _blame(form, "quote")):
            return _done(issue)
    return _page(issue, CostPage(issue, choose=form), 422)


@bp.post("/staff/<slug>/issues/<int:issue_id>/costs/split")
@community_role_required(*STAFF_ROLES)
def split(issue_id: int):
    """Equal split (buildings or whole compound), or custom amounts that add up."""
    issue = staff_issue_or_404(issue_id)
    form = SplitForm()
    form.buildings.choices = choice_list([(b.id, b.name) for b in issue.compound.buildings])
    if form.validate_on_submit():
        try:
            costs.split(issue, request.form.get("mode", "equal"), form.buildings.data or None,
                        request.form, current_user)
            return _done(issue)
        except costs.CostError as error:  # custom amounts are typed outside the form's fields
            if error.field == "amounts":
                return _page(issue, CostPage(issue, split=form), 422, custom_error=COST_ERRORS[error.code])
            form.buildings.errors.append(COST_ERRORS[error.code])
    return _page(issue, CostPage(issue, split=form), 422)


@bp.post("/staff/<slug>/issues/<int:issue_id>/costs/payments")
@community_role_required(*STAFF_ROLES)
def add_payment(issue_id: int):
    """A line in the collection ledger."""
    issue = staff_issue_or_404(issue_id)
    form = PaymentForm()
    form.share.choices = choice_list([(s.id, s.household.address) for s in costs.shares_of(issue)])
    if form.validate_on_submit():
        if refused_onto(form, lambda: ledger.record_payment(
                issue, form.share.data, form.amount.fen, form.paid_on.data, form.payer_name.data or "",
                form.collected_by.data, current_user), _blame(form, "amount", always=True)):
            return _done(issue)
    return _page(issue, CostPage(issue, payment=form), 422)


@bp.post("/staff/<slug>/issues/<int:issue_id>/costs/payments/reverse")
@community_role_required(*STAFF_ROLES)
def reverse_payment(issue_id: int):
    """Correct a wrong ledger line with a reversal line (nothing is deleted)."""
    issue = staff_issue_or_404(issue_id)
    form = ReversalForm()
    if form.validate_on_submit() and (form.payment.data or "").isdigit():
        if refused_onto(form, lambda: ledger.reverse_payment(
                issue, int(form.payment.data), form.reason.data, clock.today(), current_user),
                _blame(form, "reason", always=True)):
            return _done(issue)
    return _page(issue, CostPage(issue, reversal=form), 422)


@bp.get("/staff/<slug>/issues/<int:issue_id>/quotes/<int:quote_id>/scan")
@community_role_required(*STAFF_ROLES)
def quote_scan(issue_id: int, quote_id: int):
    """A quote's photo or scan, for staff only."""
    issue = staff_issue_or_404(issue_id)
    quote = db.session.get(Quote, quote_id)
    if quote is None or quote.issue_id != issue.id or not quote.scan_file:
        abort(404)
    return send_image(services.PHOTO_FOLDER, quote.scan_file, quote.scan_type)
