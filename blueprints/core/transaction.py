"""One transaction per service call: commit on success, roll back on any error.

Services wear @transactional instead of calling commit and rollback themselves,
so a route never has to clean up after a refused write (CONVENTIONS 7). A service
called by another runs inside the caller's transaction: only the outermost call
commits, and an error anywhere undoes all of it. Work that must only see committed
data (queueing a PDF render) is handed to after_commit.
"""
import logging
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from extensions import WRITING, db

P = ParamSpec("P")
R = TypeVar("R")
AFTER_COMMIT = "after_commit"
log = logging.getLogger(__name__)


def transactional(service: Callable[P, R]) -> Callable[P, R]:
    """Run the service in one transaction (joined when one is already running)."""

    @wraps(service)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        info = db.session.info
        if info.get("in_service"):
            return service(*args, **kwargs)
        info["in_service"] = True
        writing = WRITING.set(True)
        try:
            _end_read_transaction()
            result = service(*args, **kwargs)
            db.session.commit()
        except BaseException:
            db.session.rollback()
            info.pop(AFTER_COMMIT, None)
            raise
        finally:
            WRITING.reset(writing)
            info["in_service"] = False
        _run_after_commit(info.pop(AFTER_COMMIT, {}))
        return result

    return run


def after_commit(key: str, callback: Callable[[], object]) -> None:
    """Run `callback` once the outermost service call has committed; never if it rolls back.

    One callback per key however often it is asked for (approving ten offers queues one
    render). Outside a service the callback runs at once.
    """
    if not db.session.info.get("in_service"):
        _run_after_commit({key: callback})
        return
    db.session.info.setdefault(AFTER_COMMIT, {})[key] = callback


def _run_after_commit(callbacks: dict[str, Callable[[], object]]) -> None:
    # The data is committed: a callback that fails must not turn that into an error page.
    for key, callback in callbacks.items():
        try:
            callback()
        except Exception:
            log.exception("after-commit %s failed", key)


def _end_read_transaction() -> None:
    """Close a deferred SQLite read transaction, so the service's own begins IMMEDIATE.

    Upgrading a read transaction to a write fails at once when another writer has
    committed since it began (extensions._begin); a fresh one waits its turn.
    """
    if not db.session().in_transaction():
        return
    connection = db.session.connection()
    if connection.info.get("deferred"):
        db.session.commit()
