"""Audit the installed dependencies for known vulnerabilities with pip-audit (used by `make test`).

pip-audit exits 0 when it could not look a package up at all ("Dependency not found on PyPI"),
which is what happens where the vulnerability service cannot be reached: a registry mirror that
does not serve PyPI's vulnerability data, or no route to the OSV database. A green line there
would be a pass that audited nothing, so this script reads pip-audit's JSON and tells the three
outcomes apart:

- every package audited, no known vulnerability: exit 0;
- a known vulnerability in any package: exit 1, with the package, version, advisory and fix;
- the service unreachable (nothing could be audited): a clear message and exit 0, or exit 1
  when ``PIP_AUDIT_REQUIRED`` is set, for a CI that does reach the service and must not skip.

Usage: ``python scripts/audit_dependencies.py [site-packages path]``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess  # nosec B404 - runs pip-audit from our own virtualenv, no shell
import sys
import sysconfig
from pathlib import Path

TIMEOUT_SECONDS = 600
# Our own project is installed in editable mode and is not on PyPI; it is skipped, not audited.
EDITABLE_FLAG = "--skip-editable"


def pip_audit_executable() -> str:
    here = Path(sys.executable).parent / "pip-audit"
    return str(here) if here.exists() else (shutil.which("pip-audit") or "pip-audit")


def run_pip_audit(path: str) -> tuple[int, str, str]:
    command = [
        pip_audit_executable(),
        "--path",
        path,
        "--format",
        "json",
        "--progress-spinner",
        "off",
        EDITABLE_FLAG,
    ]
    try:
        result = subprocess.run(  # noqa: S603 # nosec B603 - fixed argument list
            command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
        )
    except subprocess.TimeoutExpired:
        return 124, "", f"pip-audit gav inget svar inom {TIMEOUT_SECONDS} s"
    return result.returncode, result.stdout, result.stderr


def summarise(report: dict) -> tuple[int, int, list[str]]:
    """(audited, skipped, vulnerability lines) from pip-audit's JSON report."""
    audited = skipped = 0
    findings: list[str] = []
    for dependency in report.get("dependencies", []):
        if "skip_reason" in dependency:
            skipped += 1
            continue
        audited += 1
        for vuln in dependency.get("vulns", []):
            fixes = ", ".join(vuln.get("fix_versions", [])) or "ingen rättad version ännu"
            findings.append(
                f"{dependency['name']} {dependency.get('version', '?')}: {vuln.get('id')} "
                f"(rättad i {fixes})"
            )
    return audited, skipped, findings


def unreachable(message: str) -> int:
    print(f"pip-audit: HOPPAR ÖVER – {message}")
    print(
        "pip-audit: sårbarhetsdatabasen (PyPI:s JSON-API eller OSV) nås inte härifrån, så inget "
        "paket kunde granskas. Kör `make test` på en maskin som når den, eller sätt "
        "PIP_AUDIT_REQUIRED=1 för att låta det här vara ett fel."
    )
    return 1 if os.environ.get("PIP_AUDIT_REQUIRED") else 0


def main(argv: list[str]) -> int:
    path = argv[1] if len(argv) > 1 else sysconfig.get_paths()["purelib"]
    code, stdout, stderr = run_pip_audit(path)
    try:
        report = json.loads(stdout) if stdout.strip() else {}
    except json.JSONDecodeError:
        report = {}
    if not report:
        last_line = (stderr.strip().splitlines() or ["inget svar"])[-1]
        return unreachable(f"pip-audit avslutades med kod {code}: {last_line[:300]}")
    audited, skipped, findings = summarise(report)
    if findings:
        print(f"pip-audit: {len(findings)} kända sårbarheter:")
        for line in findings:
            print(f"  {line}")
        return 1
    if audited == 0:
        return unreachable(f"alla {skipped} paket saknades i sårbarhetsdatabasen")
    suffix = f" ({skipped} kunde inte slås upp)" if skipped else ""
    print(f"pip-audit: {audited} paket granskade, inga kända sårbarheter{suffix}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
