"""The curated vocabularies a good example is described with.

Counties, municipalities and goals are official lists keyed by their codes and loaded from
``examples/data`` by ``load_taxonomy``; target areas and groups start from the strategy's own
words and stay editable. All are grouped under one "Taxonomi" menu in the admin
(``examples/wagtail_hooks.py``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable


class Stage(models.IntegerChoices):
    """The scale-up ladder from SKR's follow-up of Strategi för hälsa (2023), worded exactly."""

    PLANNING = 1, _("Planering pågår")
    TRIAL = 2, _("Förändrade angreppssätt prövas")
    SCALING = 3, _("Förändrade angreppssätt visar på förbättringar och införs i större skala")
    REGULAR = (
        4,
        _(
            "Förbättrade angreppssätt prövas i större skala och införs som en del av länets "
            "ordinarie samverkansarbete"
        ),
    )


class County(ClusterableModel):
    """One of Sweden's 21 län, keyed by its SCB county code; it carries the dialogue history."""

    code = models.CharField(
        _("länskod"), max_length=2, unique=True, help_text=_("SCB:s länskod, t.ex. 01.")
    )
    name = models.CharField(_("namn"), max_length=100, help_text=_("T.ex. Jämtlands län."))
    short_name = models.CharField(_("kortnamn"), max_length=60, help_text=_("T.ex. Jämtland."))
    slug = models.SlugField(_("kortadress"), max_length=100, unique=True)
    introduction = RichTextField(
        _("inledning"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Visas överst på länets sida."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("code", read_only=True),
        FieldPanel("slug"),
        FieldPanel("introduction"),
        InlinePanel("dialogues", heading=_("Dialog med länet"), label=_("Dialog")),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("län")
        verbose_name_plural = _("län")

    def __str__(self):
        return self.name


class DialogueKind(models.TextChoices):
    """SKR's three rounds of dialogue with the counties (seed: "Dialog med länen")."""

    REGIONAL_WORKSHOP = "regional-workshop", _("Regional workshop")
    COUNTY_DIALOGUE = "lansdialog", _("Länsdialog")
    FOLLOW_UP = "uppfoljande-samtal", _("Uppföljande samtal")


class CountyDialogue(Orderable):
    """One dialogue SKR held with a county, as in the seed's table; editors add later ones."""

    county = ParentalKey(County, related_name="dialogues", on_delete=models.CASCADE)
    kind = models.CharField(_("typ av dialog"), max_length=32, choices=DialogueKind.choices)
    period = models.CharField(_("år"), max_length=20, help_text=_("T.ex. 2017 eller 2020–2023."))
    note = models.CharField(_("anteckning"), max_length=255, blank=True)

    panels = [FieldPanel("kind"), FieldPanel("period"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("dialog")
        verbose_name_plural = _("dialoger")

    def __str__(self):
        return f"{self.get_kind_display()} {self.period}"


class Municipality(models.Model):
    """One of the 290 kommuner, keyed by its SCB kommunkod, in its county."""

    code = models.CharField(
        _("kommunkod"), max_length=4, unique=True, help_text=_("SCB:s kommunkod, t.ex. 0180.")
    )
    name = models.CharField(_("namn"), max_length=100)
    slug = models.SlugField(_("kortadress"), max_length=100, unique=True)
    county = models.ForeignKey(
        County, verbose_name=_("län"), on_delete=models.PROTECT, related_name="municipalities"
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("code", read_only=True),
        FieldPanel("slug"),
        FieldPanel("county"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("kommun")
        verbose_name_plural = _("kommuner")

    def __str__(self):
        return self.name


class OrderedVocabulary(models.Model):
    """A small editable list with a stable slug and an editor-chosen order."""

    name = models.CharField(_("namn"), max_length=100, unique=True)
    slug = models.SlugField(_("kortadress"), max_length=100, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    description = models.TextField(_("beskrivning"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("sort_order"),
        FieldPanel("description"),
    ]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class TargetArea(OrderedVocabulary):
    """Where the work happens: the strategy's four welfare areas and the sectors named beside them."""

    is_welfare_area = models.BooleanField(
        _("välfärdsområde i strategin"),
        default=False,
        help_text=_(
            "Ett av strategins fyra välfärdsområden (skola, socialtjänst, vård och omsorg, hälso- och sjukvård)."
        ),
    )

    panels = [*OrderedVocabulary.panels, FieldPanel("is_welfare_area")]

    class Meta(OrderedVocabulary.Meta):
        verbose_name = _("verksamhetsområde")
        verbose_name_plural = _("verksamhetsområden")


class TargetGroup(OrderedVocabulary):
    """Life stage the work is for (barn och unga, vuxna, äldre); the seminar themes follow it."""

    class Meta(OrderedVocabulary.Meta):
        verbose_name = _("målgrupp")
        verbose_name_plural = _("målgrupper")


class GoalArea(OrderedVocabulary):
    """One of the strategy's three goal areas (God och jämlik hälsa, God kvalitet, Hållbart och uthålligt)."""

    class Meta(OrderedVocabulary.Meta):
        verbose_name = _("målområde")
        verbose_name_plural = _("målområden")


class Goal(models.Model):
    """One of the 22 national goals with indicators, worded exactly as SKR words it."""

    number = models.PositiveSmallIntegerField(
        _("nummer"), unique=True, help_text=_("1–22 i SKR:s ordning.")
    )
    area = models.ForeignKey(
        GoalArea, verbose_name=_("målområde"), on_delete=models.PROTECT, related_name="goals"
    )
    text = models.CharField(_("mål"), max_length=255, help_text=_("Målets lydelse."))
    slug = models.SlugField(_("kortadress"), max_length=100, unique=True)
    description = RichTextField(
        _("beskrivning"), blank=True, features=["bold", "italic", "link", "ul"]
    )

    panels = [
        FieldPanel("number"),
        FieldPanel("area"),
        FieldPanel("text"),
        FieldPanel("slug"),
        FieldPanel("description"),
    ]

    class Meta:
        ordering = ["number"]
        verbose_name = _("mål")
        verbose_name_plural = _("mål")

    def __str__(self):
        return f"{self.number}. {self.text}"
