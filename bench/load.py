"""Drive one URL with wrk for a bounded time and read back its numbers.

wrk (Debian package ``wrk``) keeps the machine's cores busy with very little overhead of its own;
its Lua ``done()`` hook (``bench/report.lua``) prints the rate, any latency percentile and the
error counts as one JSON line, so nothing is parsed from wrk's human-readable summary.
"""

from __future__ import annotations

import json
import shutil
import subprocess  # nosec B404 - runs wrk, a fixed local program
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

SCRIPT = Path(__file__).with_name("report.lua")
MARKER = "BENCH_JSON "


@dataclass(frozen=True)
class LoadSettings:
    seconds: int = 10
    warmup_seconds: int = 2
    threads: int = 2
    connections: int = 2


class WrkMissing(RuntimeError):
    pass


def wrk_path() -> str:
    path = shutil.which("wrk")
    if not path:
        raise WrkMissing("wrk saknas. Installera det med: sudo apt-get install wrk")
    return path


def run_wrk(url: str, seconds: int, settings: LoadSettings) -> dict:
    """One wrk run; ``url`` must be on 127.0.0.1 (the benchmark never sends traffic elsewhere)."""
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError(f"Bara 127.0.0.1 får belastas, inte {url}")
    command = [
        wrk_path(),
        f"-t{settings.threads}",
        f"-c{settings.connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(SCRIPT),
        url,
    ]
    result = subprocess.run(  # noqa: S603  # nosec B603 - fixed arguments, local URL
        command, capture_output=True, text=True, timeout=seconds + 60, check=False
    )
    for line in reversed(result.stdout.splitlines()):
        if line.startswith(MARKER):
            numbers = json.loads(line[len(MARKER) :])
            if not numbers["requests"]:
                # Nothing answered within the window: wrk's empty histogram says 0 ms.
                numbers.update(p50_ms=None, p95_ms=None, p99_ms=None, max_ms=None)
            return numbers
    raise RuntimeError(f"wrk gav inget resultat för {url}: {result.stderr or result.stdout}")


def prime(url: str, times: int = 2, timeout: float = 120) -> None:
    """Request the URL until it has answered ``times`` times, however slow it is.

    A timed warm-up alone is not enough: a page slower than the warm-up window would never be
    rendered (nor cached) before the measurement starts.
    """
    for _ in range(times):
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310  # nosec B310 - 127.0.0.1
                response.read()
        except urllib.error.HTTPError:
            pass  # an error answer is counted by the measurement itself


def measure(url: str, settings: LoadSettings) -> dict:
    """Warm the URL up (renditions, caches, connections), then measure it."""
    prime(url)
    if settings.warmup_seconds:
        run_wrk(url, settings.warmup_seconds, settings)
    return run_wrk(url, settings.seconds, settings)
