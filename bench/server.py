"""gunicorn for the benchmark: started on 127.0.0.1, always stopped, its workers' memory read.

``serve()`` is a context manager: whatever happens inside (an error, Ctrl-C), the master gets
SIGTERM and, if it has not stopped after a grace period, SIGKILL for its whole process group.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess  # nosec B404 - starts gunicorn from our own virtualenv
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")


@dataclass
class Server:
    process: subprocess.Popen
    port: int

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def worker_peak_memory_mb(self) -> list[float]:
        """VmHWM of each worker: the most resident memory it has held since it started."""
        peaks = []
        for pid in self.worker_pids():
            with contextlib.suppress(OSError):
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peaks.append(round(int(line.split()[1]) / 1024, 1))
        return peaks


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn avslutades direkt (kod {process.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310  # nosec B310 - 127.0.0.1
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn svarade inte inom {timeout:.0f} s på {url}")


def stop(process: subprocess.Popen, grace: float = 20) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@contextlib.contextmanager
def serve(env: dict[str, str], workers: int = 2, log_path: Path | None = None) -> Iterator[Server]:
    port = free_port()
    log = open(log_path, "ab") if log_path else subprocess.DEVNULL  # noqa: SIM115
    process = subprocess.Popen(  # noqa: S603  # nosec B603 - fixed arguments
        [
            str(GUNICORN),
            # Production's configuration (gthread workers, timeouts, request line), so the
            # benchmark measures what the site runs; only the count, address and grace differ.
            "--config",
            str(ROOT / "gunicorn.conf.py"),
            "website.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--graceful-timeout",
            "10",
            # One connection per worker at a time, so wrk's two connections are served by both
            # workers. Without it a gthread worker takes both whenever it accepts first, and
            # the same page measured 35 and 100 req/s in two runs (one core or two). It also
            # turns keep-alive off: each request is a new connection to whichever worker is
            # free, and a worker renewed after ``max_requests`` closes no connection wrk is
            # reusing (wrk counted that as a read error; browsers and proxies retry it).
            "--worker-connections",
            "1",
        ],
        cwd=ROOT,
        # No line per request while wrk runs, and no worker renewal (``max_requests``): a
        # renewal stalled one of wrk's connections for 2-5 s (the /bench/floor/ view: p95
        # 3.2 s with renewals every 5 000 requests, 2.8 ms without), which wrk's correction for
        # coordinated omission spreads over the percentiles of whichever URL was measured.
        env={**env, "GUNICORN_ACCESS_LOG": "", "GUNICORN_MAX_REQUESTS": "0"},
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    try:
        server = Server(process=process, port=port)
        wait_until_up(f"{server.base_url}/bench/floor/", process)
        yield server
    finally:
        stop(process)
        if log_path:
            log.close()
