"""Lighthouse's SEO audit on each kind of public page (issue 15, "Done when").

Lighthouse 12 (npm, pinned in tools/validators/package-lock.json, installed by
``make validators``) drives Debian's chromium through tools/validators/seo-audit.mjs, one
browser for every page. Every binary audit of the SEO category must pass: a meta
description, a valid canonical link, a valid robots.txt, a crawlable page (no noindex, not
blocked by robots.txt), status 200, a document title, descriptive link texts, crawlable
anchors, valid hreflang and image alt texts. Without node or the installed package the test
skips with a message; under ``CI`` it fails.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from examples.demo.loader import FACT_SHEET_EXAMPLE

from .conftest import REPO_ROOT, LiveSite, chromium_executable, running_under_ci

pytestmark = pytest.mark.browser

VALIDATORS = REPO_ROOT / "tools" / "validators"
AUDIT_SCRIPT = VALIDATORS / "seo-audit.mjs"
TIMEOUT = 900  # seconds for every page together

# One page of each kind, with the audits it must fail: the listing's second page has a
# canonical of its own; the search answers "noindex, follow" on purpose (result pages are not
# for search engines' indexes), so it must fail is-crawlable and pass everything else.
PAGES = {
    "/": set(),
    "/goda-exempel/": set(),
    "/goda-exempel/?sida=2": set(),
    f"/goda-exempel/{FACT_SHEET_EXAMPLE}/": set(),
    "/mal/": set(),
    "/lan/blekinge-lan/": set(),
    "/tillganglighetsredogorelse/": set(),
    "/sok/?q=barn": {"is-crawlable"},
}


def require_lighthouse() -> str:
    node = shutil.which("node")
    if node is None:
        reason = "node not found on PATH: apt-get install nodejs npm"
    elif not (VALIDATORS / "node_modules" / "lighthouse").is_dir():
        reason = "tools/validators/node_modules/lighthouse missing: run `make validators`"
    else:
        return node
    if running_under_ci():
        pytest.fail(f"CI is set but Lighthouse cannot run: {reason}", pytrace=False)
    pytest.skip(f"Lighthouse unavailable: {reason}")


def test_lighthouse_seo_audits_pass_on_every_kind_of_public_page(live_site: LiveSite):
    node = require_lighthouse()
    urls = {live_site.url(path): expected for path, expected in PAGES.items()}
    result = subprocess.run(  # noqa: S603 - fixed command, no shell
        [node, str(AUDIT_SCRIPT), *urls],
        cwd=REPO_ROOT,
        env=dict(os.environ, CHROME_PATH=chromium_executable()),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, f"seo-audit.mjs failed:\n{result.stderr[-3000:]}"
    report = json.loads(result.stdout)
    assert sorted(report) == sorted(urls)
    problems = []
    for url, audit in report.items():
        if audit["runtimeError"]:
            problems.append(f"{url}: {audit['runtimeError']}")
            continue
        expected = urls[url]
        failed_ids = {failed["id"] for failed in audit["failed"]}
        if expected - failed_ids:
            problems.append(f"{url}: expected to fail {sorted(expected - failed_ids)}")
        for failed in audit["failed"]:
            if failed["id"] in expected:
                continue
            details = f" {failed['explanation']}" if failed["explanation"] else ""
            items = "".join(f"\n      {json.dumps(item)[:300]}" for item in failed["items"])
            problems.append(f"{url}: {failed['id']} ({failed['title']}){details}{items}")
        if audit["score"] != 1 and not failed_ids:
            problems.append(f"{url}: SEO score {audit['score']}")
    assert problems == [], "Lighthouse SEO:\n" + "\n".join(problems)
