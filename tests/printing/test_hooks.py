"""Printing core: builders only read; staff PDF and CLI printings call on_printed; the centre shows status."""
import pytest

from blueprints.offers import services
from models import ChecklistPrint
from printing.registry import DOCUMENTS, Document, PrintJob, PrintStatus
from printing.render import render_html, render_pdf
from tests.factories import login, make_community, make_user
from tests.offers.factories import make_offer, make_partner


@pytest.fixture
def probe(monkeypatch):
    """A throwaway document that notes every on_printed call."""
    calls = []

    def build(community, options):
        return PrintJob(template="print/layout.html", context={}, filename="probe.pdf",
                        memo={"options": dict(options)})

    document = Document(name="probe", title="探针", build=build,
                        on_printed=lambda community, job, actor: calls.append((community, job.memo, actor)),
                        status=lambda community: PrintStatus("探针状态", ["第一行", "第二行"], True))
    monkeypatch.setitem(DOCUMENTS, "probe", document)
    return calls


@pytest.fixture
def staffed(app, client):
    community = make_community(slug="liujin", name="流津社区")
    staff = make_user("staff", [community])
    login(client, staff)
    return community, staff


def test_staff_pdf_calls_on_printed_preview_does_not(client, staffed, probe):
    community, staff = staffed
    assert client.get("/staff/liujin/print/probe.html").status_code == 200
    assert probe == []
    assert client.get("/staff/liujin/print/probe.pdf?size=A3").status_code == 200
    assert probe == []  # downloading is not printing (a GET changes nothing)
    response = client.post("/staff/liujin/print/probe/printed?size=A3")
    assert response.status_code == 303 and response.headers["Location"].endswith("/staff/liujin/print/")
    assert probe == [(community, {"options": {"size": "A3"}}, staff)]
    client.post("/staff/liujin/print/probe/printed")  # from the cache: still a printing
    assert len(probe) == 2


def test_cli_calls_on_printed(app, staffed, probe, tmp_path):
    community, _staff = staffed
    result = app.test_cli_runner().invoke(args=["print", "probe", "--community", "liujin",
                                               "--out", str(tmp_path / "p.pdf")])
    assert result.exit_code == 0, result.output
    assert probe == [(community, {"options": {}}, None)]


def test_print_centre_shows_each_documents_status(client, staffed, probe):
    page = client.get("/staff/liujin/print/").get_data(as_text=True)
    assert "探针状态" in page and "<li>第二行</li>" in page and "print-doc__status--stale" in page


def test_services_builder_writes_nothing(app, staffed):
    community, _staff = staffed
    make_offer(make_partner(community), title="免费午餐")
    with app.test_request_context():
        render_html("services", community)
        render_pdf("services", community)
    assert ChecklistPrint.query.count() == 0


def test_only_staff_and_cli_printings_of_the_checklist_are_recorded(client, staffed):
    community, staff = staffed
    partner = make_partner(community)
    make_offer(partner, title="免费午餐")
    client.get("/staff/liujin/print/services.html")
    client.get("/c/liujin/services.pdf")
    assert ChecklistPrint.query.count() == 0
    client.get("/staff/liujin/print/services.pdf")
    assert ChecklistPrint.query.count() == 0
    client.post("/staff/liujin/print/services/printed?public=1")  # no way to skip the record
    printing = ChecklistPrint.query.one()
    assert printing.printed_by == staff and "免费午餐" in " ".join(printing.offers.values())


def test_print_centre_says_what_changed_on_the_checklist(client, staffed):
    community, _staff = staffed
    partner = make_partner(community, name="温州饭吧")
    meal = make_offer(partner, title="免费午餐")
    page = client.get("/staff/liujin/print/").get_data(as_text=True)
    assert "还没有打印过" in page
    client.post("/staff/liujin/print/services/printed")
    assert "自上次打印后没有变化" in client.get("/staff/liujin/print/").get_data(as_text=True)
    services.save_draft(meal, None, {"title": "免费午餐和晚餐"})
    services.approve(services.submit(meal, None), None)
    make_offer(partner, title="上门理发")
    page = client.get("/staff/liujin/print/").get_data(as_text=True)
    assert "需要重新打印" in page and "新增：温州饭吧 · 上门理发" in page
    assert "修改：温州饭吧 · 免费午餐 · " in page and "免费午餐和晚餐" in page
