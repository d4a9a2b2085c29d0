"""gunicorn for the app and for the bare page, on the same settings; RSS of its workers."""
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    """What both servers run with."""

    workers: int
    threads: int
    timeout: int = 120  # an uncached PDF of the big community takes seconds

    def describe(self) -> str:
        return f"gunicorn {self.workers} workers × {self.threads} threads (gthread)"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """One gunicorn master serving `target` ("app:create_app()" or "bench.bare:app")."""

    def __init__(self, target: str, settings: Settings, env: dict, log: str):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        command = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{self.port}",
                   "--workers", str(settings.workers), "--worker-class", "gthread",
                   "--threads", str(settings.threads), "--timeout", str(settings.timeout),
                   "--log-level", "warning", target]
        self.log = open(log, "ab")
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=self.log,
                                        stderr=subprocess.STDOUT)
        self.wait_ready(settings.workers)

    def wait_ready(self, workers: int, seconds: float = 60) -> None:
        """Until a request is answered and every worker has booted."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({self.process.returncode}); see {self.log.name}")
            try:
                urllib.request.urlopen(self.base + "/", timeout=5).read()
                if len(self.workers()) == workers:
                    return
            except urllib.error.HTTPError:
                return  # it answers (a 404 is an answer)
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not get ready in time")

    def workers(self) -> list[int]:
        """The worker processes' ids."""
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in path.read_text().split()] if path.exists() else []

    def rss_mb(self) -> list[float]:
        """Resident memory of each worker, in MB."""
        sizes = []
        for pid in self.workers():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        return sizes

    def cpu_seconds(self) -> float:
        """CPU time the workers have used so far."""
        total = 0
        for pid in self.workers():
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / os.sysconf("SC_CLK_TCK")

    def wait_idle(self, seconds: float = 60) -> None:
        """Until the workers stop working: wrk leaves requests behind that are still served."""
        deadline = time.monotonic() + seconds
        used = self.cpu_seconds()
        while time.monotonic() < deadline:
            time.sleep(0.25)
            now = self.cpu_seconds()
            if now - used < 0.02:
                return
            used = now

    def stop(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
