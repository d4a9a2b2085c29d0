"""The list endpoint sends as many queries with 10× the issues."""
from tests.issues.factories import make_issue
from tests.queries import assert_bounded


def test_requests_list_is_bounded(client, place):
    community, compound = place

    def grow(times=1):
        for _ in range(times):
            make_issue(community, compound, public=True)

    grow(3)
    assert_bounded(client, ["/open311/v2/requests.json?jurisdiction_id=xy",
                            "/open311/v2/requests.json", "/open311/v2/services.json"],
                   lambda: grow(27))
