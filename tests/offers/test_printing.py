"""The printed checklist: content, fonts, cache bytes, A3, print records; logos; CSRF."""
from io import BytesIO

from PIL import Image

from blueprints.offers import services
from extensions import db
from tests.conftest import csrf_token_from
from tests.factories import login, make_community, make_user
from tests.offers.factories import make_offer, make_partner, make_partner_user, terms
from tests.pdf import assert_cjk_only, page_count, pdf_text


def _world():
    community = make_community(slug="liujin", name="流津社区")
    fanba = make_partner(community, name="温州饭吧")
    meal = make_offer(fanba, title="八十岁以上免费午餐", eligibility=["over_age"], min_age=80)
    paused = make_offer(fanba, title="暂停的洗车服务")
    services.pause(paused, None)
    services.create_offer(fanba, None, terms(title="未审核的草稿"))
    return community, fanba, meal


def test_poster_lists_published_offers_only(client):
    _world()
    response = client.get("/c/liujin/services.pdf")
    assert response.mimetype == "application/pdf"
    text = pdf_text(response.data)
    assert "流津社区共建单位便民服务清单" in text
    assert "八十岁以上免费午餐" in text and "80岁以上老人" in text
    assert "暂停的洗车服务" not in text and "未审核的草稿" not in text
    assert_cjk_only(response.data)
    assert page_count(response.data) == 1


def test_unchanged_list_same_bytes_approved_change_new_bytes(client):
    _community, _fanba, meal = _world()
    first = client.get("/c/liujin/services.pdf")
    again = client.get("/c/liujin/services.pdf")
    assert again.headers["X-Print-Cache"] == "hit" and again.data == first.data
    services.save_draft(meal, None, {"title": "八十岁以上免费午餐和晚餐"})
    revision = services.submit(meal, None)
    assert client.get("/c/liujin/services.pdf").data == first.data  # pending: not printed
    services.approve(revision, None)
    changed = client.get("/c/liujin/services.pdf")
    assert changed.data != first.data
    assert "午餐和晚餐" in pdf_text(changed.data)


def test_long_list_spans_pages_and_a3(client):
    community = make_community(slug="liujin", name="流津社区")
    for n in range(40):
        make_offer(make_partner(community, name=f"单位{n:02d}"), title=f"服务项目{n:02d}")
    a4 = client.get("/c/liujin/services.pdf").data
    a3 = client.get("/c/liujin/services.pdf?size=A3").data
    assert page_count(a4) > 1
    text = pdf_text(a4)
    assert all(f"服务项目{n:02d}" in text for n in range(40))
    from tests.pdf import pdf_reader
    width = float(pdf_reader(a3).pages[0].mediabox.width)
    assert round(width / 72 * 25.4) == 297  # A3 portrait is 297 mm wide


def test_staff_print_is_recorded_and_changes_shown(client):
    community, fanba, meal = _world()
    staff = make_user("staff", [community])
    login(client, staff)
    page = client.get("/staff/liujin/services/").get_data(as_text=True)
    assert "还没有打印过" in page
    client.get("/staff/liujin/print/services.pdf")
    assert "还没有打印过" in client.get("/staff/liujin/services/").get_data(as_text=True)
    client.post("/staff/liujin/print/services/printed")
    page = client.get("/staff/liujin/services/").get_data(as_text=True)
    assert "自上次打印后没有变化" in page
    client.get("/c/liujin/services.pdf")  # the public download is not a printing
    make_offer(fanba, title="新加的理发")
    page = client.get("/staff/liujin/services/").get_data(as_text=True)
    assert "需要重新打印" in page and "新加的理发" in page
    user = make_partner_user(fanba)
    client.post("/logout")
    login(client, user)
    assert "最近一次印在清单上" in client.get(f"/partner/offers/{meal.id}").get_data(as_text=True)


def test_cli_print(app, tmp_path):
    _world()
    out = tmp_path / "s.pdf"
    result = app.test_cli_runner().invoke(args=["print", "services", "--community", "liujin",
                                               "--out", str(out), "--size", "A3"])
    assert result.exit_code == 0, result.output
    assert "八十岁以上免费午餐" in pdf_text(out.read_bytes())


def _png() -> bytes:
    out = BytesIO()
    Image.new("RGB", (50, 50), "red").save(out, "PNG")
    return out.getvalue()


def test_logo_upload_and_serving(client):
    community, fanba, _meal = _world()
    login(client, make_partner_user(fanba))
    bad = client.post("/partner/logo", data={"logo": (BytesIO(b"not an image" * 20), "x.png")})
    assert bad.status_code == 422 and "这不是图片文件" in bad.get_data(as_text=True)
    ok = client.post("/partner/logo", data={"logo": (BytesIO(_png()), "logo.png")})
    assert ok.status_code == 303
    response = client.get(f"/c/liujin/services/logos/{fanba.id}")
    assert response.status_code == 200 and response.mimetype == "image/png"
    other = make_community()
    assert client.get(f"/c/{other.slug}/services/logos/{fanba.id}").status_code == 404


