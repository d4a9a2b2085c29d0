"""The opinion-box poster: one page per compound, Chinese text in CJK fonts, cached."""
import logging

import pytest
from click.testing import CliRunner

from commands.printing import print_command
from extensions import db
from printing.render import render_html, render_pdf
from tests.factories import login, make_community, make_compound, make_user
from tests.pdf import assert_cjk_only, page_count, pdf_text


@pytest.fixture
def xingyuan(app):
    community = make_community(slug="xingyuan", name="兴元社区", hall_phone="0317-5550202")
    for name in ("水产宿舍", "外贸小区", "建设里"):
        make_compound(community, name=name)
    return community


def test_one_page_per_compound_with_its_name_and_report_address(app, xingyuan, caplog):
    caplog.set_level(logging.WARNING, logger="weasyprint")
    with app.test_request_context():
        result = render_pdf("opinion-box", xingyuan)
    text = pdf_text(result.data)
    assert page_count(result.data) == 3
    for compound in xingyuan.compounds:
        assert compound.name in text
        assert f"/c/xingyuan/issues/new?compound={compound.id}" in text
    assert "民意收集箱" in text and "每周开箱" in text and "兴元社区" in text
    assert_cjk_only(result.data)
    # HarfBuzz subsetting is installed: no slow fontTools fallback was used.
    assert not [r for r in caplog.records if "fontTools" in r.getMessage()]


def test_the_qr_and_printed_address_use_the_public_base_url(app, xingyuan):
    with app.test_request_context():
        html, _ = render_html("opinion-box", xingyuan, {"compound": xingyuan.compounds[0].id})
    assert "http://doorstep.test/c/xingyuan/issues/new?compound=" in html
    assert html.count('<section class="box') == 1
    assert 'src="data:image/svg+xml' in html


def test_unchanged_document_comes_from_the_cache(app, xingyuan):
    with app.test_request_context():
        first = render_pdf("opinion-box", xingyuan)
        second = render_pdf("opinion-box", xingyuan)
        xingyuan.compounds[0].name = "水产新宿舍"
        db.session.commit()
        third = render_pdf("opinion-box", xingyuan)
    assert (first.cached, second.cached, third.cached) == (False, True, False)
    assert second.data == first.data
    assert "水产新宿舍" in pdf_text(third.data)


def test_staff_download_the_pdf_from_the_print_centre(client, xingyuan):
    login(client, make_user("staff", [xingyuan]))
    response = client.get("/staff/xingyuan/print/opinion-box.pdf")
    assert response.mimetype == "application/pdf"
    assert "外贸小区" in pdf_text(response.data)
    assert client.get("/staff/xingyuan/print/no-such-document.pdf").status_code == 404


def test_cli_prints_the_document(app, xingyuan, tmp_path):
    out = tmp_path / "box.pdf"
    result = CliRunner().invoke(print_command, ["opinion-box", "--community", "xingyuan",
                                                "--out", str(out)], obj=app_script_info(app))
    assert result.exit_code == 0, result.output
    assert page_count(out.read_bytes()) == 3
    assert "水产宿舍" in pdf_text(out.read_bytes())


def test_cli_explains_an_unknown_document_or_community(app, xingyuan, tmp_path):
    runner = CliRunner()
    unknown = runner.invoke(print_command, ["nothing", "--community", "xingyuan", "--out",
                                            str(tmp_path / "x.pdf")], obj=app_script_info(app))
    assert unknown.exit_code != 0 and "opinion-box" in unknown.output
    nowhere = runner.invoke(print_command, ["opinion-box", "--community", "nowhere", "--out",
                                            str(tmp_path / "x.pdf")], obj=app_script_info(app))
    assert nowhere.exit_code != 0 and "nowhere" in nowhere.output


def app_script_info(app):
    from flask.cli import ScriptInfo

    return ScriptInfo(create_app=lambda: app)


def test_footer_names_the_community_as_typed(app, xingyuan):
    xingyuan.name = '兴元&"新"社区'
    db.session.commit()
    with app.test_request_context():
        html, _ = render_html("opinion-box", xingyuan)
    assert 'content: "兴元&\\"新\\"社区 · 生成于' in html
