"""Where an example has spread: other organisations' reports and the owner's own places.

* ``Adoption``: a member of *another* organisation reports "Vi har också infört detta" from a
  published example. Editors review it (``adoptions.review``); only published reports are
  shown anywhere. Its stage moves on in ``AdoptionStageChange``, dated like the example's own
  ``StageChange``.
* ``SpreadPlace``: a place the example's owner records inside their own organisation: a
  municipality, a county, a free name ("Gottsunda"), or a count when that is all that is known
  ("sex kommuner i Örebro län").

Both reach the example page, the overview, the map and the search through
``examples.spread`` (``adoptions.places``), never by import.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from examples.models import OrganisationKind, Stage, StageChange


class Precision(models.TextChoices):
    """How precisely a date is known, the same values as ``StageChange.Precision``."""

    DAY = StageChange.Precision.DAY.value, _("Dag")
    MONTH = StageChange.Precision.MONTH.value, _("Månad")
    YEAR = StageChange.Precision.YEAR.value, _("År")


SMALL_NUMBERS = {
    1: "en",
    2: "två",
    3: "tre",
    4: "fyra",
    5: "fem",
    6: "sex",
    7: "sju",
    8: "åtta",
    9: "nio",
    10: "tio",
    11: "elva",
    12: "tolv",
}


def count_wording(count: int, county_name: str = "") -> str:
    """ "sex kommuner i Örebro län", as the seeds word it (numbers up to twelve in words)."""
    number = SMALL_NUMBERS.get(count, str(count))
    noun = "kommun" if count == 1 else "kommuner"
    return f"{number} {noun}" + (f" i {county_name}" if county_name else "")


class Adoption(models.Model):
    """Another organisation's report that it has introduced an example, reviewed by editors."""

    class Status(models.TextChoices):
        SUBMITTED = "inskickad", _("Inskickad")
        PUBLISHED = "publicerad", _("Publicerad")
        REJECTED = "avslagen", _("Avslagen")
        WITHDRAWN = "aterkallad", _("Återkallad")

    example = models.ForeignKey(
        "examples.ExamplePage",
        verbose_name=_("exempel"),
        on_delete=models.CASCADE,
        related_name="adoptions",
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rapporterad av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="adoptions",
        help_text=_("Tomt när medlemmen har raderat sitt konto."),
    )
    organisation = models.CharField(_("organisation"), max_length=255)
    organisation_kind = models.CharField(
        _("typ av organisation"), max_length=32, choices=OrganisationKind.choices
    )
    municipality = models.ForeignKey(
        "examples.Municipality",
        verbose_name=_("kommun"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    county = models.ForeignKey(
        "examples.County",
        verbose_name=_("län"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("En region rapporterar sitt län; för en kommun fylls länet i av sig självt."),
    )
    started_on = models.DateField(_("startade"))
    started_precision = models.CharField(
        _("startdatumets precision"),
        max_length=5,
        choices=Precision.choices,
        default=Precision.MONTH,
    )
    stage = models.PositiveSmallIntegerField(_("steg"), choices=Stage.choices)
    local_changes = models.TextField(
        _("anpassningar till lokala förutsättningar"),
        max_length=4000,
        help_text=_("Vad organisationen ändrade för att arbetet skulle passa lokalt."),
    )
    lessons = models.TextField(_("lärdomar"), max_length=4000, blank=True)
    contact_name = models.CharField(_("kontaktperson"), max_length=255, blank=True)
    contact_email = models.EmailField(_("kontaktpersonens e-post"), blank=True)
    contact_consent_at = models.DateTimeField(
        _("samtycke till att bli kontaktad"),
        null=True,
        blank=True,
        help_text=_("När samtycket gavs; tomt betyder att kontaktuppgifterna aldrig visas."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granskad av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("granskad"), null=True, blank=True)
    review_message = models.TextField(_("redaktörens meddelande"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)
    published_at = models.DateTimeField(_("publicerad"), null=True, blank=True)

    class Meta:
        verbose_name = _("införande")
        verbose_name_plural = _("införanden")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["example", "status"], name="adoption_example_status"),
            models.Index(fields=["status", "published_at"], name="adoption_status_published"),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.example_id}"

    def save(self, *args, **kwargs):
        if self.municipality_id and not self.county_id:
            self.county_id = self.municipality.county_id
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if not (self.municipality_id or self.county_id):
            raise ValidationError(_("Välj en kommun eller ett län."))

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def contact_visible(self) -> bool:
        return bool(self.contact_consent_at and (self.contact_name or self.contact_email))

    @property
    def place_name(self) -> str:
        if self.municipality_id:
            return self.municipality.name
        return self.county.name if self.county_id else ""

    @property
    def stage_label(self) -> str:
        return Stage(self.stage).label

    def timeline(self):
        """The stage history, oldest first (prefetched ``stage_history`` costs no query)."""
        return sorted(self.stage_history.all(), key=lambda c: (c.date, c.pk or 0))


class AdoptionStageChange(models.Model):
    """A dated step of an adopter's own work on the 1–4 ladder."""

    adoption = models.ForeignKey(Adoption, on_delete=models.CASCADE, related_name="stage_history")
    stage = models.PositiveSmallIntegerField(_("steg"), choices=Stage.choices)
    date = models.DateField(_("datum"))
    precision = models.CharField(
        _("datumets precision"), max_length=5, choices=Precision.choices, default=Precision.MONTH
    )
    note = models.CharField(_("kommentar"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("stegändring för införande")
        verbose_name_plural = _("steghistorik för införanden")
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.get_stage_display()} ({self.date})"


class SpreadPlace(models.Model):
    """A place the example's owner has spread the work to inside their own organisation."""

    example = models.ForeignKey(
        "examples.ExamplePage",
        verbose_name=_("exempel"),
        on_delete=models.CASCADE,
        related_name="spread_places",
    )
    municipality = models.ForeignKey(
        "examples.Municipality",
        verbose_name=_("kommun"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    county = models.ForeignKey(
        "examples.County",
        verbose_name=_("län"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(
        _("namn"),
        max_length=255,
        blank=True,
        help_text=_("T.ex. en stadsdel eller en vårdcentral, när det inte är en hel kommun."),
    )
    count = models.PositiveSmallIntegerField(
        _("antal kommuner"),
        null=True,
        blank=True,
        help_text=_("När bara antalet är känt, t.ex. sex kommuner i länet."),
    )
    date = models.DateField(_("sedan"), null=True, blank=True)
    precision = models.CharField(
        _("datumets precision"), max_length=5, choices=Precision.choices, default=Precision.MONTH
    )
    stage = models.PositiveSmallIntegerField(
        _("steg"), choices=Stage.choices, null=True, blank=True
    )
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)

    class Meta:
        verbose_name = _("spridningsort")
        verbose_name_plural = _("spridningsorter")
        ordering = ["example", "date", "pk"]

    def __str__(self):
        return self.label

    def save(self, *args, **kwargs):
        if self.municipality_id and not self.county_id:
            self.county_id = self.municipality.county_id
        super().save(*args, **kwargs)

    @property
    def label(self) -> str:
        """What a reader sees: "Gottsunda (Uppsala)", "Tierp", "sex kommuner i Örebro län"."""
        county_name = self.county.name if self.county_id else ""
        if self.count:
            return count_wording(self.count, county_name)
        if self.name and self.municipality_id:
            return f"{self.name} ({self.municipality.name})"
        if self.name:
            return self.name
        if self.municipality_id:
            return self.municipality.name
        return county_name
