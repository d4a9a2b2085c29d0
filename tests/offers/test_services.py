"""The revision workflow, pausing, review, visits and print records, without HTTP."""
from datetime import date, timedelta

import pytest

from blueprints.offers import checklist, services
from models import AuditEvent
from models.base import utcnow
from tests.factories import make_community, make_user
from tests.offers.factories import make_offer, make_partner, make_partner_user, terms


@pytest.fixture
def unit(app):
    community = make_community()
    partner = make_partner(community, name="温州饭吧")
    return community, partner, make_partner_user(partner), make_user("staff", [community])


def test_new_offer_is_a_draft_and_not_live(unit):
    community, partner, user, _staff = unit
    offer = services.create_offer(partner, user, terms(title="免费午餐"))
    assert services.offer_state(offer) == "draft"
    assert offer.published is None
    assert checklist.live_offers(community) == []


def test_submit_then_approve_publishes(unit):
    community, partner, user, staff = unit
    offer = services.create_offer(partner, user, terms(title="免费午餐"))
    revision = services.submit(offer, user)
    assert services.offer_state(offer) == "pending"
    assert checklist.live_offers(community) == []  # a partner cannot publish without review
    services.approve(revision, staff)
    assert services.offer_state(offer) == "published"
    assert offer.published["title"] == "免费午餐"
    assert checklist.live_offers(community) == [offer]


def test_an_edit_keeps_the_published_version_until_approved(unit):
    community, partner, user, staff = unit
    offer = make_offer(partner, title="周六日九折")
    services.save_draft(offer, user, {"title": "每天九折"})
    services.submit(offer, user)
    assert offer.published["title"] == "周六日九折"
    revision = services.pending_revisions(community)[0]
    assert revision.base["title"] == "周六日九折" and revision.data["title"] == "每天九折"
    services.approve(revision, staff)
    assert offer.published["title"] == "每天九折"


def test_return_with_comment_then_edit_and_resubmit(unit):
    _community, partner, user, staff = unit
    offer = make_offer(partner)
    services.save_draft(offer, user, {"benefit": "打折"})
    revision = services.submit(offer, user)
    with pytest.raises(services.OfferError):
        services.return_revision(revision, staff, "  ")
    services.return_revision(revision, staff, "请写明折扣")
    assert services.offer_state(offer) == "returned"
    assert services.open_revision(offer).comment == "请写明折扣"
    services.save_draft(offer, user, {"benefit": "九折"})
    assert services.offer_state(offer) == "draft"
    assert services.submit(offer, user).data["benefit"] == "九折"


def test_submit_refuses_invalid_terms(unit):
    _community, partner, user, _staff = unit
    offer = services.create_offer(partner, user, terms(schedule="weekdays", weekdays=[]))
    with pytest.raises(services.OfferError) as error:
        services.submit(offer, user)
    assert "weekdays" in error.value.errors
    assert services.offer_state(offer) == "draft"


def test_approving_twice_is_refused(unit):
    _community, partner, user, staff = unit
    offer = services.create_offer(partner, user, terms())
    revision = services.submit(offer, user)
    services.approve(revision, staff)
    with pytest.raises(services.IllegalTransition):
        services.approve(revision, staff)


def test_pause_is_immediate_resume_needs_review(unit):
    community, partner, user, staff = unit
    offer = make_offer(partner)
    services.pause(offer, user)
    assert checklist.live_offers(community) == []
    revision = services.request_resume(offer, user)
    assert offer.paused and checklist.live_offers(community) == []
    assert revision in services.pending_revisions(community)
    services.approve(revision, staff)
    assert not offer.paused and checklist.live_offers(community) == [offer]


def test_bulk_approve_only_touches_own_community(unit):
    community, partner, user, staff = unit
    other = make_partner(make_community())
    mine = [services.submit(services.create_offer(partner, user, terms()), user) for _ in range(2)]
    theirs = services.submit(services.create_offer(other, None, terms()), None)
    count, changed = services.approve_many(community, {r.id: r.version for r in [*mine, theirs]}, staff)
    assert count == 2 and changed == []
    assert theirs.status == "pending"


def test_history_records_who_did_what(unit):
    _community, partner, user, staff = unit
    offer = make_offer(partner)
    services.pause(offer, user)
    actions = [(e.action, e.actor) for e in services.history(offer)]
    assert actions[0] == ("offer.paused", user)
    assert ("offer.created", None) in actions
    assert any(a == "offer.approved" for a, _ in actions)


def test_live_offers_filters_validity_and_who(unit):
    community, partner, _user, _staff = unit
    elders = make_offer(partner, eligibility=["over_age"], min_age=80)
    expired = make_offer(partner, valid_to=(date.today() - timedelta(days=2)).isoformat())
    everyone = make_offer(partner)
    assert set(checklist.live_offers(community)) == {elders, everyone}
    assert expired not in checklist.live_offers(community)
    assert set(checklist.live_offers(community, who="over_80")) == {elders, everyone}
    assert checklist.live_offers(community, who="disabled") == [everyone]


def test_visit_flag_after_six_months(unit):
    community, partner, _user, staff = unit
    assert services.needs_visit(partner)
    services.record_visit(partner, staff, "店长在", when=utcnow() - timedelta(days=200))
    assert services.needs_visit(partner)
    services.record_visit(partner, staff, "再次走访")
    assert not services.needs_visit(partner)
    assert len(partner.visits) == 2
    assert AuditEvent.query.filter_by(action="partner.visited").count() == 2


