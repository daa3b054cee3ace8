"""The benchmark's verdict: one table, the issue's targets marked met or missed, and a JSON file.

Ratios: ``×golv`` is a page's rate over the framework floor's in the same pass (1.0 would mean
the page costs no more than Django itself); ``cache×`` is the cached pass's rate over the
uncached pass's for the same URL.
"""

from __future__ import annotations

import json
from pathlib import Path

RESULTS_DIR = Path(__file__).resolve().parent / "results"
LABELS = {
    "floor": "golv (minimal vy)",
    "start": "startsida",
    "listing": "exempellista",
    "example": "exempelsida",
    "example_adopted": "exempel, 50 inf.",
    "goal": "målsida",
    "county": "länssida",
    "overview": "översikt",
    "search": "sök",
    "search_facets": "sök + 2 facetter",
    "search_misspelt": "sök, felstavat",
    "search_partial": "sök, delvis träff",
    "autocomplete": "förslag",
    "api_list": "API-lista",
    "feed": "Atom-flöde",
}
# Wagtail pages, which a page cache for anonymous visitors is expected to serve.
CACHEABLE = ("start", "listing", "example", "example_adopted", "goal", "county", "overview")
# Issue 16: the example page with 50 adoptions has the example page's target.
EXAMPLE_PAGES = ("example", "example_adopted")
MAX_QUERIES = 15
EXAMPLE_RPS = 150
CACHE_RATIO = 10
REBUILD_SECONDS_PER_10K = 30
# Issue 13: the plain, misspelt and partial-match searches share the search's p95 limit.
SEARCHES = ("search", "search_misspelt", "search_partial")
AUTOCOMPLETE_P95_MS = 30


def errors(row: dict) -> int:
    return sum(row["errors"].values())


def add_ratios(result: dict) -> None:
    for run in result["passes"].values():
        floor = run["urls"]["floor"]["rps"] or 1
        for row in run["urls"].values():
            row["ratio_to_floor"] = round(row["rps"] / floor, 3)
    uncached, cached = result["passes"]["uncached"]["urls"], result["passes"]["cached"]["urls"]
    # No ratio where the uncached pass got no answer within its window: it would be infinite.
    result["cache_ratio"] = {
        name: round(cached[name]["rps"] / uncached[name]["rps"], 2)
        if uncached[name]["requests"]
        else None
        for name in uncached
        if name in cached
    }


def ms(value) -> str:
    return "–" if value is None else f"{value:.1f}ms"


def times(value) -> str:
    return "–" if value is None else f"{value:.1f}×"


def search_p95_limit(count: int) -> int:
    return 50 if count <= 10_000 else 150


def _p95_value(row: dict) -> str:
    if errors(row):
        return f"{errors(row)} felsvar: p95 räknas inte"
    return "inget svar inom mättiden" if row["p95_ms"] is None else f"{row['p95_ms']:.1f} ms"


def _p95_met(row: dict, limit: float) -> bool:
    """Error answers (a 429, a 500) are fast: their latency says nothing about the page."""
    return not errors(row) and row["p95_ms"] is not None and row["p95_ms"] <= limit


def search_targets(result: dict) -> list[dict]:
    """Issue 13's targets: each search kind at the search's p95 limit, autocomplete at 30 ms."""
    uncached = result["passes"]["uncached"]["urls"]
    count = result["count"]
    limit = search_p95_limit(count)
    rows = [
        {
            "target": f"{LABELS[name]} p95 ≤ {limit} ms vid {count} exempel",
            "value": _p95_value(uncached[name]),
            "met": _p95_met(uncached[name], limit),
        }
        for name in SEARCHES
        if name in uncached
    ]
    rows.append(
        {
            "target": f"{LABELS['autocomplete']} p95 ≤ {AUTOCOMPLETE_P95_MS} ms",
            "value": _p95_value(uncached["autocomplete"]),
            "met": _p95_met(uncached["autocomplete"], AUTOCOMPLETE_P95_MS),
        }
    )
    return rows


