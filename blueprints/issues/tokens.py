"""The reporter's follow link: the issue id signed with SECRET_KEY, no password."""
from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

SALT = "issue-follow"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def follow_token(issue_id: int) -> str:
    """A token that only this server can make for this issue."""
    return _serializer().dumps({"issue": issue_id})


def issue_id_from(token: str) -> int | None:
    """The issue id in a genuine token, None for a tampered or foreign one."""
    try:
        data = _serializer().loads(token)
    except BadSignature:
        return None
    return data.get("issue") if isinstance(data, dict) else None
