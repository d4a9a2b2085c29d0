"""The recruitment poster: A4, the skill and 招募 in the extracted text, CJK fonts, a QR code
to the call's page; from the print command and the staff print route."""
import re

from blueprints.classes import call_documents
from printing.render import render_pdf
from tests.classes.factories import make_call, make_request
from tests.factories import login, make_community, make_user
from tests.pdf import assert_cjk_only, page_count, pdf_reader, pdf_text


def _call():
    community = make_community(slug="liujin", name="流津社区", hall_phone="025-58000000")
    item = make_request(community, "钩针编织", supporters=14)
    return community, make_call(community, "钩针编织老师", course_request=item,
                                audience="中老年居民", frequency="每周二上午，共8次")


def test_poster_names_the_skill_and_the_call_on_one_a4_page(app):
    community, call = _call()
    with app.test_request_context():
        data = render_pdf("recruitment-call", community, {"call": call.id}).data
    text = re.sub(r"\s+", "", pdf_text(data))
    assert "招募令" in text and "钩针编织老师" in text and "流津社区" in text
    assert "中老年居民" in text and "每周二上午" in text and "14位邻居想学" in text
    assert f"/c/liujin/classes/calls/{call.id}" in text
    assert_cjk_only(data)
    assert page_count(data) == 1
    width, height = (float(v) for v in pdf_reader(data).pages[0].mediabox[2:])
    assert round(width) == 595 and round(height) == 842  # A4 in points


def test_poster_qr_points_at_the_calls_public_page(app):
    community, call = _call()
    with app.test_request_context():
        job = call_documents.build(community, {"call": call.id})
    assert job.context["url"].endswith(f"/c/liujin/classes/calls/{call.id}")
    assert job.context["qr"].startswith("data:image/svg+xml")


def test_print_command_and_staff_route(app, client, tmp_path):
    community, call = _call()
    out = tmp_path / "poster.pdf"
    result = app.test_cli_runner().invoke(args=[
        "print", "recruitment-call", "--community", "liujin", "--call", str(call.id),
        "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "招募令" in pdf_text(out.read_bytes())
    missing = app.test_cli_runner().invoke(args=[
        "print", "recruitment-call", "--community", "liujin", "--out", str(out)])
    assert missing.exit_code != 0 and "--call" in missing.output
    url = f"/staff/liujin/print/recruitment-call.pdf?call={call.id}"
    assert client.get(url).status_code == 302
    login(client, make_user("staff", [community]))
    response = client.get(url)
    assert response.mimetype == "application/pdf" and "钩针编织老师" in pdf_text(response.data)
    center = client.get("/staff/liujin/print/").get_data(as_text=True)
    assert "招募令海报" in center and "钩针编织老师" in center
    other = make_call(make_community(slug="xingyuan"), "太极老师")
    assert client.get(f"/staff/liujin/print/recruitment-call.pdf?call={other.id}").status_code == 404
