"""Discontinued work: an example whose work has stopped stays public, labelled "Avslutat".

Work that stopped is as instructive as work that spread (issue #17): the page keeps its stage
history, places and texts, and says when and why it stopped and what others can learn. The
status is explicit and separate from the project period (``start_year``/``end_year``): a project
period can end while the work goes on as regular work, and work can stop without one.

Owners mark their example through "Mina exempel" (``members/sharing``, reviewed like a new
stage); editors use the "Avslutat" panel on the page. Everything else (cards, search facet,
API, CSV, the stage feed) reads these fields.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel


class DatePrecision(models.TextChoices):
    """How precisely a date is known: stage changes and the end of the work share it."""

    DAY = "day", _("Dag")
    MONTH = "month", _("Månad")
    YEAR = "year", _("År")


class DiscontinuedReason(models.TextChoices):
    FUNDING = "finansiering", _("Finansieringen upphörde")
    REPLACED = "ersatt", _("Ersatt av annat arbete")
    NO_EFFECT = "ingen-effekt", _("Gav inte effekt")
    OTHER = "annat", _("Annat")


DISCONTINUED_TEXT_MAX = 500
DISCONTINUED_LESSON_MAX = 3000


class DiscontinuedMixin(models.Model):
    """The "Avslutat" fields of an example, with their admin panel and their checks."""

    discontinued_on = models.DateField(
        _("avslutat"),
        null=True,
        blank=True,
        db_index=True,  # the stage feed lists the latest discontinued examples
        help_text=_(
            "När arbetet upphörde. Lämna tomt om arbetet pågår. Exemplet ligger kvar på "
            "webbplatsen, märkt Avslutat."
        ),
    )
    discontinued_precision = models.CharField(
        _("datumets precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.MONTH,
        help_text=_("Välj år eller månad när bara det är känt."),
    )
    discontinued_reason = models.CharField(
        _("varför arbetet avslutades"),
        max_length=16,
        choices=DiscontinuedReason.choices,
        blank=True,
    )
    discontinued_reason_text = models.CharField(
        _("förklaring"),
        max_length=DISCONTINUED_TEXT_MAX,
        blank=True,
        help_text=_("Obligatorisk när skälet är ”Annat”; annars en valfri kort förklaring."),
    )
    replaced_by = models.ForeignKey(
        "examples.ExamplePage",
        verbose_name=_("ersatt av exemplet"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Bara när arbetet ersattes av ett annat exempel på webbplatsen."),
    )
    discontinued_lesson = models.TextField(
        _("vad andra kan lära sig"),
        max_length=DISCONTINUED_LESSON_MAX,
        blank=True,
        help_text=_("Vad andra kan ta med sig av att arbetet avslutades."),
    )

    discontinued_panel = MultiFieldPanel(
        [
            FieldRowPanel([FieldPanel("discontinued_on"), FieldPanel("discontinued_precision")]),
            FieldPanel("discontinued_reason"),
            FieldPanel("discontinued_reason_text"),
            FieldPanel("replaced_by"),
            FieldPanel("discontinued_lesson"),
        ],
        heading=_("Avslutat"),
        help_text=_(
            "Fyll i när arbetet har upphört. Steghistorik och spridning finns kvar; töm datumet "
            "för att återuppta."
        ),
        classname="collapsed",
    )

    class Meta:
        abstract = True

    @property
    def is_discontinued(self) -> bool:
        return self.discontinued_on is not None

    @property
    def discontinued_reason_label(self) -> str:
        return self.get_discontinued_reason_display() if self.discontinued_reason else ""

    def discontinued_errors(self, today: datetime.date | None = None) -> dict[str, str]:
        """What is wrong with the "Avslutat" fields, by field (Swedish messages)."""
        errors = {}
        today = today or timezone.localdate()
        details = (
            self.discontinued_reason
            or self.discontinued_reason_text.strip()
            or self.replaced_by_id
            or self.discontinued_lesson.strip()
        )
        if self.discontinued_on is None:
            if details:
                errors["discontinued_on"] = _(
                    "Ange när arbetet avslutades, eller töm fälten om det pågår."
                )
            return errors
        if self.discontinued_on > today:
            errors["discontinued_on"] = _("Datumet kan inte ligga i framtiden.")
        if not self.discontinued_reason:
            errors["discontinued_reason"] = _("Välj varför arbetet avslutades.")
        elif (
            self.discontinued_reason == DiscontinuedReason.OTHER
            and not self.discontinued_reason_text.strip()
        ):
            errors["discontinued_reason_text"] = _("Beskriv varför arbetet avslutades.")
        if self.replaced_by_id:
            if self.discontinued_reason != DiscontinuedReason.REPLACED:
                errors["replaced_by"] = _(
                    "Ange ett ersättande exempel bara när arbetet ersattes av annat arbete."
                )
            elif self.pk and self.replaced_by_id == self.pk:
                errors["replaced_by"] = _("Ett exempel kan inte ersätta sig självt.")
        return errors

    def clean_discontinued(self):
        errors = self.discontinued_errors()
        if errors:
            raise ValidationError(errors)

    def resume(self):
        """Clear the status: the work goes on again (``Återuppta``)."""
        self.discontinued_on = None
        self.discontinued_precision = DatePrecision.MONTH
        self.discontinued_reason = ""
        self.discontinued_reason_text = ""
        self.replaced_by = None
        self.discontinued_lesson = ""
