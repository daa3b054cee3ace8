"""The forms of adoptions: "Vi har också infört detta", a new stage, and a spread place.

All are guided (``website.forms.GuidedFormMixin``: labels without colons, an error summary
linking each message to its field) and clean their text where it enters
(``website.text.CleanTextFormMixin``). A failed post re-displays every value typed.
"""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from adoptions.models import Precision
from examples.models import County, Municipality, OrganisationKind, Stage
from members.sharing.forms import MONTHS, StageForm
from website.forms import GuidedFormMixin
from website.text import CleanTextFormMixin

FIRST_YEAR = 1990


def year_choices():
    today = datetime.date.today()
    return [("", _("Välj år")), *[(y, str(y)) for y in range(today.year, FIRST_YEAR - 1, -1)]]


def municipality_field(**kwargs):
    return forms.ModelChoiceField(
        label=_("Kommun"),
        queryset=Municipality.objects.select_related("county").order_by("county__name", "name"),
        required=False,
        empty_label=_("Ingen kommun (hela länet)"),
        **kwargs,
    )


def county_field(**kwargs):
    return forms.ModelChoiceField(
        label=_("Län"),
        queryset=County.objects.order_by("name"),
        required=False,
        empty_label=_("Välj län"),
        **kwargs,
    )


def grouped_municipalities(field):
    """The municipalities under their county (``<optgroup>``), with the empty choice first."""
    groups = {}
    for municipality in field.queryset:
        groups.setdefault(municipality.county.name, []).append((municipality.pk, municipality.name))
    return [("", field.empty_label), *groups.items()]


class DatedMixin:
    """A month (optional: "Vet inte") and a year (required) → ``date`` and ``precision``."""

    def clean_dated(self, data, *, month_field="month", year_field="year", required=True):
        month, year = data.get(month_field), data.get(year_field)
        if not year:
            if required and year_field not in self.errors:
                self.add_error(year_field, _("Välj året."))
            return None, Precision.YEAR
        first = datetime.date(int(year), int(month) if month else 1, 1)
        if first > datetime.date.today():
            self.add_error(
                month_field if month else year_field, _("Datumet kan inte ligga i framtiden.")
            )
            return None, Precision.YEAR
        return first, Precision.MONTH if month else Precision.YEAR


