"""The monthly report PDF carries the figures page's charts, with their Chinese labels as text."""
from tests.pdf import assert_cjk_only, pdf_text
from tests.factories import login, make_user


def test_monthly_report_pdf_has_the_charts_with_chinese_labels(app, world):
    out = f"{app.config['INSTANCE_DIR']}/report.pdf"
    result = app.test_cli_runner().invoke(args=["print", "monthly-report", "--community", "xy",
                                                "--month", "2026-11", "--out", out])
    assert result.exit_code == 0, result.output
    data = open(out, "rb").read()
    text = pdf_text(data)
    charts = text.split("近六个月图表")[1]
    for label in ("每月诉求（按类别）", "道路井盖", "环境卫生", "颐和新园", "红马甲", "敲门队",
                  "课程报名", "微发馆", "惠民超市", "第一网格", "2026-06", "2026-11"):
        assert label in charts, label
    assert_cjk_only(data)


def test_the_preview_twin_holds_one_styled_svg_per_chart(app, client, world):
    login(client, make_user("staff", [world]))
    html = client.get("/staff/xy/print/monthly-report.html?month=2026-11").get_data(as_text=True)
    assert html.count("<svg ") == 9 and html.count("<svg ") == html.count("<style>svg{")
    assert "<script" not in html


def test_a_number_typed_into_a_name_is_masked_in_the_printed_chart(app, world):
    from blueprints.figures import charts

    svg = charts.for_print(charts.bar_svg("队伍", ["2026-11"], [("王队长 13912345678", [1])]))
    assert "13912345678" not in svg and "139****5678" in svg and "<style>svg{" in svg


def test_the_static_chart_stylesheet_is_current():
    from pathlib import Path

    from blueprints.figures import charts

    assert Path("static/css/charts.css").read_text() == charts.stylesheet(), \
        "run: .venv/bin/python -c 'from blueprints.figures import charts; " \
        "open(\"static/css/charts.css\", \"w\").write(charts.stylesheet())'"


def test_axis_marks_are_whole_for_counts_and_few():
    from blueprints.figures.charts import _axis_marks

    assert _axis_marks([("a", [1, 1]), ("b", [0, 1])], stacked=True) == [0, 1, 2, 3]
    assert _axis_marks([("a", [137])], stacked=False) == [0, 50, 100, 150]
    assert _axis_marks([("a", [1.5])], stacked=False) == [0, 0.5, 1, 1.5, 2]


def test_a_chart_without_series_renders():
    from blueprints.figures.charts import bar_svg

    assert "<svg" in bar_svg("空", ["2026-11"], [], stacked=True)