def targets(result: dict) -> list[dict]:
    uncached = result["passes"]["uncached"]["urls"]
    count = result["count"]
    pages = {name: row for name, row in uncached.items() if name != "floor"}
    worst_queries = max(pages, key=lambda name: pages[name]["queries"])
    cache = {name: result["cache_ratio"][name] for name in CACHEABLE}
    unmeasured = [LABELS[name] for name, ratio in cache.items() if ratio is None]
    measured = {name: ratio for name, ratio in cache.items() if ratio is not None}
    worst_cache = min(measured, key=measured.get) if measured else None
    rebuild = result["rebuild"].get("database") or {}
    allowed = REBUILD_SECONDS_PER_10K * max(count, 1) / 10_000
    all_errors = sum(
        errors(row) for run in result["passes"].values() for row in run["urls"].values()
    )
    facets = uncached["search_facets"]
    # Error answers (a 429, a 500) are fast: their latency says nothing about the search.
    p95 = facets["p95_ms"] if not errors(facets) else None
    return [
        {
            "target": f"SQL-frågor per förfrågan ≤ {MAX_QUERIES} på varje sidtyp",
            "value": f"högst {pages[worst_queries]['queries']} ({LABELS[worst_queries]})",
            "met": pages[worst_queries]["queries"] <= MAX_QUERIES,
        },
        *(
            {
                "target": f"okachad {LABELS[name]} ≥ {EXAMPLE_RPS} req/s",
                "value": f"{uncached[name]['rps']:.0f} req/s",
                "met": uncached[name]["rps"] >= EXAMPLE_RPS and not errors(uncached[name]),
            }
            for name in EXAMPLE_PAGES
            if name in uncached
        ),
        {
            "target": f"sök + 2 facetter p95 ≤ {search_p95_limit(count)} ms vid {count} exempel",
            "value": (
                f"{errors(facets)} felsvar: p95 räknas inte"
                if errors(facets)
                else "inget svar inom mättiden"
                if p95 is None
                else f"{p95:.1f} ms"
            ),
            "met": p95 is not None and p95 <= search_p95_limit(count),
        },
        {
            "target": f"cachade sidor ≥ {CACHE_RATIO}× okachade",
            "value": (
                f"minst {measured[worst_cache]:.1f}× ({LABELS[worst_cache]}, cachad "
                f"{_floor_share(result, worst_cache):.0%} av golvet)"
                if measured
                else ""
            )
            + (f"; okachat utan svar inom mättiden: {', '.join(unmeasured)}" if unmeasured else ""),
            "met": bool(measured) and measured[worst_cache] >= CACHE_RATIO,
        },
        {
            "target": f"databasindexet byggs om på ≤ {allowed:.0f} s ({REBUILD_SECONDS_PER_10K} s per 10 000)",
            "value": f"{rebuild['seconds']:.1f} s" if rebuild else "inte mätt",
            "met": bool(rebuild) and rebuild["seconds"] <= allowed,
        },
        *search_targets(result),
        *digest_targets(result),
        {
            "target": "inga felsvar under last",
            "value": f"{all_errors} fel",
            "met": all_errors == 0,
        },
    ]


def _floor_share(result: dict, name: str) -> float:
    """A cached page's rate as a share of the floor's in the cached pass: no page served through
    the same stack can pass 100 %, so an uncached page faster than a tenth of the floor cannot
    show a 10× cache ratio."""
    cached = result["passes"]["cached"]["urls"]
    return cached[name]["rps"] / (cached["floor"]["rps"] or 1)


