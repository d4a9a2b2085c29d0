"""Templates translate through a catalogue kept per context and locale (core/translations.py)."""
from flask import render_template_string
from flask_babel import force_locale


def test_force_locale_switches_the_catalogue_and_back(app):
    template = "{{ _('首页') }}"
    with app.test_request_context("/"):
        assert render_template_string(template) == "首页"
        with force_locale("en"):  # a PDF or a message in the recipient's language
            assert render_template_string(template) == "Home"
        assert render_template_string(template) == "首页"


def test_pages_in_english_and_chinese_one_after_another(app, client):
    client.set_cookie("lang", "en")
    assert "Staff login" in client.get("/login").text
    client.delete_cookie("lang")
    page = client.get("/login").text
    assert "工作人员登录" in page and "Staff login" not in page
