"""The reporter's follow link: the issue id signed with SECRET_KEY, no password."""
from blueprints.core.signing import sign, unsign

SALT = "issue-follow"


def follow_token(issue_id: int) -> str:
    """A token that only this server can make for this issue."""
    return sign({"issue": issue_id}, SALT)


def issue_id_from(token: str) -> int | None:
    """The issue id in a genuine token, None for a tampered or foreign one."""
    data = unsign(token, SALT)
    return data.get("issue") if isinstance(data, dict) else None
