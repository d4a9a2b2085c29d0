"""The issue a URL names, as each audience may see it; the public forms' rate limit."""
from flask import abort, current_app, g

from blueprints.issues import services, tokens
from models import Issue


def public_limit() -> str:
    """The rate limit of the public forms (report, 我也遇到, comments), from the settings."""
    return current_app.config["PUBLIC_FORM_RATE_LIMIT"]


def public_issue_or_404(issue_id: int) -> Issue:
    """An issue of this community shown on the public board, else 404."""
    issue = services.get_issue(g.community, issue_id)
    if issue is None or not issue.public:
        abort(404)
    return issue


def followed_issue_or_404(issue_id: int, token: str) -> Issue:
    """The issue named by its current follow token: 410 once expired, else 404."""
    issue = services.get_issue(g.community, issue_id)
    if issue is None or tokens.issue_id_from(token) != issue.id:
        abort(404)
    if tokens.expired(issue):
        abort(410)
    if not tokens.follows(issue, token):
        abort(404)  # revoked by staff: a newer link exists
    return issue


def staff_issue_or_404(issue_id: int) -> Issue:
    """Any issue of this community, for the console; another community's is a 404."""
    issue = services.get_issue(g.community, issue_id)
    if issue is None:
        abort(404)
    return issue
