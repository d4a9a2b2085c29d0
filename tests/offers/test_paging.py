"""HTTP: the services domain's list pages come a page at a time, filters kept, any page number."""
import re
from datetime import timedelta
from html import unescape

import pytest

from blueprints.core import clock
from blueprints.offers.checklist import CHECKLIST_PAGE
from blueprints.offers.forms import KIND_LABELS
from blueprints.offers import services
from blueprints.offers.listing import HISTORY_PAGE, PARTNERS_PAGE, PORTAL_PAGE, REVIEW_PAGE
from extensions import db
from models import OfferRevision
from models.base import utcnow
from tests.conftest import HX
from tests.factories import login, make_community, make_user
from tests.offers.factories import make_live_offers, make_partner, make_partner_user, terms


def titles(html: str, css: str = "offer-card__title") -> list[str]:
    """The titles a list shows, in the order a resident reads them."""
    return re.findall(rf'class="{css}"[^>]*>([^<]+)<', html)


def next_link(html: str) -> str:
    found = re.search(r'rel="next" href="([^"]+)"', html)
    return unescape(found.group(1)) if found else ""


def named(partner, n: int, prefix: str, **overrides) -> list:
    """`n` live offers titled `prefix`01, `prefix`02 … in the order they are created."""
    offers = make_live_offers(partner, n, **overrides)
    for i, offer in enumerate(offers, 1):
        offer.published = {**offer.published, "title": f"{prefix}{i:02d}"}
    db.session.commit()
    return offers


@pytest.fixture
def liujin(app):
    return make_community(slug="liujin", name="流津社区")


def test_checklist_page_two_shows_the_next_offers(client, liujin):
    named(make_partner(liujin, kind="clinic"), CHECKLIST_PAGE + 5, "义诊")
    first = client.get("/c/liujin/services").get_data(as_text=True)
    assert titles(first) == [f"义诊{i:02d}" for i in range(1, CHECKLIST_PAGE + 1)]
    assert f"共 {CHECKLIST_PAGE + 5} 项服务" in first
    second = client.get(next_link(first)).get_data(as_text=True)
    assert titles(second) == [f"义诊{i:02d}" for i in range(CHECKLIST_PAGE + 1, CHECKLIST_PAGE + 6)]
    assert f"共 {CHECKLIST_PAGE + 5} 项服务" in second and not next_link(second)
    assert 'rel="prev" href="/c/liujin/services?page=1"' in second


def test_checklist_groups_run_on_across_pages(client, liujin):
    named(make_partner(liujin, kind="restaurant"), CHECKLIST_PAGE - 2, "午餐")
    named(make_partner(liujin, kind="barber"), 4, "理发")
    first = client.get("/c/liujin/services").get_data(as_text=True)
    # Kinds in order (barber before restaurant), every barber offer first.
    assert titles(first)[:4] == ["理发01", "理发02", "理发03", "理发04"]
    second = client.get("/c/liujin/services?page=2").get_data(as_text=True)
    assert titles(second) == ["午餐17", "午餐18"]
    restaurants = f"<h2>{KIND_LABELS['restaurant']}</h2>"
    assert restaurants in first and restaurants in second  # the group goes on, headed again
    assert f"<h2>{KIND_LABELS['barber']}</h2>" not in second


def test_checklist_pager_keeps_the_filters(client, liujin):
    partner = make_partner(liujin)
    named(partner, CHECKLIST_PAGE + 1, "长者餐", eligibility=["over_age"], min_age=70)
    named(partner, 3, "残疾人优惠", eligibility=["disabled"])
    first = client.get("/c/liujin/services?who=over_80&today=1&group=partner").get_data(as_text=True)
    assert f"共 {CHECKLIST_PAGE + 1} 项服务" in first
    link = next_link(first)
    assert all(part in link for part in ("who=over_80", "today=1", "group=partner", "page=2"))
    second = client.get(link).get_data(as_text=True)
    assert titles(second) == [f"长者餐{CHECKLIST_PAGE + 1:02d}"]


def test_checklist_next_page_as_a_partial_is_the_region(client, liujin):
    named(make_partner(liujin), CHECKLIST_PAGE + 1, "早餐")
    response = client.get("/c/liujin/services?page=2", headers=HX)
    body = response.get_data(as_text=True)
    assert body.lstrip().startswith('<div id="offers-checklist"') and "<html" not in body
    assert titles(body) == [f"早餐{CHECKLIST_PAGE + 1:02d}"]
    assert 'hx-target="#offers-checklist"' in body


@pytest.mark.parametrize("number", ["abc", "-1", "0", "99999999", "2.5", "1e3", "１"])
def test_checklist_garbage_page_numbers_give_the_first_page(client, liujin, number):
    named(make_partner(liujin), 2, "理发")
    response = client.get(f"/c/liujin/services?page={number}")
    assert response.status_code == 200
    assert titles(response.get_data(as_text=True)) == ["理发01", "理发02"]


def test_checklist_page_past_the_end_says_so_and_links_back(client, liujin):
    named(make_partner(liujin), 2, "理发")
    html = client.get("/c/liujin/services?page=999").get_data(as_text=True)
    assert titles(html) == [] and "这一页没有服务了。" in html and "共 2 项服务" in html
    assert 'rel="prev" href="/c/liujin/services?page=998"' in html


