"""Related examples: the published examples sharing the most goals, tags, areas and county.

With Elasticsearch as the search backend its more-like-this chooses them (texts as well as
goals, areas and tags), asked through ``examples.similar``, the interface the search app
registers with (this app never imports the search); otherwise, and whenever Elasticsearch
fails, they are scored in the database (``scored_in_database``).

Why bounded candidates and not a score over every example: every example shares something
with thousands of others (a county, a broad target area, the default tag), so scoring all of
them costs more with each example published (half a second per page at 10 000 examples).
Instead each link the page has (a goal, a tag, an area, its county) brings in at most
``CANDIDATES_PER_LINK`` candidates, the newest examples with that link, read from an index on
(link, example) in stored order (migration 0005), so each read stops after that many rows. The
``CANDIDATES_SCORED`` of them found through the most links are then scored exactly, by index
probes. An example sharing several links is in several short lists, so the best matches come out
on top, and the cost is the same at 100 or 100 000 examples.

Why a cache on top, and not a list stored per example: the rendered cards are kept in the
default cache under the site-wide generation (``website.pagecache``, see ``RelatedExamples``),
so a page viewed again costs one cache read, and any publish elsewhere renews every list at
once. A list stored on each example when it is published would be fresh for that example only:
its neighbours would never show it until they were published again, and recomputing theirs
would make a publish cost grow with the examples.

A link that almost every example carries says nothing about likeness and is left out: the tag
every example gets (``DEFAULT_TAG``), and any tag on more than half of the published examples
(at least ``COMMON_TAG_MIN``), such as a label a whole import carries.
"""

import hashlib
from collections.abc import Sequence
from functools import cached_property

from django.db import connection
from django.db.models import Count

from examples import listing, similar
from examples.extensions import fragment_seconds
from website.pagecache import generation, shared

RELATED_LIMIT = 4
# How many of the newest examples each of the page's links brings in as candidates, and how many
# of those (the ones found through the most links) are scored exactly.
CANDIDATES_PER_LINK = 100
CANDIDATES_SCORED = 50
# Points per shared link. A shared goal or tag says more about what two examples do than a shared
# target area (there are 22 goals and free tags, but only a handful of broad areas) or county
# (where the work is done, not what it is).
WEIGHTS = {"goals": 2, "tags": 2, "target_areas": 1, "county": 1}
# A tag on more than this share of published examples is as good as on all of them (once there
# are enough examples for a share to mean anything).
COMMON_TAG_SHARE = 0.5
COMMON_TAG_MIN = 50


def related_examples(page, limit=RELATED_LIMIT, details=None) -> "RelatedExamples":
    """Up to ``limit`` live, public examples like ``page``, looked up when first read.

    ``details`` (``examples.details.ExampleDetails``) are the page's relations when the caller
    has read them already; without them they are read from the page object.
    """
    return RelatedExamples(page, limit, details)


class RelatedExamples(Sequence):
    """The related examples of a page: a list that is only looked up when first read.

    The page template keeps the rendered cards in the default cache under ``cache_key`` (the
    generation, the page and its links), so a page viewed again reads neither the scores nor
    the cards; ``cache_key`` is None when the cache cannot be reached (nothing is stored).
    """

    def __init__(self, page, limit=RELATED_LIMIT, details=None):
        self.page, self.limit, self.details = page, limit, details

    @property
    def cache_seconds(self) -> int:
        """At most this long (a new generation replaces the cards sooner); 0: not kept."""
        return fragment_seconds()

    @cached_property
    def cache_key(self) -> str | None:
        if not self.cache_seconds:
            return None
        current = generation()
        if current is None or not self.page.pk:
            return None
        links = repr(sorted(page_links(self.page, self.details).items()))
        digest = hashlib.sha256(links.encode()).hexdigest()[:16]
        return f"{current}:{self.page.pk}:{digest}:{self.limit}"

    @cached_property
    def examples(self) -> list:
        return find_related(self.page, self.limit, self.details)

    def __getitem__(self, index):
        if not isinstance(index, int | slice):
            # A template's ``related_examples.cache_key`` tries ``["cache_key"]`` first: refuse
            # it without looking the examples up.
            raise TypeError(index)
        return self.examples[index]

    def __len__(self):
        return len(self.examples)

    def __eq__(self, other):
        if isinstance(other, Sequence) and not isinstance(other, str):
            return self.examples == list(other)
        return NotImplemented

    __hash__ = None


def find_related(page, limit=RELATED_LIMIT, details=None) -> list:
    """The search's similar examples when it has some (``examples.similar``), else our score."""
    if page.pk:
        ids = similar.similar_ids(page.pk, limit)
        if ids:
            found = {e.pk: e for e in listing.for_cards(listing.live_examples().filter(pk__in=ids))}
            cards = [found[pk] for pk in ids if pk in found and pk != page.pk]
            if cards:
                return cards
    return scored_in_database(page, limit, details)


def common_tag_ids() -> frozenset[int]:
    """Tags on more than ``COMMON_TAG_SHARE`` of the published examples.

    Counted once per process until the next change (``website.pagecache.shared``): a count over
    every tagging would otherwise be the one cost per page that grows with the examples.
    """
    from examples.models import ExamplePage, ExamplePageTag  # examples.models imports this module

    def compute():
        live = ExamplePage.objects.live()
        total = live.count()
        rows = (
            ExamplePageTag.objects.filter(content_object__in=live.values("pk"))
            .values("tag_id")
            .annotate(n=Count("id"))
            .filter(n__gt=max(total * COMMON_TAG_SHARE, COMMON_TAG_MIN))
        )
        return frozenset(row["tag_id"] for row in rows)

    return shared("related-common-tags", compute)


