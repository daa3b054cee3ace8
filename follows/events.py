"""What changed when an example or a seminar was published: the built-in news of a followed page.

Connected to Wagtail's ``page_published`` (every way a page goes live: the admin, an approved
review, scheduled publishing). The new revision is compared with the one published before it
(Wagtail's publish log, which is written after the signal, so its latest entry is the previous
publication) and each difference worth a reader's attention becomes an ``ExampleEvent`` in the
same transaction as the publication:

* an example: a new stage in its history, a new attachment, a substantial edit of its text
  (at least ``SUBSTANTIAL_WORDS`` words added, removed or replaced: a corrected typo is not news);
* a seminar: its programme (the examples presented, in order, and who presents them), its time
  or its place changing.

A first publication records nothing: a new example is news through its ``first_published_at``.
"""

from __future__ import annotations

import contextlib
import difflib
import json
import re

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from wagtail.models import PageLogEntry

from examples.models import ExamplePage, SeminarPage, Stage
from follows.models import ExampleEvent

SUBSTANTIAL_WORDS = 10
TEXT_FIELDS = ("title", "summary", "body", "results", "lessons", "transfer")
PUBLISH_ACTIONS = ("wagtail.publish", "wagtail.publish.scheduled")


def as_stored(content: dict) -> dict:
    """The content as the database holds it: a revision just saved still has dates and times
    where one read back has their ISO text."""
    return json.loads(json.dumps(content, cls=DjangoJSONEncoder))


def previous_content(page, revision) -> dict | None:
    entry = (
        PageLogEntry.objects.filter(page_id=page.pk, action__in=PUBLISH_ACTIONS)
        .exclude(revision_id=revision.pk)
        .exclude(revision__isnull=True)
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    return entry.revision.content if entry else None


def words_of(content: dict) -> list[str]:
    parts = []
    for name in TEXT_FIELDS:
        value = content.get(name) or ""
        if name == "body" and isinstance(value, str) and value.startswith("["):
            # StreamField JSON: only the values, not the block ids and types.
            with contextlib.suppress(TypeError, ValueError):
                value = json.loads(value)
        if not isinstance(value, str):
            value = " ".join(_strings(value))
        parts.append(strip_tags(value))
    return re.findall(r"\w+", " ".join(parts).lower())


def _strings(data):
    if isinstance(data, str):
        yield data
    elif isinstance(data, list):
        for item in data:
            yield from _strings(item)
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in {"id", "type"}:
                yield from _strings(value)


def changed_words(old: list[str], new: list[str]) -> int:
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return sum(
        max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
    )


def example_changes(old: dict, new: dict) -> list[tuple[str, str]]:
    changes = []
    # A revision just saved holds dates, one read from the database their ISO text.
    old_stages = {(s.get("stage"), str(s.get("date"))) for s in old.get("stage_history", [])}
    for entry in new.get("stage_history", []):
        if (entry.get("stage"), str(entry.get("date"))) not in old_stages and entry.get("stage"):
            try:
                label = Stage(entry["stage"]).label
            except ValueError:
                continue
            changes.append(
                (
                    "stage",
                    _("Nytt steg: steg %(n)s, %(label)s") % {"n": entry["stage"], "label": label},
                )
            )
    old_documents = {a.get("document") for a in old.get("attachments", [])}
    new_attachments = [
        a for a in new.get("attachments", []) if a.get("document") not in old_documents
    ]
    if new_attachments:
        from wagtail.documents import get_document_model

        titles = dict(
            get_document_model()
            .objects.filter(pk__in=[a.get("document") for a in new_attachments])
            .values_list("pk", "title")
        )
        for attachment in new_attachments:
            title = attachment.get("title") or titles.get(attachment.get("document"), "")
            changes.append(("attachment", _("Ny bilaga: %(title)s") % {"title": title}))
    if changed_words(words_of(old), words_of(new)) >= SUBSTANTIAL_WORDS:
        changes.append(("edit", _("Beskrivningen har uppdaterats")))
    return changes


def seminar_changes(old: dict, new: dict) -> list[tuple[str, str]]:
    changes = []

    def programme(content):
        return [(i.get("example"), i.get("presenter_note", "")) for i in content.get("items", [])]

    if programme(old) != programme(new):
        changes.append(("programme", _("Programmet har ändrats")))
    if any(old.get(name) != new.get(name) for name in ("starts_at", "ends_at", "place")):
        changes.append(("programme", _("Tid eller plats har ändrats")))
    return changes


def on_published(sender, instance, revision=None, **kwargs):
    if revision is None or not isinstance(instance, ExamplePage | SeminarPage):
        return
    old = previous_content(instance, revision)
    if old is None:
        return
    compare = example_changes if isinstance(instance, ExamplePage) else seminar_changes
    changes = compare(as_stored(old), as_stored(revision.content))
    ExampleEvent.objects.bulk_create(
        ExampleEvent(page_id=instance.pk, kind=kind, text=text[:500]) for kind, text in changes
    )


def connect():
    from wagtail.signals import page_published

    for model in (ExamplePage, SeminarPage):
        page_published.connect(on_published, sender=model, dispatch_uid=f"follows_{model.__name__}")
