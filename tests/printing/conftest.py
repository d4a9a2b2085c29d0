"""A render backend that holds jobs until the test runs them: "a newer render is pending"."""
import pytest

import blueprints.printing.queue
from blueprints.printing.queue import run_render_job


class HeldBackend:
    """Keeps submitted job ids; run() renders them now, in the test's app context."""

    def __init__(self):
        self.job_ids: list[int] = []

    def submit(self, job_id: int) -> None:
        self.job_ids.append(job_id)

    def run(self) -> None:
        while self.job_ids:
            run_render_job(self.job_ids.pop(0))


@pytest.fixture
def held(monkeypatch):
    """Jobs are queued (rows in render_jobs) but nothing renders them until held.run()."""
    backend = HeldBackend()
    monkeypatch.setattr(blueprints.printing.queue, "backend", lambda app=None: backend)
    return backend
