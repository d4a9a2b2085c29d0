"""One guard for every `next`: the preference switches and the login go only to this site."""
import pytest

from tests.factories import PASSWORD, make_community, make_user

FOREIGN = ["https://evil.example/", "https:////evil.example", "//evil.example/x", "/\\evil.example",
           "\\\\evil.example", "/\t/evil.example", "javascript:alert(1)", "http://localhost.evil/",
           "ftp://localhost/x", " //evil.example"]


@pytest.mark.parametrize("target", FOREIGN)
def test_preferences_never_leave_the_site(client, target):
    for preference in ("language", "elder"):
        response = client.post(f"/prefs/{preference}", data={"value": "1", "next": target})
        assert response.status_code == 303
        location = response.headers["Location"]
        assert location == "/" or (location.startswith("/") and not location.startswith(("//", "/\\"))), target
        assert "evil" not in location, target


@pytest.mark.parametrize("target", FOREIGN)
def test_login_never_leaves_the_site(client, target):
    make_user("staff", [make_community(slug="liujin")], username="xu")
    response = client.post("/login", query_string={"next": target},
                           data={"identifier": "xu", "password": PASSWORD})
    assert response.headers["Location"] == "/staff/", target


def test_local_pages_and_this_sites_referer_are_kept(client):
    response = client.post("/prefs/language", data={"value": "en", "next": "/c/liujin/services?who=over_80"})
    assert response.headers["Location"] == "/c/liujin/services?who=over_80"
    referred = client.post("/prefs/language", data={"value": "en"},
                           headers={"Referer": "http://localhost/c/liujin/issues"})
    assert referred.headers["Location"] == "/c/liujin/issues"


def test_a_next_with_a_nul_byte_is_refused_outright(client):
    assert client.post("/prefs/language", data={"value": "en", "next": "\x00/evil"}).status_code == 400
