"""pyproject.toml, requirements.lock and the code agree about the packages the site needs.

``make install`` (and so ``make run``, ``make test`` and CI) installs ``requirements.lock`` with
``--require-hashes`` and the project with ``--no-deps``: a requirement declared but not locked
would be missing on a fresh machine, and a package the code imports only because another one
happens to bring it (``filetype`` through Willow) disappears the day that one stops. These tests
read the files themselves, so they fail before anyone installs anything.
"""

import ast
import re
import sys
import tomllib
from importlib.metadata import PackageNotFoundError, packages_distributions, requires
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
MAIN = [Requirement(line) for line in PYPROJECT["project"]["dependencies"]]
DEV = [Requirement(line) for line in PYPROJECT["project"]["optional-dependencies"]["dev"]]

# The site itself (what production runs: its dependencies only) and the developer's code
# (tests, benchmark, scripts: the dev extra too).
RUNTIME_CODE = ["website", "examples", "search", "members", "opendata", "manage.py"]
DEV_CODE = ["tests", "bench", "scripts"]
FIRST_PARTY = {path.stem for path in ROOT.iterdir() if path.suffix == ".py"} | {
    path.name for path in ROOT.iterdir() if path.is_dir() and any(path.glob("*.py"))
}

# Declared packages no Python file imports, and where each is used instead. The second item
# must still occur in the file, so an entry goes stale as soon as its use goes away.
USED_WITHOUT_IMPORT = {
    "gunicorn": ("README.md", "gunicorn -c gunicorn.conf.py website.wsgi"),
    "pytest-django": ("pyproject.toml", 'DJANGO_SETTINGS_MODULE = "website.settings.test"'),
    "ruff": ("Makefile", "$(BIN)/ruff check"),
    "bandit": ("Makefile", "$(BIN)/bandit"),
    "pip-audit": ("scripts/audit_dependencies.py", '"pip-audit"'),
    "uv": ("Makefile", "$(BIN)/uv pip compile"),
    # moto's ThreadedMotoServer serves S3 through Flask; moto declares them only in its
    # "server" extra, which also brings every other AWS service's dependencies.
    "flask": ("tests/s3.py", "ThreadedMotoServer"),
    "flask-cors": ("tests/s3.py", "ThreadedMotoServer"),
}

# In settings: app labels ("django_filters") and dotted paths ("django_redis.cache.RedisCache").
DOTTED = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")


def python_files(names):
    for name in names:
        path = ROOT / name
        yield from [path] if path.suffix == ".py" else sorted(path.rglob("*.py"))


def top_level_modules(path: Path) -> set[str]:
    """Absolute imports, and in settings the dotted paths Django imports (apps, backends)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.partition(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.partition(".")[0])
        elif (
            "settings" in path.parts
            and isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and DOTTED.match(node.value)
        ):
            found.add(node.value.partition(".")[0])
    return found


def distributions_of(names) -> dict[str, set[str]]:
    """Third-party top-level module -> the files importing it, for the given code folders."""
    stdlib = sys.stdlib_module_names
    installed = packages_distributions()
    used: dict[str, set[str]] = {}
    for path in python_files(names):
        for module in top_level_modules(path):
            if module in stdlib or module in FIRST_PARTY:
                continue
            if "settings" in path.parts and module not in installed:
                continue  # a dotted string that is not an import ("security.W019")
            used.setdefault(module, set()).add(str(path.relative_to(ROOT)))
    return used


def declared(requirements) -> set[str]:
    return {canonicalize_name(req.name) for req in requirements}


def undeclared(used: dict[str, set[str]], allowed: set[str]) -> list[str]:
    installed = packages_distributions()
    problems = []
    for module, files in sorted(used.items()):
        distributions = {canonicalize_name(name) for name in installed.get(module, [])}
        if not distributions & allowed:
            problems.append(
                f"{module} ({', '.join(sorted(distributions)) or '?'}): {sorted(files)[:3]}"
            )
    return problems


def locked() -> dict[str, list[tuple[str, str, list[str]]]]:
    """The lock's pins: name -> [(version, environment marker, hashes)]."""
    pins: dict[str, list] = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", LOCK.read_text(encoding="utf-8")):
        match = re.match(
            r"([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==([^\s;\\]+)\s*(?:;\s*([^\\\n]+))?", block
        )
        if match:
            name, version, marker = match.groups()
            hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})", block)
            pins.setdefault(canonicalize_name(name), []).append(
                (version, (marker or "").strip(), hashes)
            )
    return pins


