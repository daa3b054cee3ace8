"""The "Dela med dig" form: every field of a good example, in words a member uses.

Uploaded files are checked and stored as soon as they arrive (as Wagtail images and
documents owned by the member) and carried through re-displays as signed tokens, so a
validation error elsewhere in the form never makes the member upload them again.
"""

import datetime
from urllib.parse import urlsplit

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from examples.models import (
    County,
    DiscontinuedReason,
    ExamplePage,
    Goal,
    Municipality,
    OrganisationKind,
    Stage,
    TargetArea,
    TargetGroup,
)
from examples.models.discontinued import DISCONTINUED_LESSON_MAX, DISCONTINUED_TEXT_MAX
from examples.models.pages import DEFAULT_TAG, ExampleOrganisation
from members.sharing import uploads
from website.forms import GuidedFormMixin
from website.text import CleanTextFormMixin, clean_line

TOKEN_SALT = "members.sharing.upload"  # noqa: S105 - a signing namespace, not a secret  # nosec B105
THIS_YEAR = datetime.date.today().year


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field. Empty files pass here so that ``uploads.check_document``
    names each one that is refused, and the good files of the same post are kept."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


def sign_uploads(user_id, kind, ids):
    return signing.dumps({"u": user_id, "k": kind, "ids": list(ids)}, salt=TOKEN_SALT)


def read_uploads(token, user_id, kind):
    """Ids carried by a token this member got for this kind of upload; [] if anything is off."""
    if not token:
        return []
    try:
        data = signing.loads(token, salt=TOKEN_SALT, max_age=60 * 60 * 24)
    except signing.BadSignature:
        return []
    if data.get("u") != user_id or data.get("k") != kind:
        return []
    return [int(i) for i in data.get("ids", []) if isinstance(i, int)]


