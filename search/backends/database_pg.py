"""PostgreSQL's reading side of the database backend: everything runs on ``SearchMatch`` rows.

``SearchMatch`` (``search/models.py``) holds per document only the tsvector, one column per facet
(the county and the stage as values, the other facets as arrays of slugs) and the publication
date, so matching, filtering, ranking and facet counting never read the long display texts;
those are fetched for the page of hits only.

The vectors of long texts are TOASTed: testing a row's vector reads it back (~1.5 µs a row), so a
plan that tests the words row by row is slow, and only the GIN index should answer them. With
words, ``search_settings`` turns sequential scans off for the search's statements, and the facet
columns have no index of their own, so the words are always answered by the index and the
facet selections are tested on the narrow columns of the rows it returns. Without words every
row is read anyway and a sequential scan is the right plan.

Semantics are those of ``search/backends/database.py`` (and Elasticsearch): every word group
must match, values within a facet are OR-ed, facets are AND-ed, and each facet is counted with
every other facet's selection applied but not its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction

from search.facets import FACETS, FACETS_BY_PARAM

# Ranking: ts_rank takes one weight per class D, C, B, A (search/backends/database.py assigns them).
PG_WEIGHTS = "{0.1, 0.3, 0.5, 1.0}"
COVERAGE_WEIGHT = 4  # each group of the query a row has outranks anything else
# An example located in a place the query names (its county, a municipality where it runs) or
# linked to a goal it names outranks one whose text only has the words, within the same
# coverage (``query.located``).
LOCATED_WEIGHT = 2
# What a match through a synonym, a municipality of the county named or a misspelt word's
# neighbour counts for, against the words as typed (search/query.py: a group's ``primary``).
EXPANSION_WEIGHT = 0.25

ORDERINGS = {
    "relevans": "score DESC, first_published_at DESC, document_id DESC",
    "steg": "stage DESC, first_published_at DESC, document_id DESC",
    "nyast": "first_published_at DESC, document_id DESC",
    "spridning": "spread DESC NULLS LAST, first_published_at DESC, document_id DESC",
}
# The columns the facet counts read (named as in search/facets.py), besides ``stage``.
FACET_COLUMNS = ", ".join(facet.field for facet in FACETS if facet.field != "stage")


def _selection(param: str) -> str:
    """The clause "the row has any of the selected values" for one facet (values: a parameter)."""
    facet = FACETS_BY_PARAM[param]
    if facet.single:
        return f"{facet.field}::text = ANY(%s::text[])"
    return f"{facet.field} && %s::text[]"


def _conditions(
    expression: str | None,
    selected: dict[str, tuple[str, ...]],
    without: str | None = None,
) -> tuple[list[str], list]:
    """WHERE clauses (constant SQL) and their parameters: the words, then each other selection."""
    clauses, params = [], []
    if expression is not None:
        clauses.append("search_vector @@ %s::tsquery")
        params.append(expression)
    for param, values in selected.items():
        if param != without:
            clauses.append(_selection(param))
            params.append(list(values))
    return clauses, params


def _rank(vector: str) -> str:
    """Cover density (the words near each other), field-weighted and length-normalised (1),
    squashed below 1 (32); the query is a parameter."""
    return f"ts_rank_cd('{PG_WEIGHTS}', {vector}, %s::tsquery, 1 | 32)"


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


def search(
    expression: str | None,
    exact: str,
    group_expressions: list[str],
    selected: dict[str, tuple[str, ...]],
    facets: list[str],
    sort: str,
    offset: int,
    limit: int,
    located: dict[str, tuple[str, ...]] | None = None,
    collapse: bool = False,
) -> tuple[int, int, int | None, dict[str, dict[str, int]], list[tuple[int, float, str, str]]]:
    """The number of hits, how many have every group, how many near-copy groups they make (with
    ``collapse``, else None), every facet's counts and one page of (page id, score, summary,
    body).

    ``expression`` matches a row having any group of the query; ``group_expressions`` (two or
    more) are the groups one by one: a row's coverage is how many it has, and ranks first.
    ``exact`` (or "") is the groups as typed: a row having them ranks above one having only
    their synonyms, the municipalities of a county named, or the neighbours of a misspelt word.
    ``located`` (``query.located``): the places and goals the query names, as facet values; a
    row located in one of the places or linked to one of the goals ranks above a row whose text
    only has the words.

    One statement: the rows matching the words (and, with two selections or more, passing at
    least one of them) are read once, through the word index, into ``matched``; the total, the
    facet counts and the page of hits are all taken from it. The total, every unselected facet
    and the hits count the rows passing every selection (``passing``); each selected facet the
    rows of ``matched`` passing every *other* selection. A facet with one value per row is a
    GROUP BY on its column, the others unnest their own short array. Only the page's rows read
    their texts (for the snippets). With ``collapse`` the page lists each group of near-copies
    once (``search.nearcopies``): its first row in the page's order.
    """
    match_clauses, match_params = _conditions(expression, {})
    if len(selected) >= 2:
        # Every count needs all selections but at most one, so a row passing none counts nowhere:
        # leaving those out keeps the set every part scans small.
        any_clauses, any_params = _conditions(None, selected)
        match_clauses.append("(" + " OR ".join(any_clauses) + ")")
        match_params.extend(any_params)
    all_clauses, all_params = _conditions(None, selected)
    # The rows passing every selection, read once: the total, the unselected facets and the
    # page of hits all count them (at 100 000 examples each scan of ``matched`` cost 5 ms).
    passing, passing_cte, passing_params = "matched", "", []
    if selected:
        passing = "passing"
        passing_cte = (
            f", passing AS MATERIALIZED (SELECT * FROM matched WHERE {_where(all_clauses)})"  # noqa: S608  # nosec B608 - constant clauses
        )
        passing_params = all_params

    coverage, coverage_params = "1", []
    if group_expressions:
        coverage = " + ".join(["(search_vector @@ %s::tsquery)::int"] * len(group_expressions))
        coverage_params = list(group_expressions)
    located_sql, located_params = "0", []
    if located:
        located_sql = "(" + " OR ".join(_selection(param) for param in located) + ")::int"
        located_params = [list(values) for values in located.values()]
    rank, rank_params, score_params, rows = "0.0", [], [], f"{passing} m"
    if sort == "relevans" and expression is not None:
        # Coverage first, then the rank. Without a selection every matching row
        # is ranked, in the same pass that matches it and takes its coverage (reading the
        # vectors again through a join cost as much as the match); with one, only the rows
        # passing it are, read again by a join.
        vector = "s.search_vector" if selected else "search_vector"
        rank_sql, rank_sql_params = _rank(vector), [expression]
        if exact:
            rank_sql = f"{_rank(vector)} + {EXPANSION_WEIGHT} * {rank_sql}"
            rank_sql_params.insert(0, exact)
        if selected:
            score = f"m.coverage * {COVERAGE_WEIGHT} + m.located * {LOCATED_WEIGHT} + {rank_sql}"
            score_params = rank_sql_params
            rows += " JOIN search_searchmatch s ON s.document_id = m.document_id"
        else:
            rank, rank_params = rank_sql, rank_sql_params
            score = f"m.coverage * {COVERAGE_WEIGHT} + m.located * {LOCATED_WEIGHT} + m.rank"
    else:
        score = "0.0"
        sort = sort if sort in ("steg", "spridning") else "nyast"
    order = ORDERINGS[sort]
    scored = (
        f"SELECT m.document_id, m.copy_key, m.stage, m.spread, m.first_published_at, "  # noqa: S608  # nosec B608 - constants
        f"({score})::real AS score FROM {rows}"
    )
    listed_cte, groups = "", "NULL::bigint"
    if collapse:
        # Each group's first row in the page's order, read once: the page and the number of
        # groups (what the paging counts) are both taken from it.
        listed_cte = (
            ", listed AS MATERIALIZED (SELECT * FROM (SELECT s.*, row_number() OVER ("  # noqa: S608  # nosec B608 - constants
            f"PARTITION BY copy_key ORDER BY {order}) AS nth FROM ({scored}) s) c WHERE nth = 1)"
        )
        scored, groups = "SELECT * FROM listed", "(SELECT count(*) FROM listed)"
    top = (
        f"SELECT document_id, score, row_number() OVER (ORDER BY {order}) AS position FROM ("  # noqa: S608  # nosec B608 - constants
        f"SELECT * FROM ({scored}) r ORDER BY {order} LIMIT %s OFFSET %s) page"
    )
    branches = [
        (
            f"SELECT NULL::text, NULL::text, count(*), count(*) FILTER (WHERE coverage = %s)::integer, "  # noqa: S608  # nosec B608 - constants
            f"NULL::real, NULL::text, NULL::text, NULL::bigint, {groups} FROM {passing}",
            [max(len(group_expressions), 1)],
        )
    ]
    for param in facets:
        facet = FACETS_BY_PARAM[param]
        if param in selected:
            source = "matched"
            clauses, part_params = _conditions(None, selected, without=param)
        else:
            source, clauses, part_params = passing, [], []
        if facet.single:
            sql = (
                f"SELECT %s, {facet.field}::text, count(*), NULL, NULL, NULL, NULL, NULL, NULL "  # noqa: S608  # nosec B608 - constants
                f"FROM {source} WHERE {facet.field} IS NOT NULL AND {_where(clauses)} "
                f"GROUP BY {facet.field}"
            )
        else:
            sql = (
                f"SELECT %s, value, count(*), NULL, NULL, NULL, NULL, NULL, NULL "  # noqa: S608  # nosec B608 - constants
                f"FROM {source}, unnest({facet.field}) AS value WHERE {_where(clauses)} "
                "GROUP BY value"
            )
        branches.append((sql, [param, *part_params]))
    branches.append(
        (
            "SELECT NULL, NULL, NULL, top.document_id, top.score, d.summary, d.body, top.position, "
            "NULL "
            "FROM top JOIN search_searchdocument d ON d.page_id = top.document_id",
            [],
        )
    )
    sql = (
        "WITH matched AS MATERIALIZED ("  # noqa: S608  # nosec B608 - constant clauses
        f"SELECT document_id, copy_key, stage, spread, first_published_at, {FACET_COLUMNS}, "
        f"{coverage} AS coverage, ({rank})::real AS rank, {located_sql} AS located "
        f"FROM search_searchmatch WHERE {_where(match_clauses)}){passing_cte}{listed_cte}, top AS ({top}) "
        + " UNION ALL ".join(branch for branch, _ in branches)
    )
    params = [*coverage_params, *rank_params, *located_params, *match_params, *passing_params]
    params += score_params
    params += [limit, offset]
    params += [p for _, part in branches for p in part]

    total = complete = 0
    listed = None
    counts: dict[str, dict[str, int]] = {facet: {} for facet in facets}
    hits = []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for row in cursor.fetchall():
            facet, value, number, page_id, rank, summary, body, position, group_count = row
            if position is not None:
                hits.append((position, (page_id, rank, summary, body)))
            elif facet is None:
                total, complete, listed = number, page_id, group_count
            elif facet in counts:
                counts[facet][value] = number
    return total, complete, listed, counts, [hit for _, hit in sorted(hits)]
