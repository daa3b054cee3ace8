"""Tag slugs folded like every other slug of the site: ``strategiförhälsa`` → ``strategiforhalsa``.

The taxonomy's slugs are ASCII (``jamtlands-lan``, ``ostersund``, ``halso-och-sjukvard``), and so
are the examples' own (``members.sharing.services.unique_slug``). django-taggit keeps å, ä and ö
in a tag's slug unless ``unidecode`` is installed, which would make ``?tagg=strategiförhälsa``
the only tag parameter with percent-escapes in a link (``strategif%C3%B6rh%C3%A4lsa``). So every
tag is folded before it is saved (``fold_tags``, connected in ``ExamplesConfig.ready``), the
migration ``0008_fold_tag_slugs`` folds the tags saved before, and a URL from before that still
says ``strategiförhälsa`` is folded when it is read (``fold_slug`` in ``search.forms`` and
``examples.listing``), so old links keep finding their examples.
"""

import re

from django.utils.text import slugify

# taggit's suffix for a slug already taken: "_2", "_3" …
SUFFIX_RE = re.compile(r"(.*?)(_\d+)")


def fold_slug(value: str) -> str:
    """``value`` as an ASCII slug (accents dropped: å, ä → a, ö → o, é → e); a value with no
    Latin letter at all keeps its own characters rather than becoming empty."""
    return slugify(value) or slugify(value, allow_unicode=True)


def fold_tags(sender, instance, raw=False, **kwargs):
    """``pre_save`` of taggit's ``Tag``: the slug taggit made (or an editor typed), folded.

    taggit's own retry on a taken slug (``name_2``, ``name_3`` …) saves again and is folded
    again with its suffix kept, so a folded slug that collides still finds a free one. A name
    with nothing a slug can hold (only symbols) gets ``tagg`` rather than an empty slug.
    """
    if raw:
        return
    base, suffix = instance.slug or "", ""
    if match := SUFFIX_RE.fullmatch(base):
        base, suffix = match.group(1), match.group(2)
    instance.slug = (fold_slug(base) or "tagg") + suffix
