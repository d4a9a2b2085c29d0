"""HTTP: partner portal scoping, inline edit with 422, staff review, public checklist, denials."""
import pytest

from blueprints.offers import services
from extensions import db
from models import Offer, User
from tests.conftest import HX
from tests.factories import login, make_community, make_user
from tests.offers.factories import make_offer, make_partner, make_partner_user, terms


@pytest.fixture
def world(app):
    community = make_community(slug="liujin", name="流津社区")
    fanba = make_partner(community, name="温州饭吧", phone="0317-5550001")
    shop = make_partner(community, name="永兴超市", kind="supermarket")
    return {
        "community": community, "fanba": fanba, "shop": shop,
        "fanba_user": make_partner_user(fanba), "shop_user": make_partner_user(shop),
        "staff": make_user("staff", [community]),
        "meal": make_offer(fanba, title="免费午餐", eligibility=["over_age"], min_age=80),
        "discount": make_offer(shop, title="周六日九折", schedule="weekdays", weekdays=[5, 6]),
    }


def form_data(**overrides):
    data = {k: v for k, v in terms(**overrides).items() if v not in (None, [], "")}
    return data


def test_portal_shows_only_own_unit(client, world):
    login(client, world["fanba_user"])
    page = client.get("/partner/").get_data(as_text=True)
    assert "温州饭吧" in page and "免费午餐" in page
    assert "周六日九折" not in page and "永兴超市" not in page
    assert "已发布" in page


@pytest.mark.parametrize("method,path", [
    ("get", "/partner/offers/{id}"),
    ("post", "/partner/offers/{id}"),
    ("post", "/partner/offers/{id}/submit"),
    ("post", "/partner/offers/{id}/pause"),
    ("post", "/partner/offers/{id}/resume"),
    ("get", "/partner/offers/{id}/history"),
])
def test_another_units_offer_is_404_everywhere(client, world, method, path):
    login(client, world["fanba_user"])
    offer = world["discount"]
    response = getattr(client, method)(path.format(id=offer.id), data=form_data(title="偷改"))
    assert response.status_code == 404
    assert offer.published["title"] == "周六日九折"
    assert not offer.paused and services.open_revision(offer) is None


def test_staff_and_anonymous_cannot_open_the_portal(client, world):
    assert client.get("/partner/").status_code == 302
    login(client, world["staff"])
    assert client.get("/partner/").status_code == 403
    assert client.get(f"/partner/offers/{world['meal'].id}").status_code == 403


def test_inline_edit_saves_draft_and_keeps_published(client, world):
    login(client, world["fanba_user"])
    offer = world["meal"]
    response = client.post(f"/partner/offers/{offer.id}", headers=HX,
                           data=form_data(title="免费午餐和晚餐", eligibility=["over_age"], min_age="80"))
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert body.lstrip().startswith('<form id="partner-offer-form"') and "<html" not in body
    assert "草稿" in body and 'value="免费午餐和晚餐"' in body
    assert offer.published["title"] == "免费午餐"
    assert services.open_revision(offer).data["title"] == "免费午餐和晚餐"


def test_invalid_schedule_is_422_with_typed_values_kept(client, world):
    login(client, world["fanba_user"])
    offer = world["meal"]
    response = client.post(f"/partner/offers/{offer.id}", headers=HX, data=form_data(
        title="上门理发", schedule="monthday", month_day="32", opens_at="18:00", closes_at="09:00"))
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "请填写1到31之间的日期" in body and "结束时间要晚于开始时间" in body
    assert 'value="32"' in body and 'value="上门理发"' in body
    # Nothing typed is lost: the draft holds the title even though the form is invalid.
    assert services.open_revision(offer).data["title"] == "上门理发"


@pytest.mark.parametrize("overrides,message", [
    ({"schedule": "weekdays"}, "请至少选择一天"),
    ({"schedule": "dates", "start_date": "2026-12-05", "end_date": "2026-12-01"}, "结束日期不能早于开始日期"),
    ({"month_day": "abc", "schedule": "monthday"}, "请填写数字"),
])
def test_bad_schedule_rules_are_refused_next_to_the_field(client, world, overrides, message):
    login(client, world["fanba_user"])
    response = client.post(f"/partner/offers/{world['meal'].id}/submit", data=form_data(**overrides))
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert services.offer_state(world["meal"]) == "draft"


