"""The classes pages over HTTP: supports (htmx and plain), proposals, staff decisions, denials."""
import pytest
from sqlalchemy import select

from extensions import db
from models import AuditEvent, CourseRequest
from tests.classes.factories import make_request
from tests.conftest import HX
from tests.factories import login, make_community, make_user

NUMBER = "13912345678"


@pytest.fixture
def community(app):
    return make_community(slug="liujin", name="流津社区")


@pytest.fixture
def item(community):
    return make_request(community, "钩针编织", supporters=2, details="从最简单的针法学起")


@pytest.fixture
def staff_client(app, community):
    client = app.test_client()
    login(client, make_user("staff", [community]))
    return client


def support_url(item):
    return f"/c/liujin/classes/requests/{item.id}/support"


def details(item, name="王芳", mobile=NUMBER):
    return {f"r{item.id}-name": name, f"r{item.id}-mobile": mobile}


def test_public_page_lists_open_requests_most_supported_first(client, community, item):
    make_request(community, "智能手机使用", supporters=5)
    html = client.get("/c/liujin/classes").get_data(as_text=True)
    assert html.index("智能手机使用") < html.index("钩针编织")
    assert "5 人想学" in html and "2 人想学" in html and "我也想学" in html
    assert "我想学…" in html


def test_htmx_support_swaps_the_card_to_supported_with_the_new_count(client, item):
    response = client.post(support_url(item), data=details(item), headers=HX)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<article class="card request-card" id="classes-request-{item.id}"')
    assert "已支持" in html and "3 人想学" in html and 'aria-live="polite"' in html
    again = client.post(support_url(item), data=details(item, mobile="139 1234 5678"), headers=HX)
    assert "只计一次" in again.get_data(as_text=True) and "3 人想学" in again.get_data(as_text=True)
    assert NUMBER not in html and "王芳" not in html


def test_plain_support_redirects_to_the_request_page_which_says_so(client, item):
    response = client.post(support_url(item), data=details(item))
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/c/liujin/classes/requests/{item.id}")
    assert "谢谢，已记下您的支持" in client.get(response.headers["Location"]).get_data(as_text=True)
    client.post(support_url(item), data=details(item))
    page = client.get(f"/c/liujin/classes/requests/{item.id}").get_data(as_text=True)
    assert "只计一次" in page and "3 人想学" in page


def test_bad_support_is_422_with_field_errors_and_values_kept(client, item):
    for data in (details(item, mobile="12345"), details(item, name=""),
                 details(item, mobile="9" * 400), details(item, name="x" * 100_000)):
        response = client.post(support_url(item), data=data, headers=HX)
        html = response.get_data(as_text=True)
        assert response.status_code == 422
        assert "field__error" in html
    page = client.post(support_url(item), data=details(item, mobile="12345"))
    assert page.status_code == 422 and 'value="12345"' in page.get_data(as_text=True)
    assert client.post(support_url(item), data=details(item, name="a\x00b")).status_code == 400
    db.session.refresh(item)
    assert item.support_count == 2


def test_a_declined_request_refuses_support_and_shows_its_reason(client, community, item):
    item.status, item.decline_reason = "declined", "暂时没有找到老师"
    db.session.commit()
    response = client.post(support_url(item), data=details(item), headers=HX)
    assert response.status_code == 422
    html = client.get("/c/liujin/classes").get_data(as_text=True)
    assert "暂时没有找到老师" in html and "已处理的点课" in html


def test_a_merged_request_points_to_the_one_it_was_merged_into(client, community, item):
    target = make_request(community, "学钩织", supporters=1)
    item.status, item.merged_into_id = "merged", target.id
    db.session.commit()
    page = client.get(f"/c/liujin/classes/requests/{item.id}").get_data(as_text=True)
    assert f"/c/liujin/classes/requests/{target.id}" in page and "学钩织" in page
    assert f"/c/liujin/classes/requests/{target.id}" in client.get("/c/liujin/classes").get_data(as_text=True)