def test_csrf_is_required(fresh_app):
    app = fresh_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        community = make_community(slug="liujin")
        fanba = make_partner(community, name="温州饭吧")
        meal = make_offer(fanba, title="午餐")
        user = make_partner_user(fanba)
        client = app.test_client()
        token = csrf_token_from(client.get("/login").get_data(as_text=True))
        client.post("/login", data={"identifier": user.username, "password": "correct horse",
                                    "csrf_token": token})
        url = f"/partner/offers/{meal.id}/submit"
        assert client.post(url, data={"title": "偷改", "benefit": "x"}).status_code == 400
        assert services.open_revision(meal) is None
        page = client.get(f"/partner/offers/{meal.id}").get_data(as_text=True)
        response = client.post(url, data={"title": "改", "benefit": "x", "schedule": "daily",
                                          "place": "shop", "claim": "walk_in",
                                          "csrf_token": csrf_token_from(page)})
        assert response.status_code == 303 and services.offer_state(meal) == "pending"


def test_unchanged_list_skips_building_but_any_shown_change_renders_again(app, client, monkeypatch):
    import blueprints.offers.documents as poster
    from printing.registry import DOCUMENTS
    from tests.factories import make_person

    _community, fanba, _meal = _world()
    first = client.get("/c/liujin/services.pdf")
    builds = []
    document = DOCUMENTS["services"]
    monkeypatch.setattr(document, "build", lambda *a: builds.append(a) or poster.build(*a))
    again = client.get("/c/liujin/services.pdf")
    assert again.data == first.data and builds == []  # answered before building the HTML
    fanba.address = "流津路8号"  # not in the snapshot, but printed next to 到店
    db.session.commit()
    moved = client.get("/c/liujin/services.pdf")
    assert len(builds) == 1 and moved.data != first.data and "流津路8号" in pdf_text(moved.data)
    make_person(fanba.community, mobile="13900001111")
    fanba.phone = "13900001111"
    db.session.commit()
    hidden = client.get("/c/liujin/services.pdf")
    assert len(builds) == 2 and "13900001111" not in pdf_text(hidden.data)
    fanba.address = "流津路1号"
    fanba.phone = "0317-5551234"
    db.session.commit()
    back = client.get("/c/liujin/services.pdf")
    assert back.data == first.data  # same content, same bytes, whatever the route to it


def test_staff_printing_served_by_the_pre_render_cache_is_still_recorded(client):
    from models import ChecklistPrint

    community, _fanba, _meal = _world()
    login(client, make_user("staff", [community]))
    client.get("/c/liujin/services.pdf")  # fills the caches
    assert client.get("/staff/liujin/print/services.pdf").headers["X-Print-Cache"] == "hit"
    assert client.post("/staff/liujin/print/services/printed").status_code == 303
    printing = ChecklistPrint.query.one()
    assert "八十岁以上免费午餐" in " ".join(printing.offers.values())


def _text_sizes(data: bytes, page: int = 0) -> dict[str, float]:
    """The font size each run of text on a page is drawn at (first occurrence)."""
    from tests.pdf import pdf_reader

    sizes = {}

    def visit(text, _cm, tm, _font, size):
        if text.strip():
            sizes.setdefault(text.strip(), size * (tm[0] or 1))

    pdf_reader(data).pages[page].extract_text(visitor_text=visit)
    return sizes


def test_the_demo_checklist_fits_one_a3_sheet_or_two_a4_sheets_grouped_with_large_titles(app, client):
    from sqlalchemy import select

    from models import Community, Offer
    from tests.core.test_demo import run_seed

    run_seed(app)
    liujin = db.session.scalar(select(Community).where(Community.slug == "liujin"))
    titles = [o.published["title"] for o in db.session.scalars(
        select(Offer).join(Offer.partner).where(Offer.partner.has(community_id=liujin.id)))
        if o.published and not o.paused]
    assert len(titles) >= 30
    a4 = client.get("/c/liujin/services.pdf").data
    a3 = client.get("/c/liujin/services.pdf?size=A3").data
    assert page_count(a3) == 1 and page_count(a4) <= 2
    for data in (a3, a4):
        text = pdf_text(data)
        assert all(title in text for title in titles)
        assert text.index("理发") < text.index("上门理发")  # under its kind's heading
    sizes = _text_sizes(a4)
    terms_size = sizes["对象"]
    assert sizes["上门理发"] >= 1.4 * terms_size  # the title reads from a metre
    assert sizes["流津社区共建单位便民服务清单"] >= 2.4 * terms_size


def test_a_longer_list_continues_on_further_sheets(client):
    community = make_community(slug="liujin", name="流津社区")
    for n in range(90):
        make_offer(make_partner(community, name=f"单位{n:02d}"), title=f"服务项目{n:02d}")
    a3 = client.get("/c/liujin/services.pdf?size=A3").data
    assert page_count(a3) >= 2
    text = pdf_text(a3)
    assert all(f"服务项目{n:02d}" in text for n in range(90))
