"""Load with wrk: requests per second, p50 and p95 at a number of concurrent clients."""
import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# wrk's own report has no p95: a `done` hook prints what we need as one JSON line.
REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('BENCH {"requests": %d, "seconds": %f, "p50_ms": %f, "p95_ms": %f, '
    .. '"socket_errors": %d, "bad_status": %d, "bytes": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, e.connect + e.read + e.write + e.timeout, e.status,
    summary.bytes))
end
"""


@dataclass
class Load:
    """What one wrk run measured."""

    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    socket_errors: int
    bad_status: int
    bytes: int
    bare_rps: float = 0.0  # the bare page's, measured just before and after this run

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def errors(self) -> int:
        return self.socket_errors + self.bad_status


def ensure_wrk() -> str:
    """wrk's path, installed with apt-get (scripts/ensure-system-packages) when missing."""
    if not shutil.which("wrk"):
        subprocess.run([str(ROOT / "scripts" / "ensure-system-packages"), "wrk"], check=True)
    return shutil.which("wrk") or "wrk"


def run(url: str, seconds: float, clients: int, cookie: str = "") -> Load:
    """`clients` clients over two wrk threads for `seconds`, each request on a new connection.

    gunicorn sees requests that way behind nginx, whose proxy speaks HTTP/1.0 to it and
    closes the connection after each response (README, deploying), and phones' visits
    arrive that way too. With kept-alive connections the measure is a lottery instead:
    wrk opens its 8 connections at once, and however the two workers happen to split them
    (8 and 0, 5 and 3 …) stays fixed for the whole run, so one run had a core 45% idle and
    half the requests per second of the next, for the bare page as for the app.
    """
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(REPORT)
    command = [ensure_wrk(), "-H", "Connection: close", "-t", str(min(2, clients)), "-c", str(clients),
               "-d", f"{seconds:g}s", "--timeout", "30s", "-s", script.name, url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    Path(script.name).unlink(missing_ok=True)
    line = next((l for l in done.stdout.splitlines() if l.startswith("BENCH ")), None)
    if line is None:
        raise RuntimeError(f"wrk gave no report: {done.stdout}\n{done.stderr}")
    return Load(**json.loads(line.removeprefix("BENCH ")))
