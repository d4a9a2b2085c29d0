"""The one guard for every `next` address: a path on this site, or the fallback."""
from urllib.parse import urlsplit

from flask import request


def local_target(target: str | None, fallback: str) -> str:
    """`target` when it names a page of this site, else `fallback` (no open redirect).

    Accepted: a path ("/c/liujin/?x=1"), or a full URL of this very host (a Referer),
    reduced to its path. Refused: other hosts, scheme tricks ("https:////evil",
    "javascript:"), protocol-relative "//evil" and "/\\evil" (browsers read "\\" as "/"),
    and anything with whitespace or control characters, which browsers drop before
    resolving ("/\\t/evil" becomes "//evil").
    """
    if not target or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in target):
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        if parts.scheme not in ("http", "https") or parts.netloc != request.host:
            return fallback
    path = parts.path
    if not path.startswith("/") or path.startswith(("//", "/\\")) or "\\" in path:
        return fallback
    return path + (f"?{parts.query}" if parts.query else "")