def test_submit_goes_to_review_not_live(client, world):
    login(client, world["fanba_user"])
    offer = world["meal"]
    response = client.post(f"/partner/offers/{offer.id}/submit", headers=HX,
                           data=form_data(title="免费午餐和晚餐"))
    assert response.status_code == 200
    assert "HX-Trigger" not in response.headers  # offer-submitted: nothing listens for it
    assert "待审核" in response.get_data(as_text=True)
    assert offer.published["title"] == "免费午餐"
    public = client.get("/c/liujin/services").get_data(as_text=True)
    assert "免费午餐和晚餐" not in public


def test_plain_submit_redirects_303(client, world):
    login(client, world["fanba_user"])
    response = client.post(f"/partner/offers/{world['meal'].id}/submit", data=form_data(title="新"))
    assert response.status_code == 303


def test_new_offer_and_pause_resume(client, world):
    login(client, world["fanba_user"])
    response = client.post("/partner/offers", headers=HX)
    assert response.status_code == 204 and response.headers["HX-Redirect"].startswith("/partner/offers/")
    assert Offer.query.filter_by(partner_id=world["fanba"].id).count() == 2
    offer = world["meal"]
    assert client.post(f"/partner/offers/{offer.id}/pause").status_code == 303
    assert offer.paused
    assert "免费午餐" not in client.get("/c/liujin/services").get_data(as_text=True)
    client.post(f"/partner/offers/{offer.id}/resume")
    assert offer.paused and services.offer_state(offer) == "pending"


def test_returned_revision_shows_staff_comment_to_partner(client, world):
    offer = world["meal"]
    services.save_draft(offer, world["fanba_user"], {"title": "午餐"})
    services.return_revision(services.submit(offer, None), world["staff"], "请写明供应时间")
    login(client, world["fanba_user"])
    page = client.get(f"/partner/offers/{offer.id}").get_data(as_text=True)
    assert "已退回" in page and "请写明供应时间" in page


def test_partner_asks_again_after_a_returned_resume(client, world):
    offer = world["meal"]
    services.pause(offer, None)
    services.return_revision(services.request_resume(offer, None), world["staff"], "门店还在装修")
    login(client, world["fanba_user"])
    page = client.get(f"/partner/offers/{offer.id}").get_data(as_text=True)
    assert "已暂停" in page and "门店还在装修" in page and "申请恢复" in page
    assert client.post(f"/partner/offers/{offer.id}/resume").status_code == 303
    assert services.offer_state(offer) == "pending"
    page = client.get(f"/partner/offers/{offer.id}").get_data(as_text=True)
    assert "待审核" in page and "门店还在装修" not in page


def test_staff_review_shows_old_and_new_and_approves(client, world):
    offer = world["discount"]
    services.save_draft(offer, world["shop_user"], {"schedule": "daily"})
    revision = services.submit(offer, world["shop_user"])
    login(client, world["staff"])
    page = client.get("/staff/liujin/services/").get_data(as_text=True)
    assert "每周六、周日" in page and "<ins>每天</ins>" in page
    response = client.post(f"/staff/liujin/services/revisions/{revision.id}/approve", headers=HX,
                           data={"version": revision.version})
    assert response.status_code == 200 and "HX-Trigger" not in response.headers  # revision-approved: nothing listens for it
    assert response.get_data(as_text=True).lstrip().startswith('<div id="offers-review-queue"')
    assert offer.published["schedule"] == "daily"


def test_return_needs_a_comment(client, world):
    revision = services.submit(services.create_offer(world["fanba"], None, terms(title="新服务")), None)
    login(client, world["staff"])
    url = f"/staff/liujin/services/revisions/{revision.id}/return"
    response = client.post(url, headers=HX, data={"comment": ""})
    assert response.status_code == 422 and "请写明退回原因" in response.get_data(as_text=True)
    response = client.post(url, data={"comment": "写清楚地点"})
    assert response.status_code == 303 and revision.status == "returned"


def test_bulk_approve(client, world):
    revisions = [services.submit(services.create_offer(world["fanba"], None, terms()), None) for _ in range(3)]
    login(client, world["staff"])
    page = client.get("/staff/liujin/services/").get_data(as_text=True)
    boxes = [f'value="{r.id}:{r.version}"' for r in revisions]
    assert all(box in page for box in boxes)  # what the reviewer saw goes back with the tick
    client.post("/staff/liujin/services/revisions/approve",
                data={"revision": [f"{r.id}:{r.version}" for r in revisions[:2]]})
    assert [r.status for r in revisions] == ["published", "published", "pending"]


def _edited_while_open(world):
    """A pending edit, its version as staff saw it, then the partner changes it again."""
    offer = world["meal"]
    services.save_draft(offer, world["fanba_user"], {"title": "免费午餐和晚餐"})
    revision = services.submit(offer, world["fanba_user"])
    seen = revision.version
    services.save_draft(offer, world["fanba_user"], {"title": "收费午餐"})
    services.submit(offer, world["fanba_user"])
    return offer, revision, seen