def test_home_shows_six_of_todays_offers_and_not_the_others(client, liujin):
    partner = make_partner(liujin)
    today = clock.today()
    named(partner, 2, "明天才有", schedule="dates", start_date=(today + timedelta(days=1)).isoformat(),
          end_date=(today + timedelta(days=3)).isoformat())
    named(partner, 8, "今天有")
    html = client.get("/c/liujin/").get_data(as_text=True)
    shown = re.findall(r"<strong>([^<]+)</strong><span", html)
    assert shown == [f"今天有{i:02d}" for i in range(1, 7)]


@pytest.fixture
def staff(liujin):
    return make_user("staff", [liujin])


def test_review_queue_page_two_shows_the_next_oldest(client, liujin, staff):
    offers = named(make_partner(liujin, name="温州饭吧"), REVIEW_PAGE + 2, "午餐")
    start = utcnow() - timedelta(days=1)
    for i, offer in enumerate(offers):
        offer.revisions.append(OfferRevision(
            data=terms(title=f"改后{i + 1:02d}"), base=offer.published, status="pending",
            submitted_at=start + timedelta(minutes=i)))
    db.session.commit()
    login(client, staff)
    first = client.get("/staff/liujin/services/").get_data(as_text=True)
    assert f"待审核（{REVIEW_PAGE + 2}）" in first
    assert re.findall(r"温州饭吧：(改后\d+)", first) == [f"改后{i:02d}" for i in range(1, REVIEW_PAGE + 1)]
    second = client.get(next_link(first)).get_data(as_text=True)
    assert re.findall(r"温州饭吧：(改后\d+)", second) == [f"改后{REVIEW_PAGE + 1}", f"改后{REVIEW_PAGE + 2}"]
    assert f"待审核（{REVIEW_PAGE + 2}）" in second
    assert client.get("/staff/liujin/services/?page=zz").status_code == 200


def test_review_queue_lists_at_most_thirty_changes_since_printing(client, liujin, staff):
    named(make_partner(liujin), 35, "新服务")
    login(client, staff)
    html = client.get("/staff/liujin/services/").get_data(as_text=True)
    assert html.count("<li>新增：") == 30 and "另有 5 处变化未列出。" in html


def test_partner_list_page_two_shows_the_next_units(client, liujin, staff):
    for i in range(1, PARTNERS_PAGE + 3):
        make_partner(liujin, name=f"单位{i:02d}")
    login(client, staff)
    first = client.get("/staff/liujin/services/partners").get_data(as_text=True)
    assert re.findall(r"<strong>(单位\d+)</strong>", first) == [f"单位{i:02d}" for i in range(1, PARTNERS_PAGE + 1)]
    second = client.get(next_link(first)).get_data(as_text=True)
    assert re.findall(r"<strong>(单位\d+)</strong>", second) == [f"单位{PARTNERS_PAGE + 1}", f"单位{PARTNERS_PAGE + 2}"]
    html = client.get("/staff/liujin/services/partners?page=500").get_data(as_text=True)
    assert "这一页没有共建单位了。" in html


def test_portal_page_two_shows_the_older_offers(client, liujin):
    partner = make_partner(liujin)
    named(partner, PORTAL_PAGE + 2, "服务")
    login(client, make_partner_user(partner))
    first = client.get("/partner/").get_data(as_text=True)
    newest = [f"服务{i:02d}" for i in range(PORTAL_PAGE + 2, 2, -1)]
    assert re.findall(r"<strong>(服务\d+)</strong>", first) == newest
    second = client.get(next_link(first)).get_data(as_text=True)
    assert re.findall(r"<strong>(服务\d+)</strong>", second) == ["服务02", "服务01"]
    assert client.get("/partner/?page=-3").status_code == 200


def test_offer_history_pages_its_revisions_and_its_log_apart(client, liujin, staff):
    partner = make_partner(liujin)
    offer = make_live_offers(partner, 1)[0]
    user = make_partner_user(partner)
    for i in range(1, HISTORY_PAGE + 2):
        services.save_draft(offer, user, {"benefit": f"第{i:02d}版"})
        services.approve(services.submit(offer, user), staff)
    login(client, staff)
    url = f"/staff/liujin/services/offers/{offer.id}/history"
    first = client.get(url).get_data(as_text=True)
    versions = re.findall(r"<ins>(第\d+版)</ins>", first)
    assert versions == [f"第{i:02d}版" for i in range(HISTORY_PAGE + 1, 1, -1)]  # newest first
    link = next_link(first)
    assert link == f"{url}?page=2"
    second = client.get(link).get_data(as_text=True)
    assert re.findall(r"<ins>(第\d+版)</ins>", second) == ["第01版"]
    log = re.search(r'rel="next" href="([^"]*log=2[^"]*)"', second)
    assert log and "page=2" in unescape(log.group(1))  # the log's pager keeps the revisions' page
    assert client.get(f"{url}?page=x&log=99999").status_code == 200


def test_the_printed_checklist_still_lists_every_offer(client, liujin):
    from blueprints.offers import documents

    named(make_partner(liujin), CHECKLIST_PAGE + 5, "义诊")
    web = client.get("/c/liujin/services").get_data(as_text=True)
    assert len(titles(web)) == CHECKLIST_PAGE
    with client.application.test_request_context():
        job = documents.build(liujin, {})
    listed = [offer.id for _kind, rows in job.context["groups"] for offer, *_shown in rows]
    assert job.context["count"] == len(listed) == CHECKLIST_PAGE + 5
