"""Issue services without HTTP: workflow, intake, 我也遇到, box openings, board, tokens."""
from datetime import date, timedelta
from io import BytesIO

import pytest
from sqlalchemy import func, select

from blueprints.core.uploads import ImageRejected
from blueprints.issues import board, boxes, services, tokens
from blueprints.issues.workflow import TRANSITIONS, IllegalTransition, MissingDetail
from extensions import db
from models import AuditEvent, BoxOpening, Issue, IssuePhoto, StoredBlob
from models.base import utcnow
from models.issues import STATUSES
from storage import get_storage
from tests.factories import make_community, make_compound, make_grid, make_user
from tests.issues.factories import make_issue, png_bytes


def _details(issue, to_status, community):
    """Whatever a move needs, so that every allowed move can be made."""
    extra = {}
    if to_status == "assigned":
        extra["assignee"] = make_user("grid_worker", [community])
    if to_status == "duplicate":
        extra["merged_into"] = make_issue(community, issue.compound)
    return extra


ALLOWED = [(a, b) for a, moves in TRANSITIONS.items() for b in moves]
ILLEGAL = [(a, b) for a in STATUSES for b in STATUSES if b not in TRANSITIONS[a]]


@pytest.mark.parametrize("from_status,to_status", ALLOWED)
def test_every_allowed_transition_moves_and_appends_to_the_timeline(app, from_status, to_status):
    community = make_community()
    issue = make_issue(community, status=from_status)
    staff = make_user("staff", [community])
    before = len(issue.events)
    services.change_status(issue, to_status, staff, note="理由", **_details(issue, to_status, community))
    assert issue.status == to_status
    assert len(issue.events) == before + 1
    event = issue.events[-1]
    assert (event.from_status, event.to_status, event.actor_id) == (from_status, to_status, staff.id)
    audit = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "issue.status"))
    expected = {"from_status": from_status, "to_status": to_status}
    if to_status == "assigned":
        expected["assignee_id"] = event.assignee_id
        assert event.assignee_id is not None
    assert audit.detail == expected


@pytest.mark.parametrize("from_status,to_status", ILLEGAL)
def test_illegal_transitions_are_refused_and_leave_no_trace(app, from_status, to_status):
    community = make_community()
    issue = make_issue(community, status=from_status)
    staff = make_user("staff", [community])
    with pytest.raises(IllegalTransition):
        services.change_status(issue, to_status, staff, note="理由",
                               **_details(issue, to_status, community))
    db.session.rollback()
    assert db.session.get(Issue, issue.id).status == from_status
    assert len(db.session.get(Issue, issue.id).events) == 1


@pytest.mark.parametrize("to_status", ["rejected", "duplicate"])
def test_rejecting_and_merging_need_a_reason(app, to_status):
    community = make_community()
    issue = make_issue(community)
    details = _details(issue, to_status, community)
    with pytest.raises(MissingDetail) as error:
        services.change_status(issue, to_status, make_user("staff", [community]), note="  ", **details)
    assert error.value.field == "reason"
    db.session.rollback()
    assert db.session.get(Issue, issue.id).status == "new"


def test_duplicate_needs_another_issue_of_the_same_community(app):
    community = make_community()
    issue = make_issue(community)
    elsewhere = make_issue()
    staff = make_user("staff", [community])
    for target in (None, issue, elsewhere):
        with pytest.raises(MissingDetail) as error:
            services.change_status(issue, "duplicate", staff, note="同一件事", merged_into=target)
        assert error.value.field == "merged_into"
    original = make_issue(community, issue.compound)
    services.change_status(issue, "duplicate", staff, note="同一件事", merged_into=original)
    assert issue.merged_into_id == original.id and issue.reason == "同一件事"


def test_assignee_must_work_in_the_community(app):
    community = make_community()
    issue = make_issue(community, status="accepted")
    stranger = make_user("grid_worker", [make_community()])
    partner = make_user("partner", [community])
    for assignee in (None, stranger, partner):
        with pytest.raises(MissingDetail):
            services.change_status(issue, "assigned", make_user("staff", [community]), assignee=assignee)


def test_resolve_stamps_time_and_reopen_clears_it(app):
    community = make_community()
    issue = make_issue(community, status="in_progress")
    staff = make_user("staff", [community])
    services.change_status(issue, "resolved", staff)
    assert issue.resolved_at is not None
    services.reporter_verdict(issue, fixed=False, note="还在漏水")
    assert issue.status == "in_progress" and issue.resolved_at is None
    assert issue.events[-1].by_reporter and issue.events[-1].note == "还在漏水"


def test_reporter_not_fixed_needs_a_comment_and_fixed_closes(app):
    issue = make_issue(status="resolved")
    with pytest.raises(MissingDetail):
        services.reporter_verdict(issue, fixed=False, note="")
    services.reporter_verdict(issue, fixed=True)
    assert issue.status == "closed" and issue.closed_at is not None
    with pytest.raises(IllegalTransition):
        services.reporter_verdict(issue, fixed=True)


def test_empty_report_is_refused(app):
    community = make_community()
    compound = make_compound(community)
    with pytest.raises(services.EmptyReport):
        services.report_issue(community, services.Report(compound.id, "road", "   "))


def test_compound_of_another_community_is_refused(app):
    community = make_community()
    foreign = make_compound(make_community())
    with pytest.raises(LookupError):
        services.report_issue(community, services.Report(foreign.id, "road", "坑"))


def test_anonymous_report_keeps_no_name_or_number(app):
    community = make_community()
    compound = make_compound(community)
    report = services.Report(compound.id, "road", "坑", reporter_name="李", reporter_mobile="13900001111",
                             anonymous=True)
    issue = services.report_issue(community, report)
    assert (issue.reporter_name, issue.reporter_mobile) == ("", "")