def page_links(page, details=None) -> dict[str, list[int]]:
    """The ids the page links to, per relation, without the links everyone shares.

    Read from ``details`` when given, else from the page object, so a page in preview (unsaved
    relations) works too.
    """
    from examples.models.pages import DEFAULT_TAG

    goals = details.goals if details else page.goals.all()
    all_tags = details.tags if details else page.tags.all()
    areas = details.target_areas if details else page.target_areas.all()
    tags = [tag.pk for tag in all_tags if tag.pk and tag.name != DEFAULT_TAG]
    if tags:
        common = common_tag_ids()
        tags = [pk for pk in tags if pk not in common]
    return {
        "goals": sorted({goal.pk for goal in goals if goal.pk}),
        "tags": sorted(set(tags)),
        "target_areas": sorted({area.pk for area in areas if area.pk}),
        "county": [page.county_id] if page.county_id else [],
    }


def _tables():
    """(table, example column, link column) per relation, from the models' own metadata."""
    from examples.models import ExamplePage, ExamplePageTag

    def through(field_name):
        model = ExamplePage._meta.get_field(field_name).remote_field.through
        field = ExamplePage._meta.get_field(field_name)
        return (
            model._meta.db_table,
            model._meta.get_field(field.m2m_field_name()).column,
            model._meta.get_field(field.m2m_reverse_field_name()).column,
        )

    return {
        "goals": through("goals"),
        "target_areas": through("target_areas"),
        "tags": (
            ExamplePageTag._meta.db_table,
            ExamplePageTag._meta.get_field("content_object").column,
            ExamplePageTag._meta.get_field("tag").column,
        ),
        "county": (
            ExamplePage._meta.db_table,
            ExamplePage._meta.pk.column,
            ExamplePage._meta.get_field("county").column,
        ),
    }


def _scoring_sql(links, page_pk, fetch):
    """One statement: bounded candidate lists per link, then the exact score of each candidate,
    the best ``fetch`` of those a visitor may see.

    Identifiers come from model metadata and every value is a parameter.
    """
    from wagtail.models import Page

    qn = connection.ops.quote_name
    tables = _tables()
    page_table, page_pk_col, live_col, path_col = (
        qn(Page._meta.db_table),
        qn(Page._meta.pk.column),
        qn(Page._meta.get_field("live").column),
        qn(Page._meta.get_field("path").column),
    )
    # Live and outside every restricted section, as ``listing.live_examples`` keeps them.
    restricted = [f"{path}%" for path in listing.restricted_paths()]
    visible = f"p.{live_col}" + "".join(f" AND p.{path_col} NOT LIKE %s" for _ in restricted)
    candidate_parts, score_parts = [], []
    params_candidates, params_scores = [], []
    for relation, ids in links.items():
        if not ids:
            continue
        table, example_col, link_col = (qn(name) for name in tables[relation])
        for link_id in ids:
            candidate_parts.append(
                f"SELECT c.example_id, %s AS weight FROM (SELECT {example_col} AS example_id "  # noqa: S608 - model metadata  # nosec B608
                f"FROM {table} WHERE {link_col} = %s ORDER BY {example_col} DESC LIMIT %s) c"
            )
            params_candidates += [WEIGHTS[relation], link_id, CANDIDATES_PER_LINK]
        placeholders = ", ".join(["%s"] * len(ids))
        # Correlated per candidate: a probe of the (example, link) index, never a scan of a link.
        score_parts.append(
            f"%s * (SELECT COUNT(*) FROM {table} t WHERE t.{example_col} = c.example_id "  # noqa: S608 - model metadata  # nosec B608
            f"AND t.{link_col} IN ({placeholders}))"
        )
        params_scores += [WEIGHTS[relation], *ids]
    sql = (
        f"WITH hits AS ({' UNION ALL '.join(candidate_parts)}), "  # noqa: S608 - model metadata  # nosec B608
        # The candidates found through the most (and weightiest) links go on to be scored.
        "candidates AS (SELECT example_id FROM hits GROUP BY example_id "
        "ORDER BY SUM(weight) DESC, example_id DESC LIMIT %s) "
        f"SELECT c.example_id, {' + '.join(score_parts)} AS score FROM candidates c "
        # A scalar subquery, not a join: the planner keeps it a probe of the primary key.
        f"WHERE (SELECT {visible} FROM {page_table} p WHERE p.{page_pk_col} = c.example_id) "
        "AND c.example_id <> %s "
        "ORDER BY score DESC, c.example_id DESC LIMIT %s"
    )
    return sql, [
        *params_candidates,
        CANDIDATES_SCORED,
        *params_scores,
        *restricted,
        page_pk or 0,
        fetch,
    ]


def _rank(example, scores):
    published = example.first_published_at.timestamp() if example.first_published_at else 0
    return (-scores[example.pk], -published, -example.pk)


def scored_in_database(page, limit=RELATED_LIMIT, details=None):
    """Up to ``limit`` live, public examples other than ``page``, the best overlap first.

    Each example gets its score as ``relatedness``; ties go to the newest.
    """
    links = page_links(page, details)
    if not any(links.values()):
        return []
    sql, params = _scoring_sql(links, page.pk, limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        scores = {int(pk): int(score) for pk, score in cursor.fetchall()}
    if not scores:
        return []
    found = {
        example.pk: example
        for example in listing.for_cards(listing.live_examples().filter(pk__in=list(scores)))
    }
    ranked = sorted(found.values(), key=lambda e: _rank(e, scores))[:limit]
    for example in ranked:
        example.relatedness = int(scores[example.pk])
    return ranked
