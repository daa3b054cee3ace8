"""Text that every consumer can take: no characters XML 1.0, iCalendar or a spreadsheet refuse.

Word's manual line break is U+000B, and a pasted text may carry other control characters, a
byte-order mark's noncharacter twins (U+FFFE, U+FFFF) or, from a broken decoder, C1 controls
and lone surrogates. HTML shrugs at them, but XML 1.0 forbids them (Django's feed generator
refuses to write the Atom feed: a 500 for every reader), iCalendar's TEXT excludes them and a
CSV reader or spreadsheet breaks its rows on them. ``clean_text`` keeps tab, newline and
carriage return, turns the characters that mean a line break (U+000B, U+000C, U+0085) into a
newline and drops the rest. ``clean_line`` is for one-line values (titles, names, a model's
``CharField``, a form's text input): line breaks and tabs become a space, since an iCalendar
property or a heading cannot hold them.

It runs where text enters (``CleanTextFormMixin`` on the forms, ``CleanTextPageMixin`` on the
page models' admin forms and revisions, ``clean_before_save`` on every model save of our apps,
the taxonomy import) and again where text leaves (the Atom feeds, the calendar files, the CSV
and the API), so text stored before this existed never breaks a consumer either.
"""

import re

from django import forms
from django.db import models

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamValue
from wagtail.fields import StreamField

LINE_BREAKS = "\x0b\x0c\x85"
_UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile(r"[\t\n\r]+")
_TABLE = {
    **dict.fromkeys(range(0x09)),
    **dict.fromkeys(range(0x0E, 0x20)),
    **dict.fromkeys(range(0x7F, 0xA0)),
    **dict.fromkeys(range(0xD800, 0xE000)),
    0xFFFE: None,
    0xFFFF: None,
    **{ord(ch): "\n" for ch in LINE_BREAKS},
}
# Models whose saves are cleaned: our apps, and the tags and documents members name.
CLEANED_APPS = frozenset(
    {
        "website",
        "examples",
        "members",
        "adoptions",
        "assessments",
        "follows",
        "taggit",
        "wagtaildocs",
    }
)


def clean_text(text: str) -> str:
    """``text`` without the characters XML 1.0 and iCalendar forbid (line breaks kept as ``\\n``)."""
    if not text or not _UNWANTED.search(text):
        return text
    return text.translate(_TABLE)


def clean_line(text: str) -> str:
    """``text`` cleaned as one line: line breaks and tabs become spaces."""
    text = clean_text(text)
    return _BREAKS.sub(" ", text) if text and _BREAKS.search(text) else text


def clean_data(value, *, line: bool = False):
    """``value`` with every string in it cleaned (as one line if ``line``): dicts, lists,
    tuples and StreamField values."""
    if isinstance(value, str):
        return clean_line(value) if line else clean_text(value)
    if isinstance(value, dict):
        return {key: clean_data(item, line=line) for key, item in value.items()}
    if isinstance(value, list | tuple):
        cleaned = [clean_data(item, line=line) for item in value]
        return cleaned if isinstance(value, list) else tuple(cleaned)
    if isinstance(value, StreamValue):
        raw = value.stream_block.get_prep_value(value)
        cleaned = clean_data(raw)
        return value if cleaned == raw else value.stream_block.to_python(cleaned)
    return value


def clean_instance(instance) -> None:
    """Clean the instance's text, rich text and StreamField values in place (one-line fields
    as one line)."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField | StreamField):
            value = getattr(instance, field.attname, None)
            cleaned = clean_data(value, line=isinstance(field, models.CharField))
            if cleaned is not value:
                setattr(instance, field.attname, cleaned)


def clean_before_save(sender, instance, raw=False, **kwargs):
    """``pre_save``: imports, scripts and publishing store clean text whatever they were given.

    Fixture loads (``raw``, the backup restore) store exactly what the archive holds."""
    if not raw and sender._meta.app_label in CLEANED_APPS:
        clean_instance(instance)


class CleanTextFormMixin:
    """A form whose cleaned text fields hold no characters XML and JSON consumers refuse."""

    def clean(self):
        data = super().clean()
        for name, value in list(data.items()):
            field = self.fields.get(name)
            one_line = field is not None and isinstance(field.widget, forms.TextInput)
            data[name] = clean_data(value, line=one_line)
        return data


class CleanTextPageForm(CleanTextFormMixin, WagtailAdminPageForm):
    """The admin's page form, cleaning what an editor pastes (tags and StreamField text too)."""


class CleanTextPageMixin:
    """For our page models: the admin form cleans, and so does every revision (drafts too)."""

    base_form_class = CleanTextPageForm

    def save_revision(self, *args, **kwargs):
        clean_instance(self)
        return super().save_revision(*args, **kwargs)