def test_approve_from_a_stale_screen_is_refused(client, world):
    offer, revision, seen = _edited_while_open(world)
    login(client, world["staff"])
    url = f"/staff/liujin/services/revisions/{revision.id}/approve"
    response = client.post(url, headers=HX, data={"version": seen})
    body = response.get_data(as_text=True)
    assert response.status_code == 409 and "打开页面后又被改动过" in body
    assert "收费午餐" in body  # the fresh content is in front of the reviewer now
    assert revision.status == "pending" and offer.published["title"] == "免费午餐"
    assert client.post(url).status_code == 409  # no version at all never publishes
    assert client.post(url, data={"version": revision.version}).status_code == 303
    assert offer.published["title"] == "收费午餐"


def test_bulk_approve_from_a_stale_screen_skips_the_changed_one(client, world):
    offer, revision, seen = _edited_while_open(world)
    other = services.submit(services.create_offer(world["shop"], None, terms(title="送货上门")), None)
    login(client, world["staff"])
    response = client.post("/staff/liujin/services/revisions/approve", headers=HX,
                           data={"revision": [f"{revision.id}:{seen}", f"{other.id}:{other.version}"]})
    assert response.status_code == 409 and "打开页面后又被改动过" in response.get_data(as_text=True)
    assert other.status == "published"
    assert revision.status == "pending" and offer.published["title"] == "免费午餐"


@pytest.mark.parametrize("role", ["partner", "grid_worker"])
def test_non_staff_cannot_review(client, world, role):
    revision = services.submit(services.create_offer(world["fanba"], None, terms()), None)
    user = world["fanba_user"] if role == "partner" else make_user(role, [world["community"]])
    login(client, user)
    assert client.get("/staff/liujin/services/").status_code == 403
    assert client.post(f"/staff/liujin/services/revisions/{revision.id}/approve").status_code == 403
    assert revision.status == "pending"


def test_staff_of_another_community_cannot_review(client, world):
    revision = services.submit(services.create_offer(world["fanba"], None, terms()), None)
    other = make_community()
    outsider = make_user("staff", [other])
    login(client, outsider)
    assert client.get("/staff/liujin/services/").status_code == 403
    assert client.post(f"/staff/liujin/services/revisions/{revision.id}/approve").status_code == 403
    # Through their own community's URL the revision does not exist.
    url = f"/staff/{other.slug}/services/revisions/{revision.id}/approve"
    assert client.post(url).status_code == 404
    assert client.get(f"/staff/{other.slug}/services/offers/{world['meal'].id}/history").status_code == 404
    assert revision.status == "pending"


def test_public_checklist_filters(client, world):
    page = client.get("/c/liujin/services").get_data(as_text=True)
    assert "免费午餐" in page and "周六日九折" in page and "80岁以上老人" in page
    assert 'href="tel:0317-5550001"' in page
    page = client.get("/c/liujin/services?who=disabled", headers=HX).get_data(as_text=True)
    assert page.lstrip().startswith('<div id="offers-checklist"')
    assert "免费午餐" not in page and "周六日九折" in page
    assert "免费午餐" in client.get("/c/liujin/services?who=over_80").get_data(as_text=True)


def test_public_offer_page_and_unpublished_404(client, world):
    page = client.get(f"/c/liujin/services/{world['meal'].id}").get_data(as_text=True)
    assert "免费午餐" in page and "温州饭吧" in page
    draft = services.create_offer(world["fanba"], None, terms(title="草稿项目"))
    assert client.get(f"/c/liujin/services/{draft.id}").status_code == 404
    other = make_community()
    assert client.get(f"/c/{other.slug}/services/{world['meal'].id}").status_code == 404


def test_staff_records_a_visit(client, world):
    login(client, world["staff"])
    page = client.get("/staff/liujin/services/partners").get_data(as_text=True)
    assert "需要走访" in page
    client.post(f"/staff/liujin/services/partners/{world['fanba'].id}/visits", data={"note": "店长在岗"})
    assert world["fanba"].last_visited_at is not None
    assert world["fanba"].visits[0].note == "店长在岗"


