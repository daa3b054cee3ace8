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

from wagtail.models import Page


def _plain_route(cls) -> bool:
    return getattr(cls, "route", None) is Page.route


class DirectRouteMixin:
    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        prefixes = [
            self.url_path + "".join(f"{slug}/" for slug in path_components[: i + 1])
            for i in range(len(path_components))
        ]
        chain = list(
            Page.objects.filter(url_path__in=prefixes)
            .only("pk", "depth", "content_type_id", "url_path")
            .order_by("depth")
        )
        if not chain or chain[0].depth != self.depth + 1:
            return super().route(request, path_components)
        for position, found in enumerate(chain):
            cls = found.specific_class
            if cls is None:
                return super().route(request, path_components)
            if not _plain_route(cls) or position == len(chain) - 1:
                break
        page = self._fetch(cls, found.pk)
        return page.route(request, path_components[position + 1 :])

    @staticmethod
    def _fetch(cls, pk):
        queryset = cls.route_queryset() if hasattr(cls, "route_queryset") else cls.objects
        return queryset.get(pk=pk)