class AdoptionForm(DatedMixin, GuidedFormMixin, CleanTextFormMixin, forms.Form):
    """ "Vi har också infört detta": who, where, since when, how far, what changed locally."""

    organisation = forms.CharField(
        label=_("Er organisation"),
        max_length=255,
        error_messages={"required": _("Skriv namnet på er organisation.")},
    )
    organisation_kind = forms.ChoiceField(
        label=_("Typ av organisation"),
        choices=[("", _("Välj typ")), *OrganisationKind.choices],
        error_messages={"required": _("Välj vilken typ av organisation det är.")},
    )
    municipality = municipality_field(
        help_text=_("Kommunen där ni har infört arbetet. En region väljer bara länet nedan.")
    )
    county = county_field(help_text=_("Fylls i av sig självt när du väljer en kommun."))
    month = forms.TypedChoiceField(
        label=_("Månad"),
        choices=[("", _("Vet inte")), *MONTHS],
        coerce=int,
        empty_value=None,
        required=False,
    )
    year = forms.TypedChoiceField(
        label=_("År"),
        coerce=int,
        empty_value=None,
        error_messages={"required": _("Välj året då ni började.")},
    )
    stage = forms.TypedChoiceField(
        label=_("Hur långt har ni kommit?"),
        choices=Stage.choices,
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj det steg ert arbete har nått.")},
    )
    local_changes = forms.CharField(
        label=_("Vad ändrade ni för att det skulle passa era lokala förutsättningar?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Beskriv vad ni ändrade, eller skriv att ni inte ändrade något.")
        },
        help_text=_("Högst 4000 tecken."),
    )
    lessons = forms.CharField(
        label=_("Vad har ni lärt er?"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Även det som inte fungerade. Högst 4000 tecken."),
    )
    contact_name = forms.CharField(label=_("Kontaktperson"), max_length=255, required=False)
    contact_email = forms.EmailField(
        label=_("Kontaktpersonens e-post"),
        required=False,
        error_messages={"invalid": _("Skriv en e-postadress som namn@exempel.se.")},
    )
    contact_consent = forms.BooleanField(
        label=_("Andra får kontakta oss om arbetet"),
        required=False,
        help_text=_(
            "Kontaktuppgifterna visas bara med ert samtycke. Samtycket sparas med datum och "
            "upphör när rapporten återkallas."
        ),
    )

    def __init__(self, *args, example, **kwargs):
        self.example = example
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices()
        self.fields["municipality"].choices = grouped_municipalities(self.fields["municipality"])

    def clean(self):
        data = super().clean()
        municipality, county = data.get("municipality"), data.get("county")
        if not (municipality or county) and "municipality" not in self.errors:
            self.add_error("municipality", _("Välj en kommun, eller ett län om ni är en region."))
        if municipality and county and municipality.county_id != county.pk:
            self.add_error(
                "county",
                _("%(municipality)s ligger i %(county)s. Välj det länet eller lämna länet tomt.")
                % {"municipality": municipality.name, "county": municipality.county.name},
            )
        if municipality and not county:
            data["county"] = municipality.county
        name = (data.get("organisation") or "").strip().casefold()
        own = {o.name.strip().casefold() for o in self.example.organisations.all()}
        if name and name in own:
            self.add_error(
                "organisation",
                _(
                    "%(name)s står redan bakom exemplet. Rapportera införanden från en annan "
                    "organisation."
                )
                % {"name": data["organisation"]},
            )
        data["started_on"], data["started_precision"] = self.clean_dated(data)
        if data.get("contact_consent") and not (
            data.get("contact_name") or data.get("contact_email")
        ):
            self.add_error(
                "contact_name", _("Skriv en kontaktperson eller en e-postadress som får visas.")
            )
        return data


class AdoptionStageForm(StageForm):
    """ "Nytt steg" for an adoption: the same questions and checks as for an example."""

    note = forms.CharField(
        label=_("Kommentar"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Visas i ert införandes steghistorik."),
    )


class SpreadPlaceForm(DatedMixin, GuidedFormMixin, CleanTextFormMixin, forms.Form):
    """A place the owner's own organisation has spread the work to: a municipality, a county,
    a name, or a number of municipalities in a county when only that is known."""

    municipality = municipality_field()
    county = county_field(help_text=_("För hela länet, eller för ett antal kommuner i länet."))
    name = forms.CharField(
        label=_("Namn på platsen"),
        max_length=255,
        required=False,
        help_text=_("T.ex. en stadsdel eller en vårdcentral, när det inte är en hel kommun."),
    )
    count = forms.IntegerField(
        label=_("Antal kommuner"),
        required=False,
        min_value=1,
        max_value=290,
        help_text=_("När bara antalet är känt, t.ex. 6 för ”sex kommuner i Örebro län”."),
        error_messages={
            "min_value": _("Antalet måste vara minst 1."),
            "max_value": _("Sverige har 290 kommuner."),
            "invalid": _("Skriv antalet med siffror."),
        },
    )
    month = forms.TypedChoiceField(
        label=_("Månad"),
        choices=[("", _("Vet inte")), *MONTHS],
        coerce=int,
        empty_value=None,
        required=False,
    )
    year = forms.TypedChoiceField(
        label=_("År"),
        coerce=int,
        empty_value=None,
        error_messages={"required": _("Välj året då arbetet började där.")},
    )
    stage = forms.TypedChoiceField(
        label=_("Steg på platsen"),
        choices=[("", _("Inget angivet")), *Stage.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices()
        self.fields["municipality"].choices = grouped_municipalities(self.fields["municipality"])

    def clean(self):
        data = super().clean()
        municipality, county = data.get("municipality"), data.get("county")
        if not (municipality or county or data.get("name")) and not self.errors.get("municipality"):
            self.add_error("municipality", _("Välj en kommun eller ett län, eller skriv ett namn."))
        if municipality and county and municipality.county_id != county.pk:
            self.add_error(
                "county",
                _("%(municipality)s ligger i %(county)s. Välj det länet eller lämna länet tomt.")
                % {"municipality": municipality.name, "county": municipality.county.name},
            )
        if data.get("count") and not county:
            self.add_error("county", _("Välj länet där kommunerna ligger."))
        if data.get("count") and municipality:
            self.add_error("municipality", _("Välj antingen en kommun eller ett antal kommuner."))
        data["date"], data["precision"] = self.clean_dated(data)
        return data

    def place_data(self) -> dict:
        data = self.cleaned_data
        return {
            "municipality": data.get("municipality"),
            "county": data.get("county"),
            "name": data.get("name", ""),
            "count": data.get("count"),
            "date": data["date"],
            "precision": data["precision"],
            "stage": data.get("stage"),
        }