def test_staff_adds_partner_and_invites_a_partner_user(client, world):
    login(client, world["staff"])
    response = client.post("/staff/liujin/services/partners", data={"name": "微发馆", "kind": "barber"})
    assert response.status_code == 303
    weifa = next(p for p in services.partners_of(world["community"]) if p.name == "微发馆")
    assert weifa.kind == "barber"
    response = client.post("/staff/liujin/invites", data={
        "display_name": "店长", "username": "weifa", "role": "partner", "partner_id": "0"})
    assert response.status_code == 422 and "请选择所属共建单位" in response.get_data(as_text=True)
    response = client.post("/staff/liujin/invites", data={
        "display_name": "店长", "username": "weifa", "role": "partner", "partner_id": str(weifa.id)})
    assert response.status_code == 200
    assert User.query.filter_by(username="weifa").one().partner_id == weifa.id
    response = client.post("/staff/liujin/invites", data={
        "display_name": "网格员", "username": "gw1", "role": "grid_worker", "partner_id": str(weifa.id)})
    assert User.query.filter_by(username="gw1").one().partner_id is None


def test_no_personal_mobile_reaches_public_pages_or_the_poster(client, world):
    from extensions import db
    from tests.factories import make_person
    from tests.pdf import pdf_text

    resident = make_person(world["community"], mobile="13900001111")
    fanba, shop = world["fanba"], world["shop"]
    # Typed before the form refused it (or the number became a resident's later).
    fanba.phone, fanba.contact_phone = resident.mobile, "13800003333"
    shop.phone = world["shop_user"].mobile
    booking = make_offer(shop, title="电话预约送货", claim="phone_ahead", claim_phone=resident.mobile)
    db.session.commit()
    pages = [client.get("/c/liujin/services").get_data(as_text=True),
             client.get(f"/c/liujin/services/{world['meal'].id}").get_data(as_text=True),
             client.get(f"/c/liujin/services/{booking.id}").get_data(as_text=True),
             pdf_text(client.get("/c/liujin/services.pdf").data)]
    for text in pages:
        for number in ("13900001111", "13800003333", world["shop_user"].mobile):
            assert number not in text
    assert "提前电话预约" in pages[2]
    shop.phone = "0317-5556000"
    db.session.commit()
    assert "0317-5556000" in client.get("/c/liujin/services").get_data(as_text=True)


def test_staff_see_the_contacts_own_number_and_the_public_label(client, world):
    from extensions import db

    world["fanba"].contact_name, world["fanba"].contact_phone = "王店长", "13800003333"
    db.session.commit()
    login(client, world["staff"])
    page = client.get("/staff/liujin/services/partners").get_data(as_text=True)
    assert "对外服务电话（将公开）" in page and "会印在公开的便民服务清单上" in page
    assert "王店长 13800003333" in page and "0317-5550001" in page
    response = client.post("/staff/liujin/services/partners", data={
        "name": "新单位", "kind": "other", "phone": world["fanba_user"].mobile, "contact_name": "李"})
    assert response.status_code == 422 and "个人手机号" in response.get_data(as_text=True)
    response = client.post("/staff/liujin/services/partners", data={
        "name": "新单位", "kind": "other", "phone": "0317-5559999", "contact_name": "李",
        "contact_phone": world["fanba_user"].mobile})
    assert response.status_code == 303


def test_approving_and_returning_say_what_was_done(client, world):
    from blueprints.offers import services as offer_services

    offer = world["meal"]
    offer_services.save_draft(offer, world["fanba_user"], {"title": "免费午餐和晚餐"})
    revision = offer_services.submit(offer, world["fanba_user"])
    login(client, world["staff"])
    body = client.post(f"/staff/liujin/services/revisions/{revision.id}/approve", headers=HX,
                       data={"version": revision.version}).get_data(as_text=True)
    assert "已通过并发布：免费午餐和晚餐" in body
    offer_services.save_draft(offer, world["fanba_user"], {"title": "又改了"})
    again = offer_services.submit(offer, world["fanba_user"])
    plain = client.post(f"/staff/liujin/services/revisions/{again.id}/return", data={"comment": "写清楚"})
    assert plain.status_code == 303
    assert "已退回给温州饭吧修改" in client.get("/staff/liujin/services/").get_data(as_text=True)


def test_the_call_button_dials_the_number_the_offer_tells_residents_to_call(client, world):
    offer = make_offer(world["fanba"], title="上门理发", claim="phone_ahead", claim_phone="0317-5556028")
    world["fanba"].phone = "0317-5556029"
    db.session.commit()
    page = client.get(f"/c/liujin/services/{offer.id}").get_data(as_text=True)
    assert "提前电话预约 0317-5556028" in page and 'href="tel:0317-5556028"' in page
    assert "tel:0317-5556029" not in page
    card = client.get("/c/liujin/services").get_data(as_text=True).split("上门理发", 1)[1]
    assert card.index('href="tel:0317-5556028"') < card.index("</li>")