def test_print_record_and_changes(unit):
    community, partner, user, staff = unit
    offer = make_offer(partner, title="免费午餐")
    changes = checklist.print_changes(community)
    assert changes["last"] is None and len(changes["added"]) == 1
    snapshot = checklist.checklist_snapshot(checklist.live_offers(community))
    checklist.record_print(community, staff, snapshot)
    assert checklist.last_printed_on(offer) is not None
    assert checklist.print_changes(community)["added"] == []
    services.save_draft(offer, user, {"title": "免费午餐和晚餐"})
    services.approve(services.submit(offer, user), staff)
    changes = checklist.print_changes(community)
    assert len(changes["changed"]) == 1 and "免费午餐和晚餐" in changes["changed"][0][1]
    fresh = make_offer(partner)
    assert checklist.last_printed_on(fresh) is None


def test_returned_resume_request_lets_the_partner_ask_again(unit):
    community, partner, user, staff = unit
    offer = make_offer(partner)
    services.pause(offer, user)
    services.return_revision(services.request_resume(offer, user), staff, "门店还在装修")
    assert services.offer_state(offer) == "paused" and services.open_revision(offer) is None
    assert services.can_request_resume(offer)
    assert services.refused_resume(offer).comment == "门店还在装修"
    again = services.request_resume(offer, user)
    assert services.offer_state(offer) == "pending" and services.refused_resume(offer) is None
    with pytest.raises(services.IllegalTransition):
        services.request_resume(offer, user)  # one request at a time
    services.approve(again, staff)
    assert services.offer_state(offer) == "published" and checklist.live_offers(community) == [offer]


def test_edit_after_returned_resume_then_resume(unit):
    community, partner, user, staff = unit
    offer = make_offer(partner, title="免费午餐")
    services.pause(offer, user)
    services.return_revision(services.request_resume(offer, user), staff, "请先更新内容")
    services.save_draft(offer, user, {"title": "免费午餐和晚餐"})
    assert services.offer_state(offer) == "draft" and not services.can_request_resume(offer)
    with pytest.raises(services.IllegalTransition):
        services.request_resume(offer, user)  # the draft must be reviewed first
    services.approve(services.submit(offer, user), staff)
    assert services.offer_state(offer) == "paused" and offer.published["title"] == "免费午餐和晚餐"
    services.approve(services.request_resume(offer, user), staff)
    assert services.offer_state(offer) == "published" and checklist.live_offers(community) == [offer]


def test_edit_replacing_a_pending_resume_request(unit):
    _community, partner, user, staff = unit
    offer = make_offer(partner)
    services.pause(offer, user)
    resume = services.request_resume(offer, user)
    services.save_draft(offer, user, {"benefit": "九折"})
    assert resume.status == "returned" and services.offer_state(offer) == "draft"
    assert services.refused_resume(offer) is None  # replaced by the partner, not refused by staff
    services.approve(services.submit(offer, user), staff)
    assert services.offer_state(offer) == "paused" and services.can_request_resume(offer)


def test_resume_allowed_beside_a_returned_edit(unit):
    _community, partner, user, staff = unit
    offer = make_offer(partner)
    services.save_draft(offer, user, {"benefit": "九折"})
    edit = services.submit(offer, user)
    services.return_revision(edit, staff, "写清楚")
    services.pause(offer, user)
    services.approve(services.request_resume(offer, user), staff)
    assert not offer.paused and services.offer_state(offer) == "returned"
    assert services.open_revision(offer) is edit  # the returned edit still waits for its fix


def test_approve_refuses_a_revision_changed_since_staff_saw_it(unit):
    _community, partner, user, staff = unit
    offer = make_offer(partner, title="免费午餐")
    services.save_draft(offer, user, {"title": "免费午餐和晚餐"})
    revision = services.submit(offer, user)
    seen = revision.version
    services.save_draft(offer, user, {"title": "收费午餐"})  # same row, edited while pending
    assert services.submit(offer, user).id == revision.id and revision.version != seen
    with pytest.raises(services.RevisionChanged):
        services.approve(revision, staff, seen)
    assert revision.status == "pending" and offer.published["title"] == "免费午餐"
    services.approve(revision, staff, revision.version)
    assert offer.published["title"] == "收费午餐"


def test_bulk_approve_skips_changed_revisions(unit):
    community, partner, user, staff = unit
    same = services.submit(services.create_offer(partner, user, terms(title="甲")), user)
    edited_offer = services.create_offer(partner, user, terms(title="乙"))
    edited = services.submit(edited_offer, user)
    seen = {same.id: same.version, edited.id: edited.version}
    services.save_draft(edited_offer, user, {"title": "乙改"})
    services.submit(edited_offer, user)
    count, changed = services.approve_many(community, seen, staff)
    assert count == 1 and changed == [edited]
    assert same.status == "published" and edited.status == "pending"
    assert edited_offer.published is None


def test_create_partner_refuses_a_personal_mobile_as_public_number(unit):
    community, _partner, user, staff = unit
    with pytest.raises(services.OfferError) as error:
        services.create_partner(community, staff, name="新单位", phone=user.mobile)
    assert error.value.errors == {"phone": "personal"}
    unit_ = services.create_partner(community, staff, name="新单位", phone="0317-5550002",
                               contact_phone=user.mobile)
    assert unit_.contact_phone == user.mobile


def test_saving_the_same_terms_keeps_a_revision_under_review(unit):
    _community, partner, user, _staff = unit
    offer = make_offer(partner, title="免费午餐")
    services.save_draft(offer, user, {"title": "免费午餐和晚餐"})
    revision = services.submit(offer, user)
    services.save_draft(offer, user, {"title": "免费午餐和晚餐"})  # a late autosave of the same form
    assert revision.status == "pending" and services.offer_state(offer) == "pending"
    services.save_draft(offer, user, {"title": "免费晚餐"})  # a real change goes back to draft
    assert revision.status == "draft"
