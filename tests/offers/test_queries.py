"""List pages of the services domain load with a fixed number of queries, however many rows."""
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from blueprints.offers import checklist, services
from blueprints.offers.listing import HISTORY_PAGE, PARTNERS_PAGE, PORTAL_PAGE, REVIEW_PAGE
from extensions import db
from models import AuditEvent, Offer, OfferRevision
from models.base import utcnow
from tests.factories import login, make_community, make_user
from tests.offers.factories import (
    make_live_offers,
    make_offer,
    make_partner,
    make_partner_user,
    terms,
)
from tests.queries import assert_bounded


@contextmanager
def counting():
    """Collect every SELECT sent while the block runs."""
    statements: list[str] = []

    def listener(_conn, _cursor, statement, *_args):
        if statement.lstrip().upper().startswith("SELECT"):  # not BEGIN: it depends on the session
            statements.append(statement)

    db.session.expire_all()  # nothing cached in the test's session hides a lazy load
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)


def _queries(client, url: str) -> int:
    with counting() as statements:
        assert client.get(url).status_code == 200
    return len(statements)


def _offers_in_every_state(partner, user, staff):
    """A published offer, a pending edit, a returned one and a paused one: every loading path."""
    make_offer(partner)
    services.submit(services.create_offer(partner, user, {"title": "待审", "benefit": "x"}), user)
    returned = make_offer(partner)
    services.save_draft(returned, user, {"benefit": "九折"})
    services.return_revision(services.submit(returned, user), staff, "写清楚")
    services.pause(make_offer(partner), user)


@pytest.fixture
def place(app):
    community = make_community(slug="liujin")
    return community, make_user("staff", [community])


def test_staff_partners_page_does_not_grow_with_partners(client, place):
    community, staff = place
    first = make_partner(community)
    _offers_in_every_state(first, make_partner_user(first), staff)
    login(client, staff)
    few = _queries(client, "/staff/liujin/services/partners")
    for _ in range(5):
        partner = make_partner(community)
        _offers_in_every_state(partner, make_partner_user(partner), staff)
    assert _queries(client, "/staff/liujin/services/partners") == few


def test_partner_portal_does_not_grow_with_offers_or_prints(client, place):
    community, staff = place
    partner = make_partner(community)
    user = make_partner_user(partner)
    _offers_in_every_state(partner, user, staff)
    checklist.record_print(community, staff, checklist.checklist_snapshot(checklist.live_offers(community)))
    login(client, user)
    few = _queries(client, "/partner/")
    for n in range(4):
        _offers_in_every_state(partner, user, staff)
        snapshot = checklist.checklist_snapshot(checklist.live_offers(community))
        checklist.record_print(community, staff, snapshot)
    assert _queries(client, "/partner/") == few


def test_last_printed_map_matches_the_single_lookup(place):
    community, staff = place
    partner = make_partner(community)
    printed, later = make_offer(partner), None
    checklist.record_print(community, staff, checklist.checklist_snapshot([printed]))
    later = make_offer(partner)
    on = checklist.last_printed_map(community.id, [printed.id, later.id])
    assert on == {printed.id: checklist.last_printed_on(printed)}
    assert later.id not in on


# ---- every list page, 1x then 10x the rows (tests/queries.assert_bounded) ------------------

CHECKLIST_URLS = ["/c/liujin/services", "/c/liujin/services?who=over_80",
                  "/c/liujin/services?today=1", "/c/liujin/services?group=partner&today=1",
                  "/c/liujin/services?page=2", "/c/liujin/"]


def _kinds_of_offers(community, n: int) -> None:
    """`n` live offers of each kind of rule, over new partners of two kinds."""
    for kind in ("restaurant", "clinic"):
        partner = make_partner(community, kind=kind)
        make_live_offers(partner, n)
        make_live_offers(partner, n, eligibility=["over_age"], min_age=80)
        make_live_offers(partner, n, schedule="weekdays", weekdays=[0, 1, 2, 3, 4, 5, 6])
        make_live_offers(partner, n, schedule="monthday", month_day=1)