def table(result: dict) -> str:
    uncached = result["passes"]["uncached"]["urls"]
    cached = result["passes"]["cached"]["urls"]
    header = (
        f"{'sida':<18} {'req/s':>7} {'n':>6} {'×golv':>6} {'p50':>9} {'p95':>9} {'p99':>9} "
        f"{'fel':>4} {'SQL':>4} │ {'cache req/s':>11} {'p95':>9} {'fel':>4} {'cache×':>8}"
    )
    lines = [header, "─" * len(header)]
    for name, row in uncached.items():
        hot = cached.get(name) or {"rps": 0, "p95_ms": None, "errors": {}}
        lines.append(
            f"{LABELS.get(name, name):<18} {row['rps']:>7.1f} {row['requests']:>6} "
            f"{row['ratio_to_floor']:>6.2f} {ms(row['p50_ms']):>9} {ms(row['p95_ms']):>9} "
            f"{ms(row['p99_ms']):>9} {errors(row):>4} {row['queries']:>4} │ "
            f"{hot['rps']:>11.1f} {ms(hot['p95_ms']):>9} {errors(hot):>4} "
            f"{times(result['cache_ratio'].get(name)):>8}"
        )
    return "\n".join(lines)


# Issue 18: 10 000 follows "well under a minute"; a run is one pass over the follows, so, as for
# the index rebuild, a larger set is allowed as much more time.
DIGEST_SECONDS_PER_10K = 60


def digest_targets(result: dict) -> list[dict]:
    numbers = result.get("digests") or {}
    if not numbers:
        return []
    allowed = DIGEST_SECONDS_PER_10K * max(1.0, numbers["follows"] / 10_000)
    return [
        {
            "target": (
                f"sammanfattningar för {numbers['follows']} bevakningar på < {allowed:.0f} s "
                f"({DIGEST_SECONDS_PER_10K} s per 10 000)"
            ),
            "value": f"{numbers['seconds']:.1f} s, {numbers['queries_per_follow']} SQL-frågor per bevakning",
            "met": numbers["seconds"] < allowed,
        }
    ]


def summary(result: dict) -> str:
    lines = [f"Prestandamätning: {result['count']} syntetiska exempel, {result['started_at']}", ""]
    lines.append(table(result))
    lines.append("")
    for name, run in result["passes"].items():
        peaks = ", ".join(f"{mb:.0f} MB" for mb in run["worker_peak_mb"]) or "okänt"
        lines.append(f"Högsta minne per arbetsprocess ({name}): {peaks}")
    for backend, rebuild in result["rebuild"].items():
        lines.append(
            f"Indexbygge ({backend}): {rebuild['documents']} dokument på {rebuild['seconds']:.1f} s "
            f"= {rebuild['documents_per_second']:.0f} dokument/s"
        )
    machine = result["machine"]
    lines.append(
        f"Maskinen: {machine['cpus']} kärnor, belastning (1/5/15 min) före "
        f"{'/'.join(map(str, machine['load_average_before']))}, efter "
        f"{'/'.join(map(str, machine.get('load_average_after', [])))}"
    )
    lines.extend(cold_search_lines(result))
    lines.append("")
    lines.append("Mål (issue 7 och 13):")
    for target in result["targets"]:
        mark = "uppfyllt" if target["met"] else "MISSAT  "
        lines.append(f"  [{mark}] {target['target']}: {target['value']}")
    return "\n".join(lines)


def cold_search_lines(result: dict) -> list[str]:
    """The searches with no kept answer (``SEARCH_CACHE_SECONDS=0``): not a target, but what the
    first visitor after a change waits, shown beside the targets so they are never misread."""
    cold = result["passes"].get("cold_search")
    if not cold:
        return []
    lines = ["", "Sökningar utan sparade svar (SEARCH_CACHE_SECONDS=0; inget mål, för jämförelse):"]
    for name, row in cold["urls"].items():
        if name == "floor":
            continue
        lines.append(
            f"  {LABELS[name]:<18} {row['rps']:>7.1f} req/s  p50 {ms(row['p50_ms'])}  "
            f"p95 {ms(row['p95_ms'])}  SQL {row['queries']}  fel {errors(row)}"
        )
    return lines


def write(result: dict) -> Path:
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"{result['started_at'].replace(':', '').replace('-', '')}.json"
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
