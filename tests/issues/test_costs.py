"""Deliberation, quotes, the split and the ledger; figures and the median time to resolve."""
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from blueprints.core import clock
from blueprints.core.money import yuan
from blueprints.issues import costs, figures, ledger
from extensions import db
from models import Issue
from tests.factories import (
    make_building,
    make_community,
    make_compound,
    make_household,
    make_user,
)
from tests.issues.factories import make_issue


def _setup(households=7, total=100000):
    community = make_community()
    compound = make_compound(community)
    issue = make_issue(community, compound, category="sewage")
    staff = make_user("staff", [community])
    homes = [make_household(compound) for _ in range(households)]
    quote = costs.add_quote(issue, "老王施工队", total, "", staff)
    costs.choose_quote(issue, quote.id, "", staff)
    return issue, staff, homes


@pytest.mark.parametrize("total,count", [(100000, 7), (1, 3), (99999, 13), (700, 7), (5, 1)])
def test_equal_split_sums_exactly(total, count):
    parts = costs.equal_split(total, count)
    assert sum(parts) == total and len(parts) == count
    assert max(parts) - min(parts) <= 1


def test_thousand_yuan_over_seven_households(app):
    issue, staff, homes = _setup()
    shares = costs.split_equally(issue, None, staff)
    assert sorted(s.amount_fen for s in shares) == [14285] * 2 + [14286] * 5
    assert sum(s.amount_fen for s in shares) == 100000


def test_split_among_chosen_buildings_only(app):
    community = make_community()
    compound = make_compound(community)
    b1, b2 = make_building(compound), make_building(compound)
    in_b1 = [make_household(compound, building_id=b1.id) for _ in range(3)]
    make_household(compound, building_id=b2.id)
    issue = make_issue(community, compound)
    staff = make_user("staff", [community])
    costs.choose_quote(issue, costs.add_quote(issue, "甲", 1000, "", staff).id, "", staff)
    shares = costs.split_equally(issue, [b1.id], staff)
    assert {s.household_id for s in shares} == {h.id for h in in_b1}
    assert [s.amount_fen for s in shares] == [334, 333, 333]


def test_custom_split_must_sum_to_the_total(app):
    issue, staff, homes = _setup(households=2, total=1000)
    with pytest.raises(costs.CostError) as error:
        costs.split_custom(issue, {homes[0].id: 600, homes[1].id: 300}, staff)
    assert error.value.code == "sum"
    shares = costs.split_custom(issue, {homes[0].id: 700, homes[1].id: 300}, staff)
    assert sum(s.amount_fen for s in shares) == 1000


def test_custom_split_refuses_households_of_another_compound(app):
    issue, staff, homes = _setup(households=1, total=1000)
    stranger = make_household(make_compound(make_community()))
    with pytest.raises(costs.CostError):
        costs.split_custom(issue, {stranger.id: 1000}, staff)


def test_lowest_quote_is_free_another_needs_a_reason(app):
    community = make_community()
    issue = make_issue(community)
    staff = make_user("staff", [community])
    cheap = costs.add_quote(issue, "便宜队", 80000, "", staff)
    dear = costs.add_quote(issue, "贵队", 120000, "", staff)
    assert costs.lowest_quote(issue).id == cheap.id
    with pytest.raises(costs.CostError) as error:
        costs.choose_quote(issue, dear.id, "  ", staff)
    assert error.value.field == "reason"
    costs.choose_quote(issue, cheap.id, "", staff)
    assert costs.chosen_quote(issue).id == cheap.id
    costs.choose_quote(issue, dear.id, "便宜队工期要一个月", staff)
    chosen = costs.chosen_quote(issue)
    assert chosen.id == dear.id and chosen.choice_reason == "便宜队工期要一个月"
    assert not db.session.get(type(cheap), cheap.id).chosen


def test_split_needs_a_chosen_quote(app):
    community = make_community()
    issue = make_issue(community)
    with pytest.raises(costs.CostError) as error:
        costs.split_equally(issue, None, make_user("staff", [community]))
    assert error.value.code == "no_quote"


