"""Real-browser tests: the app served on a loopback port, driven by the system Chromium.

Data for a test is made inside `live_app`'s context with the factories. On SQLite
every transaction takes the write lock (BEGIN IMMEDIATE), so after reading from
the database in a test, end the read with db.session.commit() before the browser
acts again, or the server will wait for the lock.
"""
import re
import threading

import pytest
from playwright.sync_api import Page, expect
from werkzeug.serving import make_server

from app import create_app
from extensions import db, limiter
from tests.conftest import empty_database, test_config
from tests.core.test_demo import run_seed
from tests.factories import PASSWORD

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def browser_type_launch_args():
    """Debian's Chromium, never a downloaded browser (CONVENTIONS, Known traps)."""
    return {
        "executable_path": "/usr/bin/chromium",
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args():
    """A phone: 390×844, touch, Simplified Chinese."""
    return {"viewport": PHONE, "device_scale_factor": 2, "is_mobile": True,
            "has_touch": True, "locale": "zh-CN"}


@pytest.fixture(scope="session")
def live_app(db_url, tmp_root):
    """The app the browser talks to; CSRF is on, as in production."""
    return create_app(test_config(db_url, tmp_root, WTF_CSRF_ENABLED=True))


class HeldAnswers:
    """WSGI middleware: the answer to a POST a test names waits until the test lets it go,
    as on a weak 4G signal, for as long as the test needs and no longer."""

    def __init__(self, app):
        self.app, self.gates = app, {}

    def __call__(self, environ, start_response):
        for pattern, gate in list(self.gates.items()):
            if environ["REQUEST_METHOD"] == "POST" and re.fullmatch(pattern, environ["PATH_INFO"]):
                gate.wait(timeout=30)
        return self.app(environ, start_response)


@pytest.fixture(scope="session")
def network(live_app):
    return HeldAnswers(live_app)


@pytest.fixture
def slow_network(network):
    """`gate = slow_network(r"/partner/offers/\\d+")` holds those answers until `gate.set()`."""

    def hold(pattern: str) -> threading.Event:
        gate = network.gates[pattern] = threading.Event()
        return gate

    yield hold
    for gate in network.gates.values():
        gate.set()
    network.gates.clear()


@pytest.fixture(scope="session")
def live_server(network):
    """Serve live_app on a free loopback port for the whole session."""
    server = make_server("127.0.0.1", 0, network, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def live(live_app, live_server):
    """The server's base URL; the database is emptied after the test."""
    limiter.reset()
    with live_app.app_context():
        yield live_server
        db.session.rollback()
        empty_database()


@pytest.fixture
def demo(live, live_app):
    """The server's base URL, with the demo data (seed-demo) in the database."""
    run_seed(live_app)
    db.session.commit()
    return live


def log_in(page: Page, live: str, username: str) -> None:
    """Log in through the form, as a person would, and wait for the landing page."""
    page.goto(f"{live}/login")
    page.get_by_label("手机号或用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(re.compile(r"/(staff|partner)/"))
