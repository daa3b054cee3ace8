"""Harness for the browser tests: a real server process and Debian's chromium.

The site runs as a child process (``manage.py runserver``) on a throw-away SQLite
database filled by ``load_demo_content``; Playwright drives the ``chromium``
found on PATH.  Playwright never downloads a browser of its own here.

Without chromium the browser tests are skipped, unless the environment variable
``CI`` is set: then they fail, so a CI machine without a browser cannot pass.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = REPO_ROOT / "test-artifacts" / "screenshots"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_EXPERIMENTAL = "experimental"  # axe's tag for the rules it leaves out by default

SERVER_START_TIMEOUT = 30  # seconds until runserver must answer HTTP
COMMAND_TIMEOUT = 900  # seconds for migrate / load_demo_content


# --------------------------------------------------------------------------
# Skip without chromium, fail without it under CI
# --------------------------------------------------------------------------


def running_under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def chromium_executable() -> str | None:
    return shutil.which("chromium")


def browser_unavailable_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if chromium_executable() is None:
        return (
            "chromium not found on PATH: install Debian's package with "
            "`apt-get install chromium` (Playwright must not download its own browser)"
        )
    try:
        import axe_playwright_python  # noqa: F401
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        return f"Python package missing for the browser tests ({exc}): pip install -e '.[dev]'"
    return None


def require_browser() -> str:
    """Return chromium's path; skip the test without it, or fail under CI."""
    reason = browser_unavailable_reason()
    if reason is not None:
        if running_under_ci():
            pytest.fail(f"CI is set but the browser tests cannot run: {reason}", pytrace=False)
        pytest.skip(reason)
    return chromium_executable()


def pytest_runtest_setup(item: pytest.Item) -> None:
    # Decide before any fixture runs, so a skip costs no migrate/server start.
    if item.get_closest_marker("browser") is not None:
        require_browser()


# --------------------------------------------------------------------------
# The site, as a real server process
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class LiveSite:
    base_url: str  # e.g. "http://127.0.0.1:54321", no trailing slash
    tmp_dir: Path
    database_path: Path
    media_root: Path
    mail_dir: Path
    server_log: Path

    def url(self, path: str) -> str:
        return self.base_url + "/" + path.lstrip("/")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _manage(args: list[str], env: dict[str, str]) -> None:
    """Run a management command; fail the session with its output if it fails."""
    command = [sys.executable, "manage.py", *args]
    try:
        result = subprocess.run(  # noqa: S603 - fixed command, no shell
            command,
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        pytest.fail(
            f"`manage.py {' '.join(args)}` did not finish within {COMMAND_TIMEOUT} s\n"
            f"--- output ---\n{exc.stdout or ''}{exc.stderr or ''}",
            pytrace=False,
        )
    if result.returncode != 0:
        pytest.fail(
            f"`manage.py {' '.join(args)}` exited with {result.returncode}\n"
            f"--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}",
            pytrace=False,
        )


# The server runs website.settings.dev with DEBUG off, so visitors' pages are
# tested: the site's own 404 page rather than Django's debug page.  runserver's
# --insecure serves the static files; uploaded media go through the site's own
# access-checking view (members/sharing/media.py), as in production.
VISITOR_SETTINGS = """\
from website.settings.dev import *  # noqa: F403

DEBUG = False
ROOT_URLCONF = "visitor_urls"
"""
VISITOR_URLS = """\
from website.urls import urlpatterns  # noqa: F401
"""


def _visitor_settings(directory: Path) -> str:
    """Write the settings overlay into ``directory``; return its module name."""
    directory.mkdir()
    (directory / "visitor_settings.py").write_text(VISITOR_SETTINGS)
    (directory / "visitor_urls.py").write_text(VISITOR_URLS)
    return "visitor_settings"


def _answers_http(url: str) -> bool:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=2):
            return True
    except urllib.error.HTTPError:
        return True  # any HTTP status means the server is up
    except (urllib.error.URLError, OSError):
        return False


def _tail(path: Path, lines: int = 60) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


