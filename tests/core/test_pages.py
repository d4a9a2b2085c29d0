"""Layout, preferences, error pages and security headers."""
import pytest

from tests.factories import make_community, make_compound


@pytest.fixture
def liujin(app):
    community = make_community(slug="liujin", name="流津社区", hall_phone="0317-5550101")
    make_compound(community, name="明珠公寓")
    return community


def test_community_home_names_the_community_and_links_the_public_parts(client, liujin):
    html = client.get("/c/liujin/").get_data(as_text=True)
    assert "流津社区家门口服务" in html
    assert 'href="/c/liujin/"' in html
    assert 'href="tel:0317-5550101"' in html


def test_home_lists_the_communities(client, liujin):
    assert 'href="/c/liujin/"' in client.get("/").get_data(as_text=True)


def test_chinese_by_default_and_english_when_chosen(client, liujin):
    assert '<html lang="zh-CN"' in client.get("/c/liujin/").get_data(as_text=True)
    response = client.post("/prefs/language", data={"value": "en", "next": "/c/liujin/"})
    assert response.status_code == 303 and response.headers["Location"] == "/c/liujin/"
    html = client.get("/c/liujin/").get_data(as_text=True)
    assert '<html lang="en"' in html
    assert "流津社区 Doorstep Services" in html
    client.post("/prefs/language", data={"value": "zh"})
    assert "流津社区家门口服务" in client.get("/c/liujin/").get_data(as_text=True)


def test_unknown_language_is_ignored(client, liujin):
    client.post("/prefs/language", data={"value": "fr"})
    assert '<html lang="zh-CN"' in client.get("/c/liujin/").get_data(as_text=True)


def test_elder_mode_is_remembered(client, liujin):
    assert 'class="elder"' not in client.get("/c/liujin/").get_data(as_text=True)
    client.post("/prefs/elder", data={"value": "1", "next": "/c/liujin/"})
    html = client.get("/c/liujin/").get_data(as_text=True)
    assert '<html lang="zh-CN" class="elder">' in html
    assert "标准版" in html  # the switch now offers the way back


def test_preference_redirect_never_leaves_the_site(client, liujin):
    response = client.post("/prefs/elder", data={"value": "1", "next": "https://evil.example/x"})
    assert response.headers["Location"] == "/"


def test_404_page_and_htmx_fragment(client, liujin):
    page = client.get("/c/liujin/nothing-here")
    assert page.status_code == 404 and "<html" in page.get_data(as_text=True)
    fragment = client.get("/c/liujin/nothing-here", headers={"HX-Request": "true"})
    html = fragment.get_data(as_text=True)
    assert fragment.status_code == 404
    assert "<html" not in html and "页面不存在" in html
    assert fragment.headers["HX-Retarget"] == "#flash-messages"


def test_boosted_request_gets_the_whole_page(client, liujin):
    response = client.get("/c/liujin/nothing", headers={"HX-Request": "true", "HX-Boosted": "true"})
    assert "<html" in response.get_data(as_text=True)


def test_500_is_a_friendly_page(fresh_app, liujin):
    app = fresh_app(PROPAGATE_EXCEPTIONS=False)
    client = app.test_client()

    @app.get("/boom")
    def boom():
        raise RuntimeError("boom")

    response = client.get("/boom")
    assert response.status_code == 500 and "系统出错了" in response.get_data(as_text=True)


def test_security_headers(client, liujin):
    response = client.get("/c/liujin/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "HX-Request" in response.headers["Vary"]


def test_request_size_is_limited(app, client, liujin):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    response = client.post("/prefs/elder", data={"value": "x" * 4096})
    assert response.status_code == 413


def test_session_cookie_is_secure_outside_development(monkeypatch):
    import config

    monkeypatch.setenv("DOORSTEP_ENV", "production")
    settings = config.from_environment()
    assert settings["SESSION_COOKIE_SECURE"] and settings["SESSION_COOKIE_HTTPONLY"]
    assert settings["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_home_shows_todays_offers_and_upcoming_activities(client, liujin):
    from datetime import timedelta

    from tests.offers.factories import make_offer, make_partner
    from tests.volunteers.factories import make_activity, make_shift

    partner = make_partner(liujin, name="温州饭吧")
    make_offer(partner, title="80岁以上老人免费就餐")
    make_offer(partner, title="还没发布的", published=False)
    make_shift(make_activity(liujin, title="颐和新园红马甲清扫"), start_in=timedelta(days=1))
    past = make_activity(liujin, title="上个月的清扫")
    make_shift(past, start_in=timedelta(days=-30))
    html = client.get("/c/liujin/").get_data(as_text=True)
    assert "80岁以上老人免费就餐" in html and "还没发布的" not in html
    assert "颐和新园红马甲清扫" in html and "上个月的清扫" not in html


def test_behind_a_proxy_the_client_address_is_the_residents(fresh_app):
    from flask import request

    for proxies, expected in ((0, "10.0.0.2"), (1, "203.0.113.9")):
        app = fresh_app(PROXY_COUNT=proxies)

        @app.get("/whoami")
        def whoami():
            return request.remote_addr

        response = app.test_client().get("/whoami", headers={"X-Forwarded-For": "203.0.113.9"},
                                          environ_base={"REMOTE_ADDR": "10.0.0.2"})
        assert response.get_data(as_text=True) == expected


def test_405_keeps_its_status_and_allow_header(client, liujin):
    response = client.delete("/c/liujin/")
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]
    assert "请求无效" in response.get_data(as_text=True)


def test_other_client_errors_keep_their_status(fresh_app, liujin):
    from flask import abort

    app = fresh_app()
    client = app.test_client()

    @app.get("/gone")
    def gone():
        abort(410)

    assert client.get("/gone").status_code == 410
