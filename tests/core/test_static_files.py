"""Static files: hashed names in pages, a year of caching, gzip, the plain names still served."""
import gzip
import hashlib
import re
from pathlib import Path

import pytest
from flask import Flask, url_for

from blueprints.core import static

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "static"


def _linked(html: str, name: str) -> str:
    """The URL the page uses for static/<name>."""
    stem, suffix = name.rsplit(".", 1)
    match = re.search(rf'"(/static/{re.escape(stem)}\.([0-9a-f]{{12}})\.{suffix})"', html)
    assert match, f"no hashed link to {name} in the page"
    return match.group(1)


def _digest(name: str) -> str:
    return hashlib.sha256((STATIC / name).read_bytes()).hexdigest()[:12]


@pytest.mark.parametrize("name", ["css/app.css", "js/app.js", "vendor/htmx.min.js"])
def test_a_page_links_static_files_by_content_hash(client, name):
    html = client.get("/").text
    assert _linked(html, name).endswith(f".{_digest(name)}.{name.rsplit('.', 1)[1]}")


def test_a_hashed_file_is_cached_a_year_and_immutable(client):
    url = _linked(client.get("/").text, "css/app.css")
    response = client.get(url)
    assert response.data == (STATIC / "css/app.css").read_bytes()
    assert response.headers["Cache-Control"] == "max-age=31536000, public, immutable"
    assert response.headers["Content-Type"].startswith("text/css")
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_gzip_is_served_when_the_browser_accepts_it(client):
    url = _linked(client.get("/").text, "vendor/htmx.min.js")
    plain = client.get(url, headers={"Accept-Encoding": "identity"})
    packed = client.get(url, headers={"Accept-Encoding": "gzip, deflate"})
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert len(packed.data) < len(plain.data) / 2
    assert gzip.decompress(packed.data) == plain.data == (STATIC / "vendor/htmx.min.js").read_bytes()
    assert packed.headers["Cache-Control"].endswith("immutable")


def test_the_plain_name_still_works_with_a_short_cache(client):
    response = client.get("/static/css/app.css")
    assert response.data == (STATIC / "css/app.css").read_bytes()
    assert response.headers["Cache-Control"] == f"max-age={static.SHORT_MAX_AGE}, public"


def test_pages_keep_their_security_headers(client):
    response = client.get("/")
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["Cache-Control"] == "no-store"


def _app_with(folder: Path, build: Path, **config) -> Flask:
    app = Flask("probe", static_folder=str(folder), root_path=str(folder.parent))
    app.config.update(STATIC_BUILD_DIR=str(build), **config)
    static.install(app)
    return app


def _url(app: Flask, name: str) -> str:
    with app.test_request_context():
        return url_for("static", filename=name)


def test_the_url_changes_with_the_content_and_old_urls_keep_working(tmp_path):
    folder, build = tmp_path / "static", tmp_path / "build"
    (folder / "css").mkdir(parents=True)
    (folder / "css" / "x.css").write_text("p { color: red }")
    before = _url(_app_with(folder, build), "css/x.css")
    (folder / "css" / "x.css").write_text("p { color: blue }")
    app = _app_with(folder, build)
    after = _url(app, "css/x.css")
    assert before != after and before.startswith("/static/css/x.") and after.startswith("/static/css/x.")
    client = app.test_client()
    assert client.get(after).text == "p { color: blue }"
    # A page loaded before the deploy still gets the stylesheet it was written for.
    assert client.get(before).text == "p { color: red }"
    assert client.get("/static/css/x.css").text == "p { color: blue }"


def test_a_build_is_reused_and_small_files_are_not_compressed(tmp_path):
    folder, build = tmp_path / "static", tmp_path / "build"
    folder.mkdir()
    (folder / "tiny.js").write_text("x")
    (folder / "big.js").write_text("let a = 1;\n" * 500)
    first = static.build(folder, build)
    stamp = (build / first["big.js"]).stat().st_mtime_ns
    assert static.build(folder, build) == first
    assert (build / first["big.js"]).stat().st_mtime_ns == stamp
    assert (build / (first["big.js"] + ".gz")).exists()
    assert not (build / (first["tiny.js"] + ".gz")).exists()  # gzip would make it larger


def test_the_debug_server_serves_static_as_it_is(tmp_path):
    folder = tmp_path / "static"
    folder.mkdir()
    (folder / "x.css").write_text("p {}")
    app = _app_with(folder, tmp_path / "build", DEBUG=True)
    assert _url(app, "x.css") == "/static/x.css"
    assert not (tmp_path / "build").exists()


def test_templates_build_every_static_url_with_url_for():
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text()
        assert not re.search(r"""(?:href|src)=["']/static/""", text), path.relative_to(ROOT)
