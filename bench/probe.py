"""In-process measurements against the benchmark database: ``python -m bench.probe <what>``.

Run by the runner in a subprocess with the same settings and environment as gunicorn, so it sees
the same database and cache. It prints one JSON document:

* ``urls``: the URLs to load, chosen from the data (a synthetic example in the middle of the set);
* ``queries PATH...``: SQL queries per request, warm (each path is requested twice first), with
  Django's test client and ``CaptureQueriesContext``, the same way ``tests/test_queries.py`` counts;
* ``counts``: examples in the database and documents in the database index;
* ``rebuild-elasticsearch``: seconds for a full Elasticsearch rebuild, when it is configured;
* ``digests COUNT``: building and sending the digests of COUNT follows (``bench/digests.py``);
* ``adoptions``: gives the synthetic set its adoptions unless it has them (``bench/adoptions.py``).
"""

import json
import sys
import time

SEARCH_QUERY = "barn"
# Issue 13: a misspelt word (found through the indexed words closest to it) and a query no
# example has every word of (answered with the examples having most of them).
MISSPELT_QUERY = "familjecentarler"
PARTIAL_QUERY = "fallprevention+simhall"
COUNTY = "stockholms-lan"
GOAL = "fallskador-hos-aldre"


def urls() -> dict[str, str]:
    from bench.adoptions import adopted_example
    from bench.generator import synthetic_examples

    examples = synthetic_examples().order_by("pk")
    total = examples.count()
    example = examples[total // 2] if total else None
    adopted = adopted_example()
    return {
        "floor": "/bench/floor/",
        "start": "/",
        "listing": "/goda-exempel/",
        "example": example.url if example else "/goda-exempel/",
        "example_adopted": adopted.url if adopted else "/goda-exempel/",
        "goal": f"/mal/{GOAL}/",
        "county": f"/lan/{COUNTY}/",
        "overview": "/oversikt/",
        "search": f"/sok/?q={SEARCH_QUERY}",
        "search_facets": f"/sok/?q={SEARCH_QUERY}&lan={COUNTY}&steg=3",
        "search_misspelt": f"/sok/?q={MISSPELT_QUERY}",
        "search_partial": f"/sok/?q={PARTIAL_QUERY}",
        "autocomplete": "/sok/forslag/?q=fam",
        "api_list": "/api/v1/exempel/",
        "feed": "/flode/nya-exempel/",
    }


def queries(paths: list[str]) -> dict[str, dict]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    result = {}
    for path in paths:
        client.get(path)
        client.get(path)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path)
        result[path] = {"status": response.status_code, "queries": len(ctx.captured_queries)}
    return result


def counts() -> dict[str, int]:
    from bench.generator import synthetic_examples
    from examples import listing
    from search.models import SearchDocument

    return {
        "synthetic": synthetic_examples().count(),
        "live_examples": listing.live_examples().count(),
        "database_index": SearchDocument.objects.count(),
    }


def rebuild_elasticsearch() -> dict:
    from search import indexing

    if not indexing.elasticsearch_enabled():
        return {}
    documents = listing_count()
    started = time.monotonic()
    indexing.elasticsearch_index().rebuild(lambda line: None)
    seconds = time.monotonic() - started
    return {"seconds": round(seconds, 2), "documents": documents}


def listing_count() -> int:
    from search import indexing

    return indexing.indexable_examples().count()


def main(argv: list[str]) -> None:
    import django

    django.setup()
    what, args = argv[0], argv[1:]
    if what == "urls":
        out = urls()
    elif what == "queries":
        out = queries(args)
    elif what == "counts":
        out = counts()
    elif what == "rebuild-elasticsearch":
        out = rebuild_elasticsearch()
    elif what == "adoptions":
        from bench.adoptions import ensure, summary

        out = {"written": ensure(), **summary()}
    elif what == "digests":
        from bench.digests import measure

        out = measure(int(args[0]))
    else:
        raise SystemExit(f"Okänd mätning: {what}")
    sys.stdout.write(json.dumps(out) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