@pytest.fixture(scope="session")
def live_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveSite]:
    """Migrate a fresh SQLite database, load the demo content and run the site.

    migrate and load_demo_content run with website.settings.dev; runserver runs
    it with DEBUG off (see VISITOR_SETTINGS).
    """
    tmp_dir = tmp_path_factory.mktemp("live_site")
    port = _free_port()
    site = LiveSite(
        base_url=f"http://127.0.0.1:{port}",
        tmp_dir=tmp_dir,
        database_path=tmp_dir / "db.sqlite3",
        media_root=tmp_dir / "media",
        mail_dir=tmp_dir / "mail",
        server_log=tmp_dir / "runserver.log",
    )
    site.media_root.mkdir()
    site.mail_dir.mkdir()

    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="website.settings.dev",
        DATABASE_URL=f"sqlite:///{site.database_path}",
        MEDIA_ROOT=str(site.media_root),
        EMAIL_FILE_PATH=str(site.mail_dir),
        PYTHONUNBUFFERED="1",
        # Absolute links (canonical, feeds, sitemap, calendar files) point at this server.
        SITE_URL=site.base_url,
        # Tests change the site from other processes (``run_in_site``), whose purges cannot
        # reach the server's per-process cache: pages are rendered for every request. The
        # page cache has its own tests (tests/test_pagecache.py).
        PAGE_CACHE_SECONDS="0",
        # Likewise the kept parts of example pages (examples.extensions.fragment_key), which a
        # REDIS_URL in the environment would otherwise turn on.
        FRAGMENT_CACHE_SECONDS="0",
        # And the search's kept answers (search.resultcache).
        SEARCH_CACHE_SECONDS="0",
    )

    _manage(["migrate", "--noinput"], env)
    _manage(["load_demo_content"], env)

    overlay = tmp_dir / "settings_overlay"
    server_env = dict(env, DJANGO_SETTINGS_MODULE=_visitor_settings(overlay))
    server_env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(overlay), str(REPO_ROOT), env.get("PYTHONPATH")])
    )
    with site.server_log.open("w") as log:
        server = subprocess.Popen(  # noqa: S603 - fixed command, no shell
            [
                sys.executable,
                "manage.py",
                "runserver",
                f"127.0.0.1:{port}",
                "--noreload",
                "--insecure",
            ],
            cwd=REPO_ROOT,
            env=server_env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while not _answers_http(site.base_url + "/"):
            if server.poll() is not None:
                pytest.fail(
                    f"runserver exited with {server.returncode} before answering\n"
                    f"--- {site.server_log} ---\n{_tail(site.server_log)}",
                    pytrace=False,
                )
            if time.monotonic() > deadline:
                pytest.fail(
                    f"runserver did not answer at {site.base_url} within "
                    f"{SERVER_START_TIMEOUT} s\n--- {site.server_log} ---\n"
                    f"{_tail(site.server_log)}",
                    pytrace=False,
                )
            time.sleep(0.2)
        yield site
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


# --------------------------------------------------------------------------
# The browser
# --------------------------------------------------------------------------


# Package scope rather than session scope: the sync Playwright API keeps an
# asyncio loop marked as running, which makes Django's ORM refuse to work in
# tests that run after these ones in the same pytest session.
@pytest.fixture(scope="package")
def browser():
    chromium = require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def is_local_url(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in {"data", "blob", "about"}:
        return True
    return parts.hostname in LOCAL_HOSTS


@dataclass
class PageLog:
    """What one page did behind the user's back."""

    requests: list[str] = field(default_factory=list)
    broken_resources: list[str] = field(default_factory=list)  # local CSS, images... that failed
    js_errors: list[str] = field(default_factory=list)

    def third_party_requests(self) -> list[str]:
        return [url for url in self.requests if not is_local_url(url)]

    def on_response(self, response) -> None:
        # The page's own status is the test's business; its resources must load.
        if response.status >= 400 and response.request.resource_type != "document":
            self.broken_resources.append(f"HTTP {response.status} {response.url}")

    def on_request_failed(self, request) -> None:
        # Other hosts are aborted on purpose; a failed response is already listed.
        # A script's own request cancelled before its answer came is no broken
        # resource: the suggestions abort the previous request at each keystroke,
        # and leaving the page aborts the one in flight (CI saw a click on "Sök"
        # do that). Its errors still count: they arrive as responses.
        already_listed = any(entry.endswith(f" {request.url}") for entry in self.broken_resources)
        cancelled = (
            request.resource_type in {"fetch", "xhr"} and request.failure == "net::ERR_ABORTED"
        )
        if is_local_url(request.url) and not already_listed and not cancelled:
            self.broken_resources.append(f"{request.failure} {request.url}")


def new_page(browser, log: PageLog):
    """A page in a fresh context that records into ``log``.

    Requests to other hosts are recorded and then aborted, so the tests never
    touch the network; the tests assert that there are none.
    """
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    context.route(lambda url: not is_local_url(url), lambda route: route.abort())
    page = context.new_page()
    page.on("request", lambda request: log.requests.append(request.url))
    page.on("response", log.on_response)
    page.on("requestfailed", log.on_request_failed)
    page.on("pageerror", lambda error: log.js_errors.append(str(error)))
    return page


@pytest.fixture
def page_log() -> PageLog:
    return PageLog()


@pytest.fixture
def page(browser, page_log: PageLog):
    page = new_page(browser, page_log)
    yield page
    page.context.close()


# --------------------------------------------------------------------------
# Screenshots and axe
# --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    """test-artifacts/screenshots/, emptied of the previous run's pictures."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOT_DIR.glob("*.png"):
        old.unlink()
    return SCREENSHOT_DIR


def screenshot_name(path: str) -> str:
    """'/' -> 'start', '/exempel/rorelse-i-skolan/' -> 'exempel--rorelse-i-skolan'."""
    parts = [re.sub(r"[^\w.-]+", "_", unquote(part)) for part in path.split("/") if part]
    return "--".join(parts) or "start"


def save_screenshot(page, directory: Path, name: str) -> Path:
    target = directory / f"{name}.png"
    page.screenshot(path=str(target), full_page=True)
    return target


def axe_violations(page) -> list[dict]:
    """Run axe-core (WCAG 2.0/2.1 A and AA) on the page; return its violations.

    axe leaves its experimental rules out unless asked; some of them test WCAG A/AA criteria
    (label-content-name-mismatch: 2.5.3, css-orientation-lock: 1.3.4, p-as-heading,
    table-fake-caption and td-has-header: 1.3.1), so they run too. Experimental rules that
    are only best practice (focus-order-semantics, hidden-content) are not the bar."""
    from axe_playwright_python.sync_playwright import Axe

    options = {
        "runOnly": {"type": "tag", "values": [*AXE_TAGS, AXE_EXPERIMENTAL]},
        "resultTypes": ["violations"],
    }
    violations = Axe().run(page, options=options).response["violations"]
    return [v for v in violations if set(v.get("tags", ())) & set(AXE_TAGS)]


def _shorten(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def format_violations(url: str, violations: list[dict], max_nodes: int = 8) -> str:
    """A readable report: rule id, impact, help, and each failing element."""
    lines = [f"{url}: {len(violations)} axe violation(s)"]
    for violation in violations:
        lines.append(f"  [{violation.get('impact') or '?'}] {violation['id']}: {violation['help']}")
        lines.append(f"      {violation.get('helpUrl', '')}")
        nodes = violation.get("nodes", [])
        for node in nodes[:max_nodes]:
            target = " ".join(str(part) for part in node.get("target", []))
            lines.append(f"    - {target}")
            lines.append(f"        {_shorten(node.get('html', ''))}")
            for summary_line in (node.get("failureSummary") or "").splitlines()[:6]:
                lines.append(f"        {_shorten(summary_line, 200)}")
        if len(nodes) > max_nodes:
            lines.append(f"    … and {len(nodes) - max_nodes} more element(s)")
    return "\n".join(lines)
