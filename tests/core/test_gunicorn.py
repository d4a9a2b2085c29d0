"""gunicorn.conf.py: a sane number of workers, and gunicorn serving the app with it."""
import gc
import gzip
import importlib.util
import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest
from flask import Flask

from extensions import db
from tests.factories import make_community

ROOT = Path(__file__).resolve().parents[2]
START_SECONDS = 90  # preloading the app and booting two workers on a busy 2-core machine


def _load_config():
    spec = importlib.util.spec_from_file_location("gunicorn_conf", ROOT / "gunicorn.conf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("cores, expected", [(1, 3), (2, 5), (3, 7), (4, 8), (64, 8), (0, 3)])
def test_workers_are_two_per_core_plus_one_and_capped(cores, expected):
    assert _load_config().worker_count(cores, {}) == expected


def test_web_concurrency_overrides_the_worker_count():
    config = _load_config()
    assert config.worker_count(2, {"WEB_CONCURRENCY": "3"}) == 3
    assert config.worker_count(2, {"WEB_CONCURRENCY": "0"}) == 1
    assert config.worker_count(2, {"WEB_CONCURRENCY": " "}) == 5


def test_defaults_bind_to_loopback_port_5000_and_preload(monkeypatch):
    for name in ("HOST", "PORT", "WEB_CONCURRENCY"):
        monkeypatch.delenv(name, raising=False)
    config = _load_config()
    assert config.bind == "127.0.0.1:5000"
    assert 3 <= config.workers <= config.MAX_WORKERS
    assert config.wsgi_app == "app:create_app()" and config.preload_app
    assert config.accesslog == "-" and config.timeout >= 30 and config.control_socket_disable


def _pooled(application):
    """The app's engine after one connection went back to its pool."""
    with application.app_context():
        db.engine.connect().close()
        return db.engine


def test_forking_leaves_no_pooled_connection_to_a_worker(fresh_app):
    config, application = _load_config(), fresh_app()
    server = SimpleNamespace(app=SimpleNamespace(callable=application))
    engine = _pooled(application)
    master_pool = engine.pool
    config.pre_fork(server, None)  # in the master: its connections are closed
    assert master_pool.checkedin() == 0 and engine.pool is not master_pool
    master_pool = _pooled(application).pool
    config.post_fork(server, None)  # in a worker: a new pool, the inherited one left alone
    assert master_pool.checkedin() == 1 and engine.pool is not master_pool


def test_the_master_freezes_what_it_built_before_a_worker_is_forked(fresh_app):
    config, application = _load_config(), fresh_app()
    gc.unfreeze()
    try:
        config.pre_fork(SimpleNamespace(app=SimpleNamespace(callable=application)), None)
        # The app's objects (its URL map among them) are in the permanent generation now:
        # a worker's collections no longer walk them.
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()


def test_fork_hooks_pass_over_apps_without_a_database():
    config = _load_config()
    for loaded in (None, Flask("bare")):
        config.pre_fork(SimpleNamespace(app=SimpleNamespace(callable=loaded)), None)
        config.post_fork(SimpleNamespace(app=SimpleNamespace(callable=loaded)), None)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Lines:
    """The lines a stream prints, readable with a deadline."""

    def __init__(self, stream):
        self.lines = queue.Queue()
        threading.Thread(target=self._pump, args=(stream,), daemon=True).start()

    def _pump(self, stream):
        for line in stream:
            self.lines.put(line)
        self.lines.put(None)

    def wait_for(self, pattern: str, seconds: float) -> str:
        """The first line matching `pattern`; fails when the stream ends or time runs out."""
        deadline = time.monotonic() + seconds
        seen = []
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                break
            if line is None:
                break
            seen.append(line)
            if re.search(pattern, line):
                return line
        raise AssertionError(f"no line matching {pattern!r}; got:\n{''.join(seen)}")


@pytest.fixture
def gunicorn(app, db_url, tmp_path):
    """`gunicorn --config gunicorn.conf.py` as `make run` starts it, on a free port."""
    port = _free_port()
    env = {**os.environ, "HOST": "127.0.0.1", "PORT": str(port), "WEB_CONCURRENCY": "2",
           "DOORSTEP_INSTANCE": str(tmp_path / "instance"), "DATABASE_URL": db_url,
           "DOORSTEP_ENV": "development", "SECRET_KEY": "test-secret", "PROXY_COUNT": "0",
           "RATELIMIT_STORAGE_URI": "memory://", "MESSAGE_SENDER": "log"}
    env.pop("AUTO_MIGRATE", None)  # the default: SQLite is checked in the master, PostgreSQL not
    process = subprocess.Popen([sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        errors, access = Lines(process.stderr), Lines(process.stdout)
        # With preload_app the master builds the app before it listens; requests then wait
        # in the backlog until a worker takes them.
        errors.wait_for(r"Listening at: http://127\.0\.0\.1:%d" % port, START_SECONDS)
        yield f"http://127.0.0.1:{port}", errors, access
    finally:
        process.terminate()
        process.wait(timeout=30)


def _get(url: str, **headers):
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=START_SECONDS) as response:
        return response.status, dict(response.headers), response.read()


def test_gunicorn_serves_pages_and_compressed_static_files(gunicorn):
    make_community(name="金桥社区")
    base, errors, access = gunicorn
    status, headers, body = _get(base + "/")
    html = body.decode()
    assert status == 200 and "金桥社区" in html
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    stylesheet = re.search(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', html).group(1)

    status, headers, body = _get(base + stylesheet, **{"Accept-Encoding": "gzip"})
    assert headers["Content-Encoding"] == "gzip" and "immutable" in headers["Cache-Control"]
    assert gzip.decompress(body) == (ROOT / "static" / "css" / "app.css").read_bytes()

    # The access log names each request with the bytes sent (also for sendfile()).
    assert access.wait_for(r'"GET / HTTP/1\.1" 200 [1-9]', 30)
    assert access.wait_for(r'"GET %s HTTP/1\.1" 200 %d ' % (re.escape(stylesheet), len(body)), 30)
    assert errors.wait_for(r"Booting worker", 30)