def test_payments_collect_and_lock_the_split(app):
    issue, staff, homes = _setup(households=2, total=1001)
    shares = costs.split_equally(issue, None, staff)
    with pytest.raises(costs.CostError):
        ledger.record_payment(issue, shares[0].id, 502, date(2026, 11, 2), "户主", "楼长", staff)
    ledger.record_payment(issue, shares[0].id, 501, date(2026, 11, 2), "户主", "楼长", staff)
    summary = costs.cost_summary(issue)
    assert (summary.total_fen, summary.collected_fen, summary.outstanding_fen) == (1001, 501, 500)
    assert (summary.households, summary.paid_households) == (2, 1)
    with pytest.raises(costs.CostError) as error:
        costs.split_equally(issue, None, staff)
    assert error.value.code == "locked"


def test_yuan_formatting():
    assert yuan(100000) == "1,000.00"
    assert yuan(14285) == "142.85"
    assert yuan(5) == "0.05"


def _resolved(community, compound, category, hours):
    issue = make_issue(community, compound, category=category)
    db.session.execute(db.update(Issue).where(Issue.id == issue.id).values(
        status="resolved", resolved_at=issue.created_at + timedelta(hours=hours)))
    db.session.commit()
    return issue


def test_median_time_and_share_within_target(app):
    community = make_community()
    compound = make_compound(community)
    for hours in (2, 10, 30, 50):  # road target 48 h
        _resolved(community, compound, "road", hours)
    make_issue(community, compound, category="road")
    rows = figures.figures(community, "category")
    road = next(r for r in rows if r["key"] == "road")
    assert road["open"] == 1 and road["resolved"] == 4
    assert road["median_hours"] == pytest.approx(20)
    assert road["within_target"] == pytest.approx(0.75)
    by_compound = figures.figures(community, "compound")
    assert by_compound[0]["label"] == compound.name and by_compound[0]["resolved"] == 4


def test_summarize_without_resolved_issues():
    assert figures.summarize([])["median_hours"] is None


def test_month_bounds_are_shanghai_months():
    start, end = figures.month_bounds("2026-12")
    assert (start.month, end.year, end.month) == (12, 2027, 1)
    assert start.utcoffset() == timedelta(hours=8)


def test_month_bounds_follow_shanghai_midnight(app):
    from datetime import datetime, timezone

    community = make_community()
    compound = make_compound(community)
    october_night = make_issue(community, compound, what="十月最后一晚")
    november_dawn = make_issue(community, compound, what="十一月第一个凌晨")
    utc = timezone.utc
    for issue, at in ((october_night, datetime(2026, 10, 31, 15, 59, tzinfo=utc)),   # 23:59 Shanghai
                      (november_dawn, datetime(2026, 10, 31, 16, 0, tzinfo=utc))):   # 00:00 Shanghai
        db.session.execute(db.update(Issue).where(Issue.id == issue.id).values(
            created_at=at, status="resolved", resolved_at=at))
    db.session.commit()
    october, november = figures.monthly_report(community, "2026-10"), figures.monthly_report(community, "2026-11")
    assert [i.what for i in october["resolved"]] == ["十月最后一晚"] and october["reported"] == 1
    assert [i.what for i in november["resolved"]] == ["十一月第一个凌晨"] and november["reported"] == 1


def test_monthly_report_lists_the_months_resolved(app):
    community = make_community()
    compound = make_compound(community)
    done = _resolved(community, compound, "road", 3)
    month = figures.month_of(done.resolved_at.astimezone(clock.ZONE).date())
    report = figures.monthly_report(community, month)
    assert [i.id for i in report["resolved"]] == [done.id]
    assert report["reported"] == 1
    assert report["stats"]["median_hours"] == pytest.approx(3)
    assert db.session.scalars(select(Issue)).all()


# ---- review item 11: quotes after a choice, the ledger lock, reversals, re-choosing ----

def test_a_new_quote_undoes_the_choice_and_the_split_until_money_is_collected(app):
    issue, staff, homes = _setup(households=2, total=1000)
    costs.split_equally(issue, None, staff)
    cheaper = costs.add_quote(issue, "更便宜队", 800, "", staff)
    assert costs.chosen_quote(issue) is None and costs.shares_of(issue) == []
    # The dearer one now needs a reason, as the rule says.
    dear = next(q for q in costs.quotes_of(issue) if q.id != cheaper.id)
    with pytest.raises(costs.CostError) as error:
        costs.choose_quote(issue, dear.id, "", staff)
    assert error.value.field == "reason"
    db.session.rollback()
    costs.choose_quote(issue, cheaper.id, "", staff)
    shares = costs.split_equally(issue, None, staff)
    ledger.record_payment(issue, shares[0].id, 400, date(2026, 11, 2), "", "楼长", staff)
    with pytest.raises(costs.CostError) as error:
        costs.add_quote(issue, "又一家", 500, "", staff)
    assert error.value.code == "locked"


