"""The output's field names against the GeoReport v2 spec (wiki.open311.org/GeoReport_v2)."""
from blueprints.open311 import georeport
from tests.issues.factories import make_issue

# The spec's fields of GET services.json and of a service request (GET requests.json).
SPEC_SERVICE = {"service_code", "service_name", "description", "metadata", "type", "keywords",
                "group"}
SPEC_REQUEST = {"service_request_id", "status", "status_notes", "service_name", "service_code",
                "description", "agency_responsible", "service_notice", "requested_datetime",
                "updated_datetime", "expected_datetime", "address", "address_id", "zipcode",
                "lat", "long", "media_url"}


def test_services_carry_exactly_the_spec_fields(app):
    for service in georeport.services():
        assert set(service) == SPEC_SERVICE
        assert service["type"] in ("realtime", "batch", "blackbox") and service["metadata"] is False


def test_a_request_carries_exactly_the_spec_fields(app):
    issue = make_issue(public=True, status="rejected")
    issue.reason = "不属于社区职责，请拨打13912345678"
    request = georeport.service_request(issue)
    assert set(request) == SPEC_REQUEST
    assert request["status"] in ("open", "closed")
    # W3C date-times with the zone, as the spec asks.
    assert request["requested_datetime"].endswith("+08:00")
    assert request["status_notes"] == "不予受理：不属于社区职责，请拨打139****5678"


def test_client_request_fields_post(client, app, place, api_key):
    """The POST reads the spec's own field names (api_key, service_code, description,
    address_string / address_id, first_name, last_name, phone)."""
    response = client.post("/open311/v2/requests.json", data={
        "api_key": api_key, "jurisdiction_id": "xy", "service_code": "sanitation",
        "description": "垃圾满溢", "address_string": "水产宿舍 东门", "first_name": "明",
        "last_name": "李", "phone": "+86 139 1234 5678", "email": "li@example.com"})
    assert response.status_code == 201
    assert set(response.get_json()[0]) == {"service_request_id", "service_notice", "account_id"}
