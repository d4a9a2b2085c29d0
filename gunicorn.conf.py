"""gunicorn settings: what `make run` starts is what production runs.

gunicorn reads this file by itself when started from the project folder
(`.venv/bin/gunicorn`). HOST, PORT, WEB_CONCURRENCY and GUNICORN_THREADS come from
the environment or `.env`.
"""
import gc
import os
from pathlib import Path

from dotenv import load_dotenv

load_dotenv(Path(__file__).resolve().parent / ".env")

MAX_WORKERS = 8  # a worker is ~110 MB booted, ~200 MB after rendering PDFs


def cpu_cores() -> int:
    """The cores this process may run on (a container's share, not the host's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def worker_count(cores: int, environ=os.environ) -> int:
    """2 × cores + 1, at most MAX_WORKERS; WEB_CONCURRENCY when set."""
    if environ.get("WEB_CONCURRENCY", "").strip():
        return max(1, int(environ["WEB_CONCURRENCY"]))
    return min(2 * max(cores, 1) + 1, MAX_WORKERS)


wsgi_app = "app:create_app()"
bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '5000')}"
workers = worker_count(cpu_cores())
# Threads let a worker answer other requests while one waits on the database or renders a PDF.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 2))
# An uncached PDF of a big community takes seconds; a gthread worker keeps beating meanwhile,
# so this only ends a worker that is truly stuck.
timeout = 120
graceful_timeout = 30
keepalive = 5
accesslog = "-"
# Content-Length, not %(b)s: gunicorn counts no bytes for files it sends with sendfile().
access_log_format = ('%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %({content-length}o)s '
                     '"%(f)s" "%(a)s" %(M)sms')
loglevel = "info"
# gunicorn's control socket defaults to one path per user ($HOME/.gunicorn/gunicorn.ctl):
# a second server (tests, the benchmark) would take it over. Signals still manage workers.
control_socket_disable = True

# The app is built once in the master: migrations on start (SQLite) and the static build
# run once, and workers share its memory. Nothing in create_app() may start a thread (it
# would not survive the fork) or keep a database connection: see the two hooks below.
preload_app = True


def _dispose_engines(server, close: bool) -> None:
    """Drop the preloaded app's pooled database connections."""
    app = getattr(server.app, "callable", None)
    if "sqlalchemy" not in getattr(app, "extensions", {}):
        return  # not preloaded, or an app without a database (bench.bare)
    from extensions import db

    with app.app_context():
        for engine in db.engines.values():
            engine.dispose(close=close)


def pre_fork(server, worker):
    """Close the master's connections, so no worker inherits a socket or SQLite handle; move
    what the preloaded app built (~200k objects) out of the garbage collector's sight, so a
    worker's full collections stop walking it (one took ~200 ms, stalling every request in
    flight) and its pages stay shared with the master (Python's gc.freeze documentation)."""
    _dispose_engines(server, close=True)
    gc.collect()
    gc.freeze()


def post_fork(server, worker):
    """Give the worker its own pool; never touch what the master may still hold."""
    _dispose_engines(server, close=False)