def test_choosing_the_chosen_quote_again_keeps_the_split(app):
    issue, staff, homes = _setup(households=3, total=900)
    costs.split_equally(issue, None, staff)
    quote = costs.chosen_quote(issue)
    costs.choose_quote(issue, quote.id, "", staff)
    assert [s.amount_fen for s in costs.shares_of(issue)] == [300, 300, 300]


def test_payment_reads_what_was_paid_from_the_database_not_a_stale_copy(app):
    from sqlalchemy.orm.attributes import set_committed_value

    from models import CostShare, Payment

    issue, staff, homes = _setup(households=1, total=1000)
    share = costs.split_equally(issue, None, staff)[0]
    # 600 recorded meanwhile (committed, as by another request) ...
    db.session.execute(db.insert(Payment).values(share_id=share.id, amount_fen=600, paid_on=date(2026, 11, 2),
                                                 payer_name="", collected_by="楼长", note=""))
    db.session.commit()
    # ... while this session still holds a payments list loaded before it.
    set_committed_value(share, "payments", [])
    assert share.paid_fen == 0
    with pytest.raises(costs.CostError) as error:
        ledger.record_payment(issue, share.id, 500, date(2026, 11, 2), "", "楼长", staff)
    assert error.value.code == "too_much"
    ledger.record_payment(issue, share.id, 400, date(2026, 11, 2), "", "楼长", staff)
    db.session.expire_all()
    assert db.session.get(CostShare, share.id).paid_fen == 1000


def test_payment_locks_the_share_row_on_postgresql(app):
    from sqlalchemy import event

    issue, staff, homes = _setup(households=1, total=1000)
    share = costs.split_equally(issue, None, staff)[0]
    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        ledger.record_payment(issue, share.id, 100, date(2026, 11, 2), "", "楼长", staff)
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    locked = [s for s in statements if "FROM cost_shares" in s and "FOR UPDATE" in s]
    assert locked if db.engine.dialect.name == "postgresql" else not locked


def test_a_wrong_payment_is_reversed_not_deleted(app):
    from models import AuditEvent, Payment

    issue, staff, homes = _setup(households=2, total=1000)
    share = costs.split_equally(issue, None, staff)[0]
    wrong = ledger.record_payment(issue, share.id, 500, date(2026, 11, 2), "", "楼长", staff)
    with pytest.raises(costs.CostError):
        ledger.reverse_payment(issue, wrong.id, "  ", date(2026, 11, 3), staff)
    db.session.rollback()
    reversal = ledger.reverse_payment(issue, wrong.id, "记到了隔壁户", date(2026, 11, 3), staff)
    assert (reversal.amount_fen, reversal.reverses_id, reversal.note) == (-500, wrong.id, "记到了隔壁户")
    assert db.session.get(Payment, wrong.id) is not None
    assert costs.cost_summary(issue).collected_fen == 0
    with pytest.raises(costs.CostError) as error:
        ledger.reverse_payment(issue, wrong.id, "再冲一次", date(2026, 11, 3), staff)
    assert error.value.code == "reversed"
    db.session.rollback()
    with pytest.raises(costs.CostError):
        ledger.reverse_payment(issue, reversal.id, "冲销冲销", date(2026, 11, 3), staff)
    db.session.rollback()
    audit = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "issue.payment_reversed"))
    assert audit.detail == {"payment": wrong.id, "amount_fen": 500, "reason": "记到了隔壁户"}
    assert issue.events[-1].kind == "payment_reversed" and issue.events[-1].amount_fen == 500
    # Nothing collected any more: the split may be redone.
    costs.split_equally(issue, None, staff)


def test_custom_split_from_typed_amounts(app):
    issue, staff, homes = _setup(households=2, total=1000)
    typed = {f"share-{homes[0].id}": "6", f"share-{homes[1].id}": ""}
    with pytest.raises(costs.CostError) as error:
        costs.split(issue, "custom", None, typed, staff)
    assert error.value.code == "sum"
    with pytest.raises(costs.CostError):
        costs.split(issue, "custom", None, {f"share-{homes[0].id}": "ten"}, staff)
    shares = costs.split(issue, "custom", None, {f"share-{homes[0].id}": "10"}, staff)
    assert [(s.household_id, s.amount_fen) for s in shares] == [(homes[0].id, 1000)]
