"""The Nu HTML Checker (vnu.jar, the W3C validator's engine) run over many documents at once.

The jar comes from npm's ``vnu-jar``, pinned with its hash in ``tools/validators/package-lock.json``
and installed by ``make validators`` (``npm ci --ignore-scripts``: the package's install
script would download a Java of its own; Debian's is used instead). One JVM checks every
document of a batch, which takes seconds where one JVM per page would take minutes.

Without Java or the jar the caller skips with a message saying how to install them, except
under ``CI``, where it fails: a CI machine without the checker cannot pass.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
VNU_JAR = (
    REPO_ROOT / "tools" / "validators" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)
TIMEOUT = 300  # seconds for one batch


@dataclass(frozen=True)
class Problem:
    document: str  # the name the caller gave the document (e.g. its URL path)
    line: int | None
    message: str
    extract: str

    def __str__(self):
        where = f"{self.document}:{self.line}" if self.line else self.document
        return f"{where}: {self.message}\n    {' '.join(self.extract.split())}"


def running_under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def unavailable_reason() -> str | None:
    if shutil.which("java") is None:
        return "java not found on PATH: apt-get install default-jre-headless (Java 11 or later)"
    if not VNU_JAR.is_file():
        return f"{VNU_JAR.relative_to(REPO_ROOT)} missing: run `make validators` (npm ci)"
    return None


def require_checker() -> None:
    """Skip the calling test without Java or the jar; fail instead under CI."""
    reason = unavailable_reason()
    if reason is not None:
        if running_under_ci():
            pytest.fail(f"CI is set but the Nu HTML Checker cannot run: {reason}", pytrace=False)
        pytest.skip(f"Nu HTML Checker unavailable: {reason}")


def check(documents: dict[str, bytes]) -> list[Problem]:
    """The errors the checker finds in each document (warnings and info are left out)."""
    with tempfile.TemporaryDirectory(prefix="vnu-") as tmp:
        names = {}
        for number, (name, content) in enumerate(documents.items()):
            path = Path(tmp) / f"{number:04d}.html"
            path.write_bytes(content)
            names[path.name] = name
        result = subprocess.run(  # noqa: S603 - fixed command, no shell
            [
                shutil.which("java"),
                "-Xss4m",
                "-jar",
                str(VNU_JAR),
                "--errors-only",
                "--format",
                "json",
                "--exit-zero-always",
                *sorted(str(Path(tmp) / file) for file in names),
            ],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    try:
        report = json.loads(result.stderr)
    except ValueError:
        pytest.fail(
            f"vnu.jar exited with {result.returncode} without a JSON report\n"
            f"--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}",
            pytrace=False,
        )
    problems = []
    for message in report.get("messages", []):
        if message.get("type") not in {"error", "non-document-error"}:
            continue
        file = message.get("url", "").rsplit("/", 1)[-1]
        problems.append(
            Problem(
                document=names.get(file, file or "?"),
                line=message.get("lastLine"),
                message=message.get("message", ""),
                extract=message.get("extract", ""),
            )
        )
    return problems
