"""The reporter's follow link: the issue id and link version signed with SECRET_KEY.

A link works while the issue is being handled and for FOLLOW_DAYS after it is finished
(the reporter reads the outcome, then the link ends); staff can revoke it at any time,
which raises the issue's follow_version and gives the reporter a new link.
"""
from datetime import timedelta

from blueprints.core.signing import sign, unsign
from models import Issue
from models.base import utcnow

SALT = "issue-follow"
FOLLOW_DAYS = timedelta(days=90)
FINISHED = ("closed", "rejected", "duplicate")


def follow_token(issue_id: int, version: int = 1) -> str:
    """A token that only this server can make for this issue and link version."""
    return sign({"issue": issue_id, "v": version}, SALT)


def link_of(issue: Issue) -> str:
    """The issue's current follow token."""
    return follow_token(issue.id, issue.follow_version)


def _read(token: str | None) -> tuple[int, int] | None:
    data = unsign(token, SALT)
    if not isinstance(data, dict) or not isinstance(data.get("issue"), int):
        return None
    version = data.get("v", 1)  # links made before versions existed are version 1
    return (data["issue"], version) if isinstance(version, int) else None


def issue_id_from(token: str | None) -> int | None:
    """The issue id in a genuine token, None for a tampered or foreign one."""
    read = _read(token)
    return read[0] if read else None


def expired(issue: Issue, now=None) -> bool:
    """True once the issue has been finished for longer than FOLLOW_DAYS."""
    if issue.status not in FINISHED:
        return False
    finished = issue.closed_at or issue.updated_at
    return finished is not None and (now or utcnow()) - finished > FOLLOW_DAYS


def follows(issue: Issue, token: str | None) -> bool:
    """True for the issue's current, unexpired follow token."""
    return _read(token) == (issue.id, issue.follow_version) and not expired(issue)
