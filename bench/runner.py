"""``make bench``: build a benchmark database, serve it with gunicorn, load it with wrk, report.

Steps: create the PostgreSQL database if missing, migrate, load the taxonomy and demo content,
generate the synthetic examples (kept when already at the asked size), rebuild the search index
and time it, collect static files, then two passes over the same URLs, each with a freshly
started gunicorn (2 workers on 127.0.0.1, DEBUG off, ``website.settings.bench``): uncached
(``PAGE_CACHE_SECONDS=0``) and cached (``PAGE_CACHE_SECONDS=300``, Redis). Both keep the
database search's answers (``search.resultcache``), as production does with Redis; a third,
short pass measures the searches with none kept (``SEARCH_CACHE_SECONDS=0``), so the report
shows what a search nobody has made since the last change costs. SQL queries per request are
counted in-process for each pass (``bench/probe.py``). gunicorn is stopped whatever happens.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import signal
import subprocess  # nosec B404 - runs manage.py and the probe from our own virtualenv
import sys
import time
from pathlib import Path

from bench import load, report, server

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/goda_exempel_bench"
DEFAULT_REDIS = "redis://127.0.0.1:6379/13"
KEY_PREFIX = "goda-exempel-bench"
PASSES = {"uncached": 0, "cached": 300}
# The cold-search pass: the framework floor and the searches, with no answer kept.
COLD_SEARCH = "cold_search"
COLD_SEARCH_URLS = ("floor", *report.SEARCHES, "search_facets")


def say(line: str) -> None:
    print(line, flush=True)  # noqa: T201 - a command-line tool reports on stdout


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=10, help="mättid per URL och pass")
    parser.add_argument("--warmup", type=int, default=2, help="uppvärmning per URL och pass")
    parser.add_argument("--connections", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE)
    )
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS))
    parser.add_argument(
        "--no-rebuild",
        action="store_true",
        help="behåll sökindexet om det redan har rätt storlek (indexbygget mäts då inte)",
    )
    return parser.parse_args(argv)


# Setup ---------------------------------------------------------------------------------------


def base_env(args: argparse.Namespace, redis_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "REDIS_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="website.settings.bench",
        DATABASE_URL=args.database_url,
        CACHE_KEY_PREFIX=KEY_PREFIX,
        PAGE_CACHE_SECONDS="0",
        PYTHONUNBUFFERED="1",
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def ensure_database(url: str) -> None:
    """Create the benchmark's own database on the server when it is missing."""
    import psycopg
    from psycopg import sql

    name = url.rsplit("/", 1)[1].split("?")[0]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            say(f"==> Skapar databasen {name}")
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def redis_answers(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_timeout=2).ping())
    except redis.RedisError:
        return False


def clear_cache(url: str) -> None:
    """Forget the benchmark's own cache keys (and only those) so each pass starts cold."""
    import redis

    client = redis.Redis.from_url(url)
    for key in client.scan_iter(match=f"{KEY_PREFIX}:*", count=1000):
        client.delete(key)


def manage(env: dict, *args: str, quiet: bool = False) -> str:
    command = [PYTHON, "manage.py", *args]
    result = subprocess.run(  # noqa: S603  # nosec B603 - fixed arguments
        command, cwd=ROOT, env=env, capture_output=quiet, text=True, check=False
    )
    if result.returncode:
        raise RuntimeError(f"{' '.join(args)} misslyckades:\n{result.stderr or ''}")
    return result.stdout or ""