def test_photos_are_stored_and_a_bad_one_leaves_nothing(app):
    community = make_community()
    compound = make_compound(community)
    good = services.Report(compound.id, "road", "坑", photos=[BytesIO(png_bytes()), BytesIO(png_bytes())])
    issue = services.report_issue(community, good)
    assert len(issue.photos) == 2
    assert all(get_storage().exists(f"uploads/issues/{p.file_name}") for p in issue.photos)
    bad = services.Report(compound.id, "road", "坑",
                          photos=[BytesIO(png_bytes()), BytesIO(b"%PDF-1.4 not an image")])
    with pytest.raises(ImageRejected):
        services.report_issue(community, bad)
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(StoredBlob)) == 2
    assert db.session.scalar(select(func.count(IssuePhoto.id))) == 2


def test_me_too_counts_once_per_number(app):
    issue = make_issue(public=True)
    assert services.me_too(issue, "139 1234 0000")
    assert not services.me_too(issue, "13912340000")
    assert services.me_too(issue, "13912340001")
    assert db.session.get(Issue, issue.id).me_too_count == 2


def test_slips_share_one_opening_per_compound_and_day(app):
    community = make_community()
    compound = make_compound(community)
    staff = make_user("staff", [community])
    day = date(2026, 11, 23)
    for text in ("路灯不亮", "楼道堆物"):
        issue = boxes.enter_slip(community, services.Report(compound.id, "other", text), day, staff)
        assert issue.channel == "box"
    opening = db.session.scalar(select(BoxOpening))
    assert (opening.slip_count, opening.opened_by_id, opening.opened_on) == (2, staff.id, day)


def test_box_overview_marks_boxes_not_opened_for_over_a_week(app):
    community = make_community()
    fresh, stale, never = (make_compound(community, position=i) for i in range(3))
    staff = make_user("staff", [community])
    today = date(2026, 11, 28)
    boxes.record_opening(community, fresh.id, today - timedelta(days=7), staff, "老周", 0)
    boxes.record_opening(community, stale.id, today - timedelta(days=8), staff, "老周", 0)
    rows = {row["compound"].id: row["stale"] for row in boxes.box_overview(community, today)}
    assert rows == {fresh.id: False, stale.id: True, never.id: True}


def test_overdue_follows_the_category_target(app):
    issue = make_issue(category="safety")  # 24 h
    assert not services.is_overdue(issue, issue.created_at + timedelta(hours=23))
    assert services.is_overdue(issue, issue.created_at + timedelta(hours=25))
    issue.status = "resolved"
    assert not services.is_overdue(issue, issue.created_at + timedelta(hours=25))


def test_grid_worker_sees_own_queue_first_and_filters_narrow(app):
    community = make_community()
    mine_compound, other_compound = make_compound(community), make_compound(community)
    worker = make_user("grid_worker", [community])
    grid = make_grid(community, compounds=[mine_compound], workers=[worker])
    mine = make_issue(community, mine_compound, status="assigned")
    newer = make_issue(community, other_compound, status="assigned")
    db.session.execute(db.update(Issue).where(Issue.id == mine.id).values(assignee_id=worker.id))
    db.session.commit()
    column = board.board_columns(community, board.BoardFilters(), worker)[2]
    assert [card[0].id for card in column["cards"]] == [mine.id, newer.id]
    # Staff see the column newest first: the worker's own card is not lifted for them.
    staff_view = board.board_columns(community, board.BoardFilters(), make_user("staff", [community]))[2]
    assert [card[0].id for card in staff_view["cards"]] == [newer.id, mine.id]
    by_grid = board.board_columns(community, board.BoardFilters(grid_id=grid.id), worker)[2]
    assert [card[0].id for card in by_grid["cards"]] == [mine.id]


def test_board_overdue_filter(app):
    community = make_community()
    late = make_issue(community, category="safety")
    make_issue(community, category="other")
    db.session.execute(db.update(Issue).where(Issue.id == late.id)
                       .values(created_at=utcnow() - timedelta(days=2)))
    db.session.commit()
    columns = board.board_columns(community, board.BoardFilters(overdue=True), make_user("staff", [community]))
    assert [c[0].id for c in columns[0]["cards"]] == [late.id]


def test_follow_token_round_trip_and_tampering(app):
    with app.test_request_context():
        token = tokens.follow_token(42)
        assert tokens.issue_id_from(token) == 42
        assert tokens.issue_id_from(token[:-2] + "xx") is None
        assert tokens.issue_id_from("garbage") is None


def test_the_transition_table():
    """The whole table, spelled out: a change to it must change this test too."""
    assert {a: set(moves) for a, moves in TRANSITIONS.items()} == {
        "new": {"accepted", "rejected", "duplicate"},
        "accepted": {"assigned", "rejected", "duplicate"},
        "assigned": {"in_progress", "assigned", "resolved", "duplicate"},
        "in_progress": {"resolved", "assigned", "duplicate"},
        "resolved": {"closed", "in_progress"},
        "closed": set(), "rejected": set(), "duplicate": set(),
    }


@pytest.mark.parametrize("from_status", ["assigned", "in_progress"])
def test_an_issue_being_handled_can_still_be_found_to_be_a_duplicate(app, from_status):
    community = make_community()
    issue = make_issue(community, status=from_status)
    original = make_issue(community, issue.compound)
    staff = make_user("staff", [community])
    with pytest.raises(MissingDetail):
        services.change_status(issue, "duplicate", staff, note="", merged_into=original)
    db.session.rollback()
    services.change_status(issue, "duplicate", staff, note="同一个井盖", merged_into=original)
    assert (issue.status, issue.merged_into_id, issue.reason) == ("duplicate", original.id, "同一个井盖")