def propose(client, subject, confirm="", headers=None, **extra):
    data = {"subject": subject, "details": "", "name": "李桂兰", "mobile": "13812345678",
            "confirm": confirm, **extra}
    return client.post("/c/liujin/classes/requests", data=data, headers=headers or {})


def test_a_similar_request_is_offered_before_a_new_one_keeping_what_was_typed(client, item):
    response = propose(client, "我想学钩织", headers=HX)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="card" id="classes-propose"')
    assert "钩针编织" in html and "确认新建" in html
    assert 'value="我想学钩织"' in html and 'name="confirm" type="hidden" value="1"' in html
    # The similar card's support form holds the typed name and number (this browser's own).
    assert f'name="r{item.id}-mobile"' in html and 'value="13812345678"' in html
    assert db.session.scalar(select(db.func.count()).select_from(CourseRequest)) == 1
    created = propose(client, "我想学钩织", confirm="1", headers=HX)
    assert created.status_code == 204 and "/c/liujin/classes/requests/" in created.headers["HX-Redirect"]


def test_a_new_subject_is_created_at_once_with_its_proposer_counted(client, community):
    response = propose(client, "面塑")
    assert response.status_code == 303
    made = db.session.scalar(select(CourseRequest).where(CourseRequest.subject == "面塑"))
    assert made.support_count == 1
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "您是第一位支持者" in page and "13812345678" not in page and "李桂兰" not in page


def test_bad_proposals_are_422_next_to_the_fields(client, community):
    for subject, extra in (("", {}), ("书" * 31, {}), ("书法", {"mobile": "99999999999999999999"}),
                           ("书法", {"details": "x" * 100_000}), ("x" * 100_000, {})):
        response = propose(client, subject, **extra)
        assert response.status_code == 422, subject[:10]
        assert "field__error" in response.get_data(as_text=True)
    assert db.session.scalar(select(db.func.count()).select_from(CourseRequest)) == 0


def test_unknown_and_other_communities_requests_are_404(client, community):
    other = make_request(make_community(slug="xingyuan"), "书法")
    assert client.get(f"/c/liujin/classes/requests/{other.id}").status_code == 404
    assert client.post(support_url(other), data=details(other)).status_code == 404
    assert client.get(f"/c/liujin/classes/requests/{2**63}").status_code == 404


def test_public_forms_are_rate_limited(app, client, item):
    app.config["PUBLIC_FORM_RATE_LIMIT"] = "2 per minute"
    for _ in range(2):
        client.post(support_url(item), data=details(item, mobile="1"))
    assert client.post(support_url(item), data=details(item)).status_code == 429
    for _ in range(2):
        propose(client, "")
    assert propose(client, "书法").status_code == 429


def test_public_pages_never_show_a_supporters_number_or_name(client, community, item):
    client.post(support_url(item), data=details(item, name="王秀英"))
    propose(client, "书法", name="赵德明", mobile="13712345678")
    for url in ("/c/liujin/", "/c/liujin/classes", f"/c/liujin/classes/requests/{item.id}"):
        text = client.get(url).get_data(as_text=True)
        for secret in ("13912345678", "139****5678", "13712345678", "王秀英", "赵德明"):
            assert secret not in text, (url, secret)


def test_the_community_home_links_the_classes_page_and_top_requests(client, item):
    html = client.get("/c/liujin/").get_data(as_text=True)
    assert 'href="/c/liujin/classes"' in html and "钩针编织" in html and "2 人想学" in html


# ---- staff ---------------------------------------------------------------------------------

def test_staff_list_filters_by_status(staff_client, community, item):
    make_request(community, "杯花", status="declined", decline_reason="材料费太高")
    html = staff_client.get("/staff/liujin/classes/requests").get_data(as_text=True)
    assert "钩针编织" in html and "杯花" in html
    declined = staff_client.get("/staff/liujin/classes/requests?status=declined").get_data(as_text=True)
    assert "杯花" in declined and "钩针编织" not in declined
    assert staff_client.get("/staff/liujin/classes/requests?status=%00").status_code == 400
    assert "钩针编织" in staff_client.get("/staff/liujin/classes/requests?status=x").get_data(as_text=True)