class ShareExampleForm(GuidedFormMixin, CleanTextFormMixin, forms.Form):
    title = forms.CharField(label=_("Namn på exemplet"), max_length=255)
    summary = forms.CharField(
        label=_("Ingress"),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Två–tre meningar om vad exemplet är. Högst 600 tecken."),
    )
    body = forms.CharField(
        label=_("Beskrivning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Vad ni gör och hur. Tom rad mellan styckena."),
    )
    county = forms.ModelChoiceField(
        label=_("Län"),
        queryset=County.objects.order_by("name"),
        empty_label=_("Välj län"),
        help_text=_("Länet där arbetet görs. Ett exempel kan gälla hela länet."),
    )
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Kommuner"),
        queryset=Municipality.objects.select_related("county").order_by("county__name", "name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        # The Ctrl hint applies to a list box with a mouse and keyboard only: site.css hides
        # .keyboard-hint on touch screens, where the browser's own picker takes several.
        help_text=format_lazy(
            '{} <span class="keyboard-hint">{}</span> {}',
            _("Lämna tomt om arbetet gäller hela länet."),
            _("Håll ned Ctrl (Cmd på Mac) för att välja flera."),
            _("Kommunerna i det valda länet står först; kommuner i andra län går också att välja."),
        ),
    )
    all_municipalities = forms.BooleanField(
        label=_("Visa kommuner i alla län"),
        required=False,
        help_text=_("Kryssa i om arbetet omfattar kommuner i flera län."),
    )
    target_areas = forms.ModelMultipleChoiceField(
        label=_("Verksamhetsområden"),
        queryset=TargetArea.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Välj minst ett verksamhetsområde.")},
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Målgrupper"),
        queryset=TargetGroup.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    stage = forms.TypedChoiceField(
        label=_("Hur långt har arbetet kommit?"),
        choices=Stage.choices,
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj det steg arbetet har nått.")},
    )
    goals = forms.ModelMultipleChoiceField(
        label=_("Mål som arbetet påverkar"),
        queryset=Goal.objects.select_related("area").order_by("number"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    tags = forms.CharField(
        label=_("Taggar"),
        required=False,
        max_length=500,
        initial=DEFAULT_TAG,
        help_text=_("Skilj taggarna åt med kommatecken. Taggen strategiförhälsa finns alltid med."),
    )
    start_year = forms.IntegerField(
        label=_("Startår"), required=False, min_value=1990, max_value=THIS_YEAR + 5
    )
    end_year = forms.IntegerField(
        label=_("Slutår"),
        required=False,
        min_value=1990,
        max_value=THIS_YEAR + 10,
        help_text=_("Lämna tomt om arbetet pågår."),
    )
    results = forms.CharField(
        label=_("Resultat och evidens"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    lessons = forms.CharField(
        label=_("Lärdomar"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Även det som inte fungerade."),
    )
    transfer = forms.CharField(
        label=_("Vad krävs för att göra samma sak någon annanstans?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    contact_name = forms.CharField(label=_("Kontaktperson"), required=False, max_length=255)
    contact_role = forms.CharField(label=_("Kontaktpersonens roll"), required=False, max_length=255)
    contact_email = forms.EmailField(label=_("Kontaktpersonens e-post"), required=False)
    cover_image = forms.FileField(
        label=_("Omslagsbild"),
        required=False,
        error_messages={"empty": _("Filen är tom. Välj en bild i JPEG-, PNG- eller WebP-format.")},
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_("JPEG, PNG eller WebP, högst 10 MB och 40 megapixlar."),
    )
    cover_image_alt = forms.CharField(
        label=_("Alternativtext för bilden"),
        required=False,
        max_length=255,
        help_text=_("Beskriv vad bilden visar för den som inte ser den."),
    )
    remove_cover_image = forms.BooleanField(label=_("Ta bort bilden"), required=False)
    attachments = MultipleFileField(
        label=_("Bilagor"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.pptx,.odt"}),
        help_text=_("PDF, DOCX, XLSX, PPTX eller ODT, högst 20 MB var och högst 5 filer."),
    )
    cover_image_token = forms.CharField(required=False, widget=forms.HiddenInput)
    attachments_token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, existing_image=None, existing_attachments=(), **kwargs):
        self.user = user
        self.existing_image = existing_image
        self.existing_attachments = list(existing_attachments)
        super().__init__(*args, **kwargs)
        self.stored_image = None
        self.stored_documents = []
        self.fields["municipalities"].choices = self.municipality_groups()

    def chosen_county_id(self):
        value = self.data.get("county") if self.is_bound else self.initial.get("county")
        try:
            return int(value)
        except (TypeError, ValueError):
            return None

    def municipality_groups(self):
        """Municipalities grouped under their county, the chosen county's group first.

        The page's script (share-form.js) then shows only that group until "Visa kommuner i alla
        län" is ticked; without JavaScript every group stays visible.
        """
        groups = {}
        for municipality in self.fields["municipalities"].queryset:
            groups.setdefault(municipality.county, []).append((municipality.pk, municipality.name))
        chosen = self.chosen_county_id()
        ordered = sorted(groups.items(), key=lambda item: (item[0].pk != chosen, item[0].name))
        return [(county.name, options) for county, options in ordered]

    # Files -----------------------------------------------------------------------------------

    def clean_cover_image(self):
        upload = self.cleaned_data.get("cover_image")
        if upload:
            return uploads.check_image(upload)
        return None

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        if len(files) > uploads.MAX_ATTACHMENTS:
            raise ValidationError(_("Du kan ladda upp högst 5 bilagor åt gången."))
        checked, errors = [], []
        for upload in files:
            try:
                checked.append(uploads.check_document(upload))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            # Keep the good ones: store them now so that only the bad files need choosing again.
            self._store_documents(checked)
            raise ValidationError(errors)
        return checked

    def _store_documents(self, checked):
        from members.sharing.storage import store_document

        self.stored_documents.extend(store_document(item, self.user) for item in checked)

    def clean(self):
        from members.sharing.storage import load_documents, load_image, store_image

        data = super().clean()
        image_file = data.get("cover_image")
        if image_file:
            self.stored_image = store_image(image_file, self.user, data.get("cover_image_alt", ""))
        elif data.get("remove_cover_image"):
            self.stored_image = None
        else:
            ids = read_uploads(data.get("cover_image_token"), self.user.pk, "image")
            keeps_existing = self.existing_image is not None and ids in (
                [],
                [self.existing_image.pk],
            )
            self.stored_image = load_image(ids, self.user) or (
                self.existing_image if keeps_existing else None
            )
        if self.stored_image and not (data.get("cover_image_alt") or self.stored_image.description):
            self.add_error("cover_image_alt", _("Skriv en alternativtext som beskriver bilden."))

        earlier = load_documents(
            read_uploads(data.get("attachments_token"), self.user.pk, "documents"), self.user
        )
        if data.get("attachments"):
            self._store_documents(data["attachments"])
        self.stored_documents = earlier + [d for d in self.stored_documents if d not in earlier]

        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("Slutåret kan inte vara före startåret."))
        return data

    def defer_required_fields(self):
        """A draft may be saved at any point: only the name is needed to find it again."""
        for name, field in self.fields.items():
            if name != "title":
                field.required = False

    def keep_uploads(self):
        """Put the tokens of kept uploads into the form, so the next post still has them."""
        tokens = self.carried_tokens()
        if self.is_bound:
            data = self.data.copy()
            data.update(tokens)
            self.data = data
        else:
            self.initial.update(tokens)

    def carried_tokens(self):
        """Signed tokens for the uploads kept so far, to render into the re-displayed form."""
        return {
            "cover_image_token": sign_uploads(self.user.pk, "image", [self.stored_image.pk])
            if self.stored_image
            else "",
            "attachments_token": sign_uploads(
                self.user.pk, "documents", [d.pk for d in self.stored_documents]
            ),
        }

    # Attachments: a title and "Ta bort" for each ------------------------------------------------

    def attachment_rows(self):
        """Every attachment the example has or gets with this post, with the title and removal
        the member chose (posted values win, so a re-displayed form keeps them)."""
        titles = {a.document_id: a.title for a in self.existing_attachments}
        documents = [a.document for a in self.existing_attachments]
        documents += [d for d in self.stored_documents if d.pk not in titles]
        changes = self.attachment_changes()
        rows = []
        for document in documents:
            title, removed = changes.get(document.pk, (None, False))
            rows.append(
                {
                    "document": document,
                    "title": title
                    if title is not None
                    else titles.get(document.pk) or document.title,
                    "removed": removed,
                }
            )
        return rows

    def attachment_changes(self):
        """{document id: (title or None, removed)} from the posted title fields and boxes."""
        if not self.is_bound:
            return {}
        removed = (
            set(self.data.getlist("attachment_remove")) if hasattr(self.data, "getlist") else set()
        )
        changes = {}
        for key, value in self.data.items():
            prefix, _sep, pk = key.partition("attachment_title-")
            if prefix or not pk.isdigit():
                continue
            changes[int(pk)] = (clean_line(str(value))[:255], pk in removed)
        for pk in removed:
            if pk.isdigit() and int(pk) not in changes:
                changes[int(pk)] = (None, True)
        return changes

    def tag_list(self):
        raw = self.cleaned_data.get("tags") or ""
        tags = [t.strip()[:100] for t in raw.split(",") if t.strip()]
        return list(dict.fromkeys([DEFAULT_TAG, *tags]))


class OrganisationForm(GuidedFormMixin, CleanTextFormMixin, forms.Form):
    name = forms.CharField(label=_("Organisation"), max_length=255, required=False)
    kind = forms.ChoiceField(
        label=_("Typ"), choices=[("", "–"), *OrganisationKind.choices], required=False
    )
    role = forms.ChoiceField(
        label=_("Roll"), choices=ExampleOrganisation.Role.choices, required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("name") and not data.get("kind"):
            self.add_error("kind", _("Välj vilken typ av organisation det är."))
        return data


OrganisationFormSet = forms.formset_factory(OrganisationForm, extra=3, max_num=10, absolute_max=10)


MONTHS = [
    (1, _("januari")),
    (2, _("februari")),
    (3, _("mars")),
    (4, _("april")),
    (5, _("maj")),
    (6, _("juni")),
    (7, _("juli")),
    (8, _("augusti")),
    (9, _("september")),
    (10, _("oktober")),
    (11, _("november")),
    (12, _("december")),
]


class StageForm(GuidedFormMixin, CleanTextFormMixin, forms.Form):
    """ "Nytt steg": the step reached, the month it was reached (the day is rarely known, so
    the history stores it with month precision) and an optional comment for the history."""

    stage = forms.TypedChoiceField(
        label=_("Nytt steg"),
        choices=Stage.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj det steg arbetet har nått.")},
    )
    month = forms.TypedChoiceField(
        label=_("Månad"),
        choices=MONTHS,
        coerce=int,
        error_messages={"required": _("Välj månaden då arbetet tog steget.")},
    )
    year = forms.TypedChoiceField(
        label=_("År"),
        coerce=int,
        error_messages={"required": _("Välj året då arbetet tog steget.")},
    )
    note = forms.CharField(
        label=_("Kommentar"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Visas i exemplets steghistorik, till exempel vad som avgjorde steget."),
    )

    def __init__(self, *args, latest_change=None, **kwargs):
        self.latest_change = latest_change
        today = datetime.date.today()
        kwargs.setdefault("initial", {}).setdefault("month", today.month)
        kwargs["initial"].setdefault("year", today.year)
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in range(today.year, 1989, -1)]

    def clean(self):
        data = super().clean()
        month, year = data.get("month"), data.get("year")
        if not (month and year):
            return data
        first = datetime.date(year, month, 1)
        today = datetime.date.today()
        if first > today:
            self.add_error("month", _("Månaden kan inte ligga i framtiden."))
            return data
        latest = self.latest_change
        if latest and data.get("stage") == latest.stage:
            self.add_error("stage", _("Arbetet står redan på det steget. Välj ett annat steg."))
            return data
        if latest and (first.year, first.month) < (latest.date.year, latest.date.month):
            self.add_error(
                "month",
                _("Månaden kan inte vara före det senaste steget i historiken (%(date)s).")
                % {"date": latest.date.strftime("%Y-%m")},
            )
            return data
        # In the month of the latest entry, date it no earlier than that entry so that the
        # history keeps its order (StageChange.sort_key sorts by date).
        data["date"] = max(first, latest.date) if latest else first
        return data


class DiscontinueForm(GuidedFormMixin, CleanTextFormMixin, forms.Form):
    """ "Markera som avslutat": when the work stopped (month and year), why, and what others can
    learn. The example stays public, labelled "Avslutat" (``examples/models/discontinued.py``).

    An example that replaced the work is named by its address on this site (pasted from the
    browser), not picked from a list of every example.
    """

    month = forms.TypedChoiceField(
        label=_("Månad"),
        choices=MONTHS,
        coerce=int,
        error_messages={"required": _("Välj månaden då arbetet avslutades.")},
    )
    year = forms.TypedChoiceField(
        label=_("År"),
        coerce=int,
        error_messages={"required": _("Välj året då arbetet avslutades.")},
    )
    reason = forms.ChoiceField(
        label=_("Varför avslutades arbetet?"),
        choices=DiscontinuedReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj varför arbetet avslutades.")},
    )
    reason_text = forms.CharField(
        label=_("Förklaring"),
        required=False,
        max_length=DISCONTINUED_TEXT_MAX,
        help_text=_("Med egna ord. Behövs om du valde ”Annat”."),
    )
    replaced_by_url = forms.CharField(
        label=_("Adress till exemplet som ersatte arbetet"),
        required=False,
        max_length=500,
        help_text=_(
            "Om arbetet ersattes av ett annat exempel här på webbplatsen: klistra in dess "
            "adress, till exempel /goda-exempel/namn-pa-exemplet/."
        ),
    )
    lesson = forms.CharField(
        label=_("Vad kan andra lära sig?"),
        required=False,
        max_length=DISCONTINUED_LESSON_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Det som inte fungerade är också värdefullt för andra."),
    )

    def __init__(self, *args, page=None, **kwargs):
        self.page = page
        today = datetime.date.today()
        kwargs.setdefault("initial", {}).setdefault("month", today.month)
        kwargs["initial"].setdefault("year", today.year)
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in range(today.year, 1989, -1)]

    def clean_replaced_by_url(self):
        """The live example at that address (any host: the path is what names it), or None."""
        value = clean_line(self.cleaned_data.get("replaced_by_url") or "").strip()
        if not value:
            return None
        try:
            path = urlsplit(value).path
        except ValueError:  # e.g. "http://[" : not an address at all
            path = ""
        slug = path.rstrip("/").rpartition("/")[2]
        found = (
            ExamplePage.objects.live().filter(slug=slug).exclude(pk=getattr(self.page, "pk", None))
            if slug and len(slug) <= 255
            else ExamplePage.objects.none()
        )
        page = found.order_by("pk").first()
        if page is None:
            raise ValidationError(
                _(
                    "Hittar inget publicerat exempel på den adressen. Kopiera adressen från exemplets sida."
                )
            )
        return page

    def clean(self):
        data = super().clean()
        month, year = data.get("month"), data.get("year")
        if month and year:
            first = datetime.date(year, month, 1)
            if first > datetime.date.today():
                self.add_error("month", _("Månaden kan inte ligga i framtiden."))
            else:
                data["date"] = first
        reason = data.get("reason")
        if reason == DiscontinuedReason.OTHER and not data.get("reason_text"):
            self.add_error("reason_text", _("Beskriv varför arbetet avslutades."))
        if data.get("replaced_by_url") and reason and reason != DiscontinuedReason.REPLACED:
            self.add_error(
                "replaced_by_url",
                _("Ange ett ersättande exempel bara när arbetet ersattes av annat arbete."),
            )
        return data
