"""`make test` audits the dependencies: a known vulnerability fails the run, and a service that
cannot be reached is said out loud instead of passing as "no known vulnerabilities"."""

import importlib.util
import json
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "audit_dependencies.py"


@pytest.fixture
def audit(monkeypatch):
    spec = importlib.util.spec_from_file_location("audit_dependencies", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.delenv("PIP_AUDIT_REQUIRED", raising=False)

    def with_report(report, code=0, stderr=""):
        stdout = json.dumps(report) if report is not None else ""
        monkeypatch.setattr(module, "run_pip_audit", lambda path: (code, stdout, stderr))
        return module.main(["audit_dependencies.py", "/nowhere"])

    return with_report


def test_a_known_vulnerability_fails_and_names_the_fix(audit, capsys):
    report = {
        "dependencies": [
            {
                "name": "django",
                "version": "5.2.0",
                "vulns": [{"id": "PYSEC-2025-1", "fix_versions": ["5.2.1"]}],
            },
            {"name": "pillow", "version": "11.0.0", "vulns": []},
        ]
    }
    assert audit(report, code=1) == 1
    out = capsys.readouterr().out
    assert "django 5.2.0: PYSEC-2025-1 (rättad i 5.2.1)" in out


def test_every_package_audited_and_clean_passes(audit, capsys):
    report = {"dependencies": [{"name": "django", "version": "5.2.8", "vulns": []}]}
    assert audit(report) == 0
    assert "1 paket granskade, inga kända sårbarheter" in capsys.readouterr().out


def test_nothing_audited_is_a_skip_with_a_message_not_a_pass(audit, capsys, monkeypatch):
    report = {"dependencies": [{"name": "django", "skip_reason": "Dependency not found on PyPI"}]}
    assert audit(report) == 0
    assert "HOPPAR ÖVER" in capsys.readouterr().out
    monkeypatch.setenv("PIP_AUDIT_REQUIRED", "1")
    assert audit(report) == 1


def test_a_crash_of_pip_audit_is_reported(audit, capsys):
    assert audit(None, code=1, stderr="ConnectionError: api.osv.dev") == 0
    assert "ConnectionError: api.osv.dev" in capsys.readouterr().out
