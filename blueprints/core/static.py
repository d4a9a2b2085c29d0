"""Static files as production serves them: names that change with the content, compressed.

At start every file of static/ is copied into STATIC_BUILD_DIR under a name carrying a
hash of its content (css/app.css → css/app.3f2a1b9c0d12.css), with a .gz copy (and .br
when the brotli package is installed) beside it. `url_for('static', …)` gives the hashed
name, which WhiteNoise serves with `max-age=31536000, immutable`: a browser never asks
again, and a changed file gets a new URL. The plain name still works, cached briefly.

The debug server (`make dev`) skips all this: Flask serves static/ as it is, so an edited
stylesheet shows on the next reload.
"""
import hashlib
import os
from pathlib import Path, PurePosixPath

from flask import Flask
from whitenoise import WhiteNoise
from whitenoise.compress import Compressor, brotli_installed

from blueprints.core.headers import CSP

HASH_LENGTH = 12
SHORT_MAX_AGE = 60  # the plain name: a deploy reaches everyone within a minute


class StaticFiles(WhiteNoise):
    """WhiteNoise with one year for immutable files (its default is ten)."""

    FOREVER = 365 * 24 * 3600


def hashed_name(name: str, data: bytes) -> str:
    """`css/app.css` → `css/app.<first 12 hex digits of its SHA-256>.css`."""
    path = PurePosixPath(name)
    digest = hashlib.sha256(data).hexdigest()[:HASH_LENGTH]
    return str(path.with_name(f"{path.stem}.{digest}{path.suffix}"))


def _write(path: Path, data: bytes) -> None:
    # Several workers may build at once: each writes its own temporary file, then renames.
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def _compressed(data: bytes):
    """(suffix, bytes) for each encoding that saves at least 5%."""
    encoders = [(".gz", Compressor.compress_gzip)]
    if brotli_installed:
        encoders.append((".br", Compressor.compress_brotli))
    for suffix, encode in encoders:
        packed = encode(data)
        if len(packed) <= 0.95 * len(data):
            yield suffix, packed


def _publish(path: Path, data: bytes) -> None:
    """Write a hashed file and its compressed copies, unless an earlier start did."""
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    if Compressor(quiet=True).should_compress(path.name):
        for suffix, packed in _compressed(data):
            _write(path.with_name(path.name + suffix), packed)
    _write(path, data)  # last: once it exists, its compressed copies do too


def build(source: Path, target: Path) -> dict[str, str]:
    """Copy every file under `source` into `target` under its hashed name; {name: hashed}."""
    manifest = {}
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        name = path.relative_to(source).as_posix()
        data = path.read_bytes()
        manifest[name] = hashed_name(name, data)
        _publish(target / manifest[name], data)
    return manifest


def _published(target: Path):
    """Every hashed file built so far, earlier releases' too (WhiteNoise skips .gz and .br)."""
    # Old names stay served: a page loaded before a deploy still gets its own stylesheet.
    # Temporary files of a build in progress start with a dot.
    for path in sorted(target.rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            yield path


def _security_headers(headers, path: str, url: str) -> None:
    # WhiteNoise answers before Flask, so core/headers.py's hook never sees these responses.
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Content-Security-Policy"] = CSP


def install(app: Flask) -> None:
    """Serve static/ through WhiteNoise and make url_for('static') give hashed names."""
    if app.debug:
        return
    source = Path(app.static_folder)
    target = Path(app.config["STATIC_BUILD_DIR"]).resolve()
    manifest = build(source, target)
    prefix = app.static_url_path
    server = StaticFiles(
        app.wsgi_app, root=source, prefix=prefix, max_age=SHORT_MAX_AGE,
        add_headers_function=_security_headers,
        immutable_file_test=lambda path, url: Path(path).is_relative_to(target))
    for path in _published(target):
        server.add_file_to_dictionary(f"{prefix}/{path.relative_to(target).as_posix()}", str(path))
    app.wsgi_app = server

    @app.url_defaults
    def hashed_static_names(endpoint: str, values: dict) -> None:
        if endpoint == "static" and values.get("filename") in manifest:
            values["filename"] = manifest[values["filename"]]