def test_public_checklist_and_home_do_not_grow_with_offers(app, client, place, monkeypatch):
    community, _staff = place
    monkeypatch.setitem(app.config, "PAGE_CACHE", False)  # count the pages built, not served from memory
    _kinds_of_offers(community, 4)  # 32 offers: two pages at 1x
    assert_bounded(client, CHECKLIST_URLS, lambda: [_kinds_of_offers(community, 4) for _ in range(9)])


def _pending_edits(partner, n: int) -> None:
    """`n` published offers, each with an edit waiting for review."""
    for offer in make_live_offers(partner, n):
        offer.revisions.append(OfferRevision(data=terms(), base=offer.published, status="pending",
                                             submitted_at=utcnow()))
    db.session.commit()


def test_review_queue_does_not_grow_with_pending_edits_or_changes(client, place):
    community, staff = place
    partner = make_partner(community)
    _pending_edits(partner, REVIEW_PAGE + 5)
    checklist.record_print(community, staff, {"999": "撤下的服务"})
    login(client, staff)
    assert_bounded(client, ["/staff/liujin/services/", "/staff/liujin/services/?page=2"],
                   lambda: _pending_edits(partner, 9 * (REVIEW_PAGE + 5)))


def test_partner_list_does_not_grow_with_partners(client, place):
    community, staff = place

    def units(n):
        partner = make_partner(community)
        _offers_in_every_state(partner, make_partner_user(partner), staff)
        for _ in range(n - 1):
            make_live_offers(make_partner(community), 2)

    units(PARTNERS_PAGE + 3)
    login(client, staff)
    assert_bounded(client, ["/staff/liujin/services/partners",
                            "/staff/liujin/services/partners?page=2"],
                   lambda: [units(PARTNERS_PAGE + 3) for _ in range(9)])


def test_portal_does_not_grow_with_offers_or_prints(client, place):
    community, staff = place
    partner = make_partner(community)
    user = make_partner_user(partner)

    def grow(n):
        _offers_in_every_state(partner, user, staff)
        make_live_offers(partner, n)
        checklist.record_print(community, staff, checklist.checklist_snapshot(checklist.live_offers(community)))

    grow(PORTAL_PAGE)
    login(client, user)
    assert_bounded(client, ["/partner/", "/partner/?page=2"], lambda: [grow(PORTAL_PAGE) for _ in range(9)])
    assert db.session.query(Offer).count() > 9 * PORTAL_PAGE


def edits(offer, authors, reviewer, n: int) -> None:
    """`n` reviewed edits of the offer by several people, each with its log lines."""
    for i in range(n):
        author = authors[i % len(authors)]
        offer.revisions.append(OfferRevision(
            data=terms(title=f"第{i}版"), base=offer.published, status="published",
            author=author, reviewed_by=reviewer, submitted_at=utcnow(), reviewed_at=utcnow()))
        db.session.add_all([
            AuditEvent(actor=who, action=action, target_type="Offer", target_id=offer.id,
                       community_id=offer.community_id, detail={})
            for who, action in ((author, "offer.submitted"), (reviewer, "offer.approved"))])
    db.session.commit()


def test_offer_history_does_not_grow_with_edits(client, place):
    community, staff = place
    partner = make_partner(community)
    offer = make_offer(partner)
    people = [make_partner_user(partner) for _ in range(3)]
    reviewers = [make_user("staff", [community]) for _ in range(3)]
    edits(offer, people, reviewers[0], HISTORY_PAGE + 2)
    login(client, staff)
    urls = [f"/staff/liujin/services/offers/{offer.id}/history",
            f"/staff/liujin/services/offers/{offer.id}/history?page=2&log=2"]

    def grow():
        for reviewer in reviewers:
            edits(offer, people + [make_partner_user(partner) for _ in range(3)], reviewer,
                  3 * (HISTORY_PAGE + 2))

    assert_bounded(client, urls, grow)
    client.post("/logout")
    login(client, people[0])
    assert_bounded(client, [f"/partner/offers/{offer.id}/history"],
                   lambda: edits(offer, [make_partner_user(partner) for _ in range(30)],
                                 staff, 9 * HISTORY_PAGE))
