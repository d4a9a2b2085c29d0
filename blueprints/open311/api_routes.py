"""The GeoReport v2 endpoints, JSON only, rate limited; errors in GeoReport's own shape."""
from flask import current_app, jsonify, request
from werkzeug.exceptions import HTTPException

from blueprints.open311 import bp, georeport
from blueprints.open311 import requests as service_requests
from blueprints.open311.georeport import GeoReportError
from extensions import csrf, limiter

API = "/open311/v2"


def api_limit() -> str:
    """The Open311 rate limit, from the settings."""
    return current_app.config["OPEN311_RATE_LIMIT"]


@bp.errorhandler(GeoReportError)
def georeport_error(error: GeoReportError):
    """A refused request: [{"code": …, "description": …}] with its status."""
    return jsonify(error.body()), error.status


@bp.errorhandler(HTTPException)
def http_error(error: HTTPException):
    """404, 413, 429 … raised inside the API's views, as GeoReport errors."""
    return jsonify([{"code": error.code, "description": error.description or error.name}]), error.code


@bp.get(f"{API}/services.json")
@limiter.limit(api_limit)
def services():
    """Every issue category as a GeoReport service."""
    service_requests.jurisdiction(request.args.get("jurisdiction_id"))
    return jsonify(georeport.services())


@bp.get(f"{API}/requests.json")
@limiter.limit(api_limit)
def list_requests():
    """Public issues, newest first, one bounded page, filtered as GeoReport says."""
    filters = service_requests.read_filters(request.args)
    issues = service_requests.list_requests(filters)
    return jsonify([georeport.service_request(issue) for issue in issues])


@bp.get(f"{API}/requests/<int:issue_id>.json")
@limiter.limit(api_limit)
def show_request(issue_id: int):
    """One public issue (or one the caller's key filed) as a one-item list, as the spec has it."""
    issue = service_requests.get_request(issue_id, request.args.get("api_key"))
    if issue is None:
        raise GeoReportError(404, "service_request_id not found")
    return jsonify([georeport.service_request(issue)])


def _fields() -> dict[str, str]:
    """The POST's fields as text, from a form (as the spec has it) or a JSON object."""
    if not request.is_json:
        return request.form.to_dict()
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise GeoReportError(400, "the body must be a form or a JSON object")
    return {str(k): str(v) for k, v in body.items() if v is not None}


@bp.post(f"{API}/requests.json")
@limiter.limit(api_limit)
@csrf.exempt  # a machine client with an API key, not a browser session: nothing to forge
def create_request():
    """File an issue for another system; it lands on the board with channel open311."""
    key, report = service_requests.check_request(_fields())
    issue = service_requests.file_request(key, report)
    return jsonify([{"service_request_id": str(issue.id), "service_notice": "",
                     "account_id": None}]), 201