def test_staff_merge_moves_supporters_and_is_logged(staff_client, community, item):
    target = make_request(community, "学钩织", supporters=1)
    page = staff_client.get(f"/staff/liujin/classes/requests/{item.id}").get_data(as_text=True)
    assert page.index(f"#{target.id} 学钩织") > 0  # similar first among the choices
    response = staff_client.post(f"/staff/liujin/classes/requests/{item.id}/merge",
                                 data={"into": str(target.id)})
    assert response.status_code == 303
    db.session.refresh(target)
    assert target.support_count == 3
    assert db.session.scalar(select(AuditEvent.action).where(
        AuditEvent.target_id == item.id)) == "course_request.merged"
    log = staff_client.get("/staff/liujin/audit").get_data(as_text=True)
    assert "合并重复的点课" in log


def test_staff_merge_and_decline_refusals_are_422(staff_client, community, item):
    url = f"/staff/liujin/classes/requests/{item.id}"
    for into in ("0", str(item.id), str(2**63), "x"):
        assert staff_client.post(url + "/merge", data={"into": into}).status_code == 422, into
    assert staff_client.post(url + "/decline", data={"reason": ""}).status_code == 422
    assert staff_client.post(url + "/decline", data={"reason": "x" * 100_000}).status_code == 422
    db.session.refresh(item)
    assert item.status == "open"


def test_staff_decline_shows_the_reason_publicly(staff_client, client, item):
    response = staff_client.post(f"/staff/liujin/classes/requests/{item.id}/decline",
                                 data={"reason": "社区暂时没有合适的老师"})
    assert response.status_code == 303
    assert "社区暂时没有合适的老师" in client.get("/c/liujin/classes").get_data(as_text=True)
    again = staff_client.post(f"/staff/liujin/classes/requests/{item.id}/decline",
                              data={"reason": "again"})
    assert again.status_code == 422


STAFF_PAGES = ["/staff/liujin/classes/requests", "/staff/liujin/classes/requests/{id}"]
STAFF_POSTS = [("/staff/liujin/classes/requests/{id}/merge", {"into": "1"}),
               ("/staff/liujin/classes/requests/{id}/decline", {"reason": "不行"})]


def test_staff_pages_are_refused_to_public_partners_grid_workers_and_other_staff(app, community, item):
    anonymous = app.test_client()
    for url in STAFF_PAGES:
        response = anonymous.get(url.format(id=item.id))
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    for url, data in STAFF_POSTS:
        assert anonymous.post(url.format(id=item.id), data=data).status_code == 302
    others = [make_user("staff", [make_community(slug="xingyuan")]),
              make_user("partner", [community]), make_user("grid_worker", [community])]
    for user in others:
        client = app.test_client()
        login(client, user)
        for url in STAFF_PAGES:
            assert client.get(url.format(id=item.id)).status_code == 403, (user.role, url)
        for url, data in STAFF_POSTS:
            assert client.post(url.format(id=item.id), data=data).status_code == 403, (user.role, url)
    db.session.refresh(item)
    assert item.status == "open"


def test_another_communitys_request_is_404_to_staff(staff_client, community):
    other = make_request(make_community(slug="xingyuan"), "书法")
    assert staff_client.get(f"/staff/liujin/classes/requests/{other.id}").status_code == 404
    assert staff_client.post(f"/staff/liujin/classes/requests/{other.id}/decline",
                             data={"reason": "x"}).status_code == 404


def test_an_invalid_htmx_proposal_returns_the_form_region_with_422(client, community):
    response = propose(client, "", headers=HX)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert html.lstrip().startswith('<section class="card" id="classes-propose"')
    assert "请填写想学的内容" in html and 'value="李桂兰"' in html
