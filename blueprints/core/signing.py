"""Values signed with SECRET_KEY for links without passwords (/me, follow links, QR codes).

Each use has its own salt, so a token made for one purpose never works for another.
"""
from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer


def sign(value, salt: str) -> str:
    """A URL-safe token carrying `value` that only this server can make."""
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=salt).dumps(value)


def unsign(token: str | None, salt: str):
    """The value in a genuine token of this salt, None for a tampered or foreign one."""
    if not token:
        return None
    try:
        return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=salt).loads(token)
    except BadSignature:
        return None