def probe(env: dict, *args: str):
    result = subprocess.run(  # noqa: S603  # nosec B603 - fixed arguments
        [PYTHON, "-m", "bench.probe", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(f"bench.probe {args[0]} misslyckades:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def rebuild_index(env: dict, args: argparse.Namespace) -> dict:
    counts = probe(env, "counts")
    if args.no_rebuild and counts["database_index"] == counts["live_examples"]:
        say("==> Sökindexet har redan rätt storlek; bygger inte om (--no-rebuild)")
        return {}
    say("==> Bygger om databasens sökindex (tidtagning)")
    database_only = {k: v for k, v in env.items() if k != "ELASTICSEARCH_URL"}
    started = time.monotonic()
    manage(database_only, "search_index", "rebuild", quiet=True)
    seconds = time.monotonic() - started
    documents = probe(env, "counts")["database_index"]
    results = {"database": rate(documents, seconds)}
    say(f"  {documents} dokument på {seconds:.1f} s")
    if env.get("ELASTICSEARCH_URL"):
        say("==> Bygger om Elasticsearch-indexet (tidtagning)")
        es = probe(env, "rebuild-elasticsearch")
        results["elasticsearch"] = rate(es["documents"], es["seconds"])
        say(f"  {es['documents']} dokument på {es['seconds']:.1f} s")
    return results


def rate(documents: int, seconds: float) -> dict:
    return {
        "documents": documents,
        "seconds": round(seconds, 2),
        "documents_per_second": round(documents / max(seconds, 1e-6), 1),
    }


# Passes --------------------------------------------------------------------------------------


def run_pass(name, env, urls, settings, args, redis_url, log_path) -> dict:
    page_cache_seconds = PASSES.get(name, 0)
    env = {**env, "PAGE_CACHE_SECONDS": str(page_cache_seconds)}
    if name == COLD_SEARCH:
        env["SEARCH_CACHE_SECONDS"] = "0"
        urls = {label: path for label, path in urls.items() if label in COLD_SEARCH_URLS}
    if redis_url:
        clear_cache(redis_url)
    say(f"==> Pass {name} (PAGE_CACHE_SECONDS={page_cache_seconds}): SQL-frågor per förfrågan")
    queries = probe(env, "queries", *urls.values())
    rows = {}
    with server.serve(env, workers=args.workers, log_path=log_path) as srv:
        for label, path in urls.items():
            numbers = load.measure(srv.base_url + path, settings)
            numbers.update(path=path, **queries[path])
            rows[label] = numbers
            say(
                f"  {report.LABELS[label]:<18} {numbers['rps']:>7.1f} req/s  "
                f"p95 {report.ms(numbers['p95_ms'])}  SQL {numbers['queries']}  "
                f"fel {report.errors(numbers)}"
            )
        peaks = srv.worker_peak_memory_mb()
    return {"page_cache_seconds": page_cache_seconds, "urls": rows, "worker_peak_mb": peaks}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so gunicorn is stopped in finally
    try:
        load.wrk_path()
    except load.WrkMissing as exc:
        say(str(exc))
        return 2
    started = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    redis_url = args.redis_url if args.redis_url and redis_answers(args.redis_url) else ""
    if args.redis_url and not redis_url:
        say(
            f"Varning: Redis svarar inte på {args.redis_url}; cachen blir lokalt minne per process."
        )
    env = base_env(args, redis_url)
    ensure_database(args.database_url)
    say("==> Migrerar")
    manage(env, "migrate", "--noinput", "-v", "0")
    say("==> Läser in taxonomi och demoinnehåll")
    manage(env, "load_demo_content", quiet=True)
    say(f"==> Syntetiska exempel: {args.count}")
    generate_started = time.monotonic()
    manage(env, "generate_bench_data", "--count", str(args.count), "--unless-present")
    generate_seconds = round(time.monotonic() - generate_started, 1)
    adoptions = probe(env, "adoptions")
    say(
        f"==> Införanden: {adoptions['written']} nya; exemplet med flest har "
        f"{adoptions['example_adoptions']}, {adoptions['examples_with_adoptions']} exempel har något"
    )
    rebuild = rebuild_index(env, args)
    say(f"==> Sammanfattningar för {args.count} bevakningar (tidtagning)")
    digest_numbers = probe(env, "digests", str(args.count))
    say(
        f"  {digest_numbers['mails']} mejl på {digest_numbers['seconds']:.1f} s, "
        f"{digest_numbers['queries']} SQL-frågor ({digest_numbers['queries_per_follow']} per bevakning)"
    )
    say("==> Samlar statiska filer")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    urls = probe(env, "urls")
    settings = load.LoadSettings(args.seconds, args.warmup, args.threads, args.connections)
    log_path = ROOT / "var" / "bench-gunicorn.log"
    log_path.parent.mkdir(exist_ok=True)
    result = {
        "started_at": started.isoformat().replace("+00:00", "Z"),
        "count": args.count,
        "counts": probe(env, "counts"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": sys.version.split()[0],
            "load_average_before": [round(x, 2) for x in os.getloadavg()],
        },
        "load": {
            "tool": "wrk",
            "seconds": args.seconds,
            "warmup_seconds": args.warmup,
            "threads": args.threads,
            "connections": args.connections,
            "gunicorn_workers": args.workers,
            "cache": "redis" if redis_url else "locmem",
            "search_backend": "elasticsearch" if env.get("ELASTICSEARCH_URL") else "database",
        },
        "generate_seconds": generate_seconds,
        "adoptions": adoptions,
        "rebuild": rebuild,
        "digests": digest_numbers,
        "passes": {},
    }
    for name in (*PASSES, COLD_SEARCH):
        result["passes"][name] = run_pass(name, env, urls, settings, args, redis_url, log_path)
    report.add_ratios(result)
    result["targets"] = report.targets(result)
    result["machine"]["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    result["finished_at"] = datetime.datetime.now(datetime.UTC).replace(microsecond=0).isoformat()
    say("")
    say(report.summary(result))
    path = report.write(result)
    say(f"\nResultat: {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
