"""The issue status workflow: which move is allowed from where, and what it needs."""
from flask_babel import lazy_gettext as _l

# from-status -> {to-status: action label}; anything else raises IllegalTransition.
TRANSITIONS: dict[str, dict[str, str]] = {
    "new": {"accepted": _l("受理"), "rejected": _l("不予受理"), "duplicate": _l("标为重复")},
    "accepted": {"assigned": _l("派单"), "rejected": _l("不予受理"), "duplicate": _l("标为重复")},
    "assigned": {"in_progress": _l("开始处理"), "assigned": _l("改派"), "resolved": _l("已解决"),
                 "duplicate": _l("标为重复")},
    "in_progress": {"resolved": _l("已解决"), "assigned": _l("改派"), "duplicate": _l("标为重复")},
    # "not fixed" from the reporter (or staff) reopens a resolved issue.
    "resolved": {"closed": _l("关闭"), "in_progress": _l("重新处理")},
    "closed": {},
    "rejected": {},
    "duplicate": {},
}

# Moves that need a written reason; 重复 also needs the issue it duplicates.
NEEDS_REASON = {"rejected", "duplicate"}
NEEDS_ASSIGNEE = {"assigned"}


class IllegalTransition(ValueError):
    """The issue cannot move from its status to the one asked for."""

    def __init__(self, from_status: str, to_status: str):
        super().__init__(f"{from_status} -> {to_status}")
        self.from_status = from_status
        self.to_status = to_status


class MissingDetail(ValueError):
    """A move lacks what it needs: `field` is reason, assignee or merged_into."""

    def __init__(self, field: str):
        super().__init__(field)
        self.field = field


class NotAllowed(PermissionError):
    """The move (or the public flag) is for community staff, not for this grid worker."""


def may_move(user, issue, to_status: str, assignee=None) -> bool:
    """Grid workers accept, assign to themselves, start and resolve their own issues; refusing,
    merging, closing and assigning to someone else are for staff."""
    if user is None or user.role != "grid_worker":
        return True
    if to_status == "accepted":
        return True
    if to_status == "assigned":
        return assignee is None or assignee.id == user.id
    if to_status in ("in_progress", "resolved"):
        return issue.assignee_id == user.id
    return False


def moves_for(user, issue) -> dict[str, str]:
    """The moves this user may make on this issue, with their button labels."""
    return {to: label for to, label in allowed_moves(issue.status).items()
            if may_move(user, issue, to)}


def allowed_moves(status: str) -> dict[str, str]:
    """The statuses reachable from `status`, with their button labels."""
    return TRANSITIONS.get(status, {})


def check_move(from_status: str, to_status: str) -> None:
    """Raise IllegalTransition unless the table allows the move."""
    if to_status not in allowed_moves(from_status):
        raise IllegalTransition(from_status, to_status)
