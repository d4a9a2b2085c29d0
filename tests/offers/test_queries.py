"""List pages of the services domain load with a fixed number of queries, however many rows."""
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from blueprints.offers import checklist, services
from extensions import db
from tests.factories import login, make_community, make_user
from tests.offers.factories import make_offer, make_partner, make_partner_user


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