def test_the_site_imports_only_its_declared_dependencies():
    """Production installs ``dependencies`` only, so the site's code may use nothing else."""
    problems = undeclared(distributions_of(RUNTIME_CODE), declared(MAIN))
    assert not problems, "Imported by the site but not in [project] dependencies: " + "; ".join(
        problems
    )


def test_tests_and_tools_import_only_declared_packages():
    problems = undeclared(distributions_of(RUNTIME_CODE + DEV_CODE), declared(MAIN + DEV))
    assert not problems, "Imported but not declared in pyproject.toml: " + "; ".join(problems)


def test_every_declared_package_is_used():
    installed = packages_distributions()
    imported = {
        canonicalize_name(distribution)
        for module in distributions_of(RUNTIME_CODE + DEV_CODE)
        for distribution in installed.get(module, [])
    }
    unused = sorted(declared(MAIN + DEV) - imported - set(USED_WITHOUT_IMPORT))
    assert not unused, f"Declared in pyproject.toml but used nowhere: {unused}"
    for name, (file, text) in USED_WITHOUT_IMPORT.items():
        assert text in (ROOT / file).read_text(encoding="utf-8"), f"{name}: {text!r} not in {file}"


def test_every_declared_requirement_is_locked_within_its_range():
    pins = locked()
    problems = []
    for requirement in MAIN + DEV:
        name = canonicalize_name(requirement.name)
        if name not in pins:
            problems.append(f"{requirement}: not in the lock")
            continue
        for version, _marker, _hashes in pins[name]:
            if not requirement.specifier.contains(version, prereleases=True):
                problems.append(f"{requirement}: locked at {version}")
    assert not problems, "Run `make lock`: " + "; ".join(problems)


def test_the_extras_we_ask_for_are_locked_too():
    """``django-allauth[mfa]`` needs qrcode and fido2; a lock without them breaks the 2FA pages."""
    pins = locked()
    environment = default_environment()
    missing = []
    for requirement in [req for req in MAIN + DEV if req.extras]:
        try:
            needs = [Requirement(line) for line in requires(requirement.name) or []]
        except PackageNotFoundError:
            pytest.fail(f"{requirement.name} is not installed: run make install")
        for extra in requirement.extras:
            missing += [
                f"{need.name} (for {requirement.name}[{extra}])"
                for need in needs
                if need.marker
                and need.marker.evaluate({**environment, "extra": extra})
                and not need.marker.evaluate({**environment, "extra": ""})
                and canonicalize_name(need.name) not in pins
            ]
    assert not missing, "Run `make lock`: " + ", ".join(missing)


def test_every_locked_package_finds_what_it_needs_in_the_lock():
    """``make install`` installs the lock with ``--no-deps``: nothing resolves a missing
    package at install time, so each locked package's own requirements on this platform (and
    those of the extras another locked package asks of it, ``CacheControl[filecache]``) must
    be locked too. ``pip check`` after the install says the same on the installed set."""
    pins = locked()
    environment = {**default_environment(), "extra": ""}
    asked: dict[str, set[str]] = {name: {""} for name in pins}
    missing, wanted = [], list(pins)
    while wanted:
        name = wanted.pop()
        try:
            needs = [Requirement(line) for line in requires(name) or []]
        except PackageNotFoundError:
            continue  # locked for another platform or Python (its marker is false here)
        for need in needs:
            if not any(
                need.marker is None or need.marker.evaluate({**environment, "extra": extra})
                for extra in asked[name]
            ):
                continue
            needed = canonicalize_name(need.name)
            if needed not in pins:
                missing.append(f"{need.name} (for {name})")
                continue
            if not set(need.extras) <= asked[needed]:
                asked[needed] |= set(need.extras)
                wanted.append(needed)
    assert not missing, "Run `make lock`: " + ", ".join(sorted(set(missing)))


def test_every_pin_is_exact_and_hashed():
    """``pip install --require-hashes`` refuses a lock with a bare or unhashed line."""
    pins = locked()
    assert len(pins) > 50
    unhashed = [name for name, entries in pins.items() for *_, hashes in entries if not hashes]
    assert not unhashed, f"Pins without --hash: {unhashed}"
    text = LOCK.read_text(encoding="utf-8")
    loose = [
        line
        for line in text.splitlines()
        if line and not line.startswith((" ", "#")) and "==" not in line
    ]
    assert not loose, f"Lines that pin nothing: {loose}"
