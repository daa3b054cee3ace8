"""Routing a URL to its page in one query for the whole path, not two per level of the tree.

Wagtail's ``Page.route`` looks up one child by slug and then its specific row, level by level:
an example page (start page / Goda exempel / example) costs four queries before its view runs.
Every page's ``url_path`` is the slugs from the tree root, kept by Wagtail on every rename and
move, so the pages on the path are the ones whose ``url_path`` is a prefix of it: one query finds
them all (``url_path`` is unique and indexed, so no filter on the tree ``path`` is needed: a
page whose ``url_path`` starts with this page's is below it), and one more fetches the page that
answers (``route_queryset()`` lets a page type join
what it shows). A page type with its own ``route`` (routable pages) is handed the rest of the
path, as Wagtail would; a path that ends below an existing page falls back to Wagtail's routing,
so 404s are answered exactly as before.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection

from wagtail.models import Page


def _plain_route(cls) -> bool:
    return getattr(cls, "route", None) is Page.route


def _pages_on_path(prefixes: list[str]) -> list[tuple[int, int, int]]:
    """(id, depth, content type id) of the pages whose ``url_path`` is one of ``prefixes``.

    A plain statement rather than a queryset: it runs on every page view, and building the
    queryset cost four times what the database takes to answer it.
    """
    q = connection.ops.quote_name
    table = q(Page._meta.db_table)
    placeholders = ", ".join(["%s"] * len(prefixes))
    sql = (
        f"SELECT {q('id')}, {q('depth')}, {q('content_type_id')} FROM {table} "  # noqa: S608  # nosec B608 - model metadata
        f"WHERE {q('url_path')} IN ({placeholders}) ORDER BY {q('depth')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, prefixes)
        return cursor.fetchall()


class DirectRouteMixin:
    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        prefixes = [
            self.url_path + "".join(f"{slug}/" for slug in path_components[: i + 1])
            for i in range(len(path_components))
        ]
        chain = _pages_on_path(prefixes)
        if not chain or chain[0][1] != self.depth + 1:
            return super().route(request, path_components)
        for position, (_pk, _depth, content_type_id) in enumerate(chain):
            cls = ContentType.objects.get_for_id(content_type_id).model_class()
            if cls is None:
                return super().route(request, path_components)
            if not _plain_route(cls) or position == len(chain) - 1:
                break
        page = self._fetch(cls, chain[position][0])
        return page.route(request, path_components[position + 1 :])

    @staticmethod
    def _fetch(cls, pk):
        queryset = cls.route_queryset() if hasattr(cls, "route_queryset") else cls.objects
        return queryset.get(pk=pk)
