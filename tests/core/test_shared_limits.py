"""Rate limits hold across workers: a shared Redis store, and memory:// refused in production."""
import json
import os
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from app import create_app
from extensions import limiter
from tests.conftest import test_config

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wrong_logins(base: str, count: int) -> list[int]:
    """POST wrong passwords, each on a new connection (gunicorn spreads them over its workers)."""
    answers = []
    body = urllib.parse.urlencode({"identifier": "nobody", "password": "wrong"}).encode()
    for _ in range(count):
        try:
            with urllib.request.urlopen(f"{base}/login", data=body, timeout=10) as response:
                answers.append(response.status)
        except urllib.error.HTTPError as error:
            answers.append(error.code)
    return answers


@pytest.fixture
def gunicorn(db_url, tmp_root, redis_url):
    """The app under gunicorn with three worker processes sharing the Redis limit store."""
    port = _free_port()
    settings = test_config(db_url, tmp_root, RATELIMIT_STORAGE_URI=redis_url,
                           LOGIN_RATE_LIMIT="5 per minute", ENV_NAME="production")
    env = {**os.environ, "DOORSTEP_TEST_SETTINGS": json.dumps(settings)}
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", "3", "--bind", f"127.0.0.1:{port}",
         "tests.core.limits_app:app"], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        # Once gunicorn listens, requests wait in its backlog until a worker takes them.
        for line in process.stderr:
            if "Listening at" in line:
                break
        else:
            raise RuntimeError("gunicorn did not start")
        threading.Thread(target=process.stderr.read, daemon=True).start()  # keep the pipe drained
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_three_gunicorn_workers_on_one_redis_let_only_the_limit_through(app, gunicorn):
    answers = _wrong_logins(gunicorn, 20)
    assert answers.count(422) == 5 and answers.count(429) == 15, answers


def test_production_refuses_per_worker_limits(db_url, tmp_root):
    settings = test_config(db_url, tmp_root, ENV_NAME="production", RATELIMIT_SINGLE_WORKER=False)
    kept = limiter._storage, limiter._limiter  # one Limiter serves every app of this process
    try:
        with pytest.raises(RuntimeError, match="RATELIMIT_STORAGE_URI"):
            create_app(settings)
        assert create_app({**settings, "RATELIMIT_SINGLE_WORKER": True}) is not None
    finally:
        limiter._storage, limiter._limiter = kept
