"""Bar charts as inline SVG, made on the server with pygal (no script, no inline style).

pygal writes a <script> (for tooltips) and a <style> into each chart; the app's CSP forbids
both, so they are taken out here and the same rules live in static/css/charts.css
(`stylesheet()` makes that file; tests/figures/test_charts.py checks it is current).
Text stays text, so the labels are searchable, readable and come out of a PDF.
"""
import re
from functools import cache
from xml.etree import ElementTree

import pygal
from markupsafe import Markup
from pygal.style import Style

from blueprints.core.privacy import mask_numbers

FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'
COLORS = ("#b71c1c", "#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f",
          "#5d4037", "#ad1457", "#455a64", "#827717", "#283593", "#4e342e")
STYLE = Style(font_family=FONT, colors=COLORS, background="#ffffff", plot_background="#ffffff",
              foreground="#222222", foreground_strong="#000000", foreground_subtle="#666666",
              label_font_size=15, major_label_font_size=15, legend_font_size=15,
              title_font_size=16, value_font_size=14)
SCOPE = ".chart svg"
SVG = "http://www.w3.org/2000/svg"
ElementTree.register_namespace("", SVG)
ElementTree.register_namespace("xlink", "http://www.w3.org/1999/xlink")


def _chart(stacked: bool, horizontal: bool = False, rows: int = 1, legend_lines: int = 1):
    # 480 wide: on a 390 px phone the labels still come out at about 12 px.
    kind = {(False, False): pygal.Bar, (True, False): pygal.StackedBar,
            (False, True): pygal.HorizontalBar, (True, True): pygal.HorizontalStackedBar}
    return kind[stacked, horizontal](
        js=[], no_prefix=True, disable_xml_declaration=True, style=STYLE, show_title=False,
        width=480, height=(max(300, 80 + 30 * rows) if horizontal else 300) + 22 * legend_lines,
        margin_bottom=8 + 8 * legend_lines,  # pygal measures CJK legend text short
        legend_at_bottom=True, legend_at_bottom_columns=2, truncate_legend=-1,
        truncate_label=-1, x_label_rotation=0, print_values=False, show_y_guides=True,
        margin=12, spacing=8, no_data_text="—")


def bar_svg(title: str, labels: list[str], series: list[tuple[str, list]], *,
            stacked: bool = False, horizontal: bool = False) -> Markup:
    """An SVG bar chart of `series` [(name, values)] over `labels`, as markup for a page."""
    chart = _chart(stacked, horizontal, rows=len(labels), legend_lines=(len(series) + 1) // 2)
    chart.x_labels = labels
    for name, values in series:
        chart.add(name, values)
    if series:  # pygal cannot place marks on a chart without series
        chart.y_labels = _axis_marks(series, stacked)
    return _clean(chart.render(is_unicode=True), title)


def _axis_marks(series: list[tuple[str, list]], stacked: bool) -> list[float]:
    """At most six round marks from 0 (0, 1, 2 … or 0, 5, 10 …), never 0.1 of an issue."""
    columns = list(zip(*[[v or 0 for v in values] for _name, values in series])) or [(0,)]
    top = max(sum(c) if stacked else max(c) for c in columns) or 1
    counts = all(isinstance(v or 0, int) for _n, values in series for v in values)
    steps = [1, 2, 5] if counts else [0.5, 1, 2, 5]
    scale = 1
    while True:
        for step in steps:
            if top / (step * scale) <= 5:
                size = step * scale
                return [round(size * n, 1) for n in range(int(top // size) + 2)]
        scale *= 10


def _clean(markup: str, title: str) -> Markup:
    """The SVG named `title`, without script, style, tooltip and ids (charts share a page)."""
    root = ElementTree.fromstring(markup)
    name = root.find(f"{{{SVG}}}title")
    if name is not None:
        name.text = title
    for parent in root.iter():
        for child in list(parent):
            tag = child.tag.split("}")[-1]
            if tag in ("script", "style") or "tooltip" in child.get("class", "").split():
                parent.remove(child)
    for element in root.iter():
        element.attrib.pop("id", None)
        element.attrib.pop("style", None)
    root.set("role", "img")  # its <title> names the chart; the table beside it has the data
    root.set("focusable", "false")
    return _serialized(root)


def stylesheet(scope: str = SCOPE) -> str:
    """pygal's CSS for STYLE, scoped to `.chart svg`: the content of static/css/charts.css."""
    chart = _chart(False)
    for index in range(len(COLORS)):
        chart.add(str(index), [1])
    css = re.search(r"<style[^>]*>(.*?)</style>", chart.render(is_unicode=True), re.S)[1]
    css = css.replace("&gt;", ">")
    rules = []
    for selectors, body in re.findall(r"([^{}]*)\{([^{}]*)\}", css):
        if "transition" in body or ":hover" in selectors:
            continue  # no motion, and nothing to hover without script
        scoped = ",".join(f"{scope} {s.strip()}".rstrip() for s in selectors.split(","))
        rules.append(f"{scoped}{{{body}}}")
    return "/* Made by blueprints/figures/charts.py stylesheet(): do not edit by hand. */\n" + \
        "\n".join(rules) + "\n"


def for_print(svg: str) -> Markup:
    """The chart with its rules inside, for WeasyPrint (which styles an SVG from within),
    and every mobile number typed into a name masked, as on all printed paper (DESIGN §8)."""
    root = ElementTree.fromstring(svg)
    for element in root.iter():
        if element.text:
            element.text = mask_numbers(element.text)
    style = ElementTree.Element(f"{{{SVG}}}style")
    style.text = _print_css()
    root.insert(0, style)
    return _serialized(root)


def _serialized(root) -> Markup:
    """The SVG as markup a template may insert as it is: ElementTree escapes every text and
    attribute on the way out, names typed by people (compounds, teams, partners) included."""
    return Markup(ElementTree.tostring(root, encoding="unicode"))


@cache
def _print_css() -> str:
    return stylesheet("svg").split("\n", 1)[1]  # without the "made by" comment line
