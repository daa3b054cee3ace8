"""PostgreSQL's reading side of the database backend: everything runs on ``SearchMatch`` rows.

``SearchMatch`` (``search/models.py``) holds per document only the tsvector, the facet values as
``facet:value`` keys, the stage and the publication date, so matching, filtering, ranking and
facet counting never read the long display texts; those are fetched for the page of hits only.

The vectors of long texts are still TOASTed, and the planner, not counting that, prefers a
sequential scan testing each row's vector once a word matches most rows (it detoasts every one:
~30 ms at 10 000 rows). ``search_settings`` turns sequential scans off for the search's statements,
so the GIN index answers the words and no vector is read except to rank the filtered rows.
Without words every row is read anyway and a sequential scan is the right plan.
Semantics are those of ``search/backends/database.py`` (and Elasticsearch): every word group
must match, values within a facet are OR-ed (an array overlap), facets are AND-ed, and each facet
is counted with every other facet's selection applied but not its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction

# Ranking: ts_rank takes one weight per class D, C, B, A (search/backends/database.py assigns them).
PG_WEIGHTS = "{0.1, 0.3, 0.5, 1.0}"

ORDERINGS = {
    "relevans": "score DESC, first_published_at DESC, document_id DESC",
    "steg": "stage DESC, first_published_at DESC, document_id DESC",
    "nyast": "first_published_at DESC, document_id DESC",
}


def _keys(param: str, values: tuple[str, ...]) -> list[str]:
    return [f"{param}:{value}" for value in values]


def _conditions(
    expression: str | None, selected: dict[str, tuple[str, ...]], without: str | None = None
) -> tuple[list[str], list]:
    """WHERE clauses (constant SQL) and their parameters: the words, then each other selection."""
    clauses, params = [], []
    if expression is not None:
        clauses.append("search_vector @@ %s::tsquery")
        params.append(expression)
    for param, values in selected.items():
        if param != without:
            clauses.append("facet_keys && %s::text[]")
            params.append(_keys(param, values))
    return clauses, params


def _where(clauses: list[str]) -> str:
    return " AND ".join(clauses) if clauses else "TRUE"


# Set for the search's statements (see the module docstring): with words, the GIN index answers
# them; always, the matching rows' facet keys are counted in memory without spilling to disk.
SEARCH_SETTINGS = {"work_mem": "16MB"}
WORD_SEARCH_SETTINGS = {**SEARCH_SETTINGS, "enable_seqscan": "off"}


@contextmanager
def search_settings(words: bool) -> Iterator[None]:
    """Run the enclosed statements with the search's settings, in a transaction (one statement).

    Without words every row is read anyway and a sequential scan is the right plan, so only
    ``work_mem`` is raised. ``set_config(..., true)`` lasts until the transaction ends; inside a
    caller's transaction the previous values are put back afterwards.
    """
    settings = WORD_SEARCH_SETTINGS if words else SEARCH_SETTINGS
    nested = connection.in_atomic_block
    names = list(settings)
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute(
            "SELECT " + ", ".join(["current_setting(%s), set_config(%s, %s, true)"] * len(names)),
            [item for name in names for item in (name, name, settings[name])],
        )
        previous = cursor.fetchone()[::2]
        yield
        if nested:
            cursor.execute(
                "SELECT " + ", ".join(["set_config(%s, %s, true)"] * len(names)),
                [
                    item
                    for name, value in zip(names, previous, strict=True)
                    for item in (name, value)
                ],
            )


def hits(
    expression: str | None,
    selected: dict[str, tuple[str, ...]],
    sort: str,
    offset: int,
    limit: int,
) -> list[tuple[int, float, str, str]]:
    """One page of (page id, score, summary, body), ranked on the narrow rows, texts joined after."""
    clauses, params = _conditions(expression, selected)
    if sort == "relevans" and expression is not None:
        score = f"ts_rank('{PG_WEIGHTS}', search_vector, %s::tsquery)"
        params = [expression, *params]
    else:
        score = "0.0"
        sort = "steg" if sort == "steg" else "nyast"
    order = ORDERINGS[sort]
    sql = (
        "SELECT top.document_id, top.score, d.summary, d.body FROM ("  # noqa: S608  # nosec B608 - constants
        f"SELECT document_id, stage, first_published_at, {score} AS score "
        f"FROM search_searchmatch WHERE {_where(clauses)} ORDER BY {order} LIMIT %s OFFSET %s"
        ") top JOIN search_searchdocument d ON d.page_id = top.document_id "
        f"ORDER BY {', '.join('top.' + part for part in order.split(', '))}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit, offset])
        return cursor.fetchall()


def total_and_facet_counts(
    expression: str | None, selected: dict[str, tuple[str, ...]], facets: list[str]
) -> tuple[int, dict[str, dict[str, int]]]:
    """The number of hits and every facet's counts, in one query over the rows matching the words.

    The unselected facets share one set of rows (every selection applied, as the total); each
    selected facet is counted over the rows that pass every *other* selection.
    """
    text_clauses, params = _conditions(expression, {})
    if len(selected) >= 2:
        # Every part needs all selections but at most one, so a row passing none counts nowhere:
        # leaving those out keeps the set the parts scan small (and lets the facet index help).
        text_clauses.append("facet_keys && %s::text[]")
        params.append([key for param, values in selected.items() for key in _keys(param, values)])
    clauses, part_params = _conditions(None, selected)
    parts = [clauses]
    params_parts = [part_params]
    clauses, part_params = _conditions(None, selected)
    clauses.append("NOT (split_part(key, ':', 1) = ANY(%s))")
    parts.append(clauses)
    params_parts.append([*part_params, list(selected)])
    for param in selected:
        clauses, part_params = _conditions(None, selected, without=param)
        clauses.append("starts_with(key, %s)")
        parts.append(clauses)
        params_parts.append([*part_params, f"{param}:"])
    total_part, *facet_parts = parts
    union = " UNION ALL ".join(
        [
            f"SELECT NULL, count(*) FROM matched WHERE {_where(total_part)}",  # noqa: S608  # nosec B608
            *(
                f"SELECT key, count(*) FROM matched, unnest(facet_keys) AS key "  # noqa: S608  # nosec B608
                f"WHERE {_where(clauses)} GROUP BY key"
                for clauses in facet_parts
            ),
        ]
    )
    sql = (
        "WITH matched AS MATERIALIZED ("  # noqa: S608  # nosec B608 - constant clauses
        f"SELECT facet_keys FROM search_searchmatch WHERE {_where(text_clauses)}) {union}"
    )
    total = 0
    counts: dict[str, dict[str, int]] = {facet: {} for facet in facets}
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *(p for part in params_parts for p in part)])
        for key, number in cursor.fetchall():
            if key is None:
                total = number
                continue
            facet, _, value = key.partition(":")
            if facet in counts:
                counts[facet][value] = number
    return total, counts
