"""The good-example page, its listing, and the goal and county pages.

Goal and county pages are routes of one index page each (``RoutablePageMixin``) rather than 43
hand-made pages: their content *is* the taxonomy (edited under "Taxonomi"), so they can never
drift out of step with it (https://docs.wagtail.org/en/stable/reference/contrib/routablepage.html).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from examples import extensions, listing, maps, spread
from examples.blocks import BodyBlock
from examples.details import ExampleDetails
from examples.models.discontinued import DatePrecision, DiscontinuedMixin
from examples.models.sections import TEXT_FEATURES, SectionPage, SharedRestrictionsMixin
from examples.models.taxonomy import County, Goal, GoalArea, Stage
from examples.related import related_examples
from examples.sorting import swedish_sort_key
from website.text import CleanTextPageMixin

DEFAULT_TAG = "strategiförhälsa"


class ExamplePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "examples.ExamplePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ExamplePage(CleanTextPageMixin, SharedRestrictionsMixin, DiscontinuedMixin, Page):
    """One good example: what was done, where, for whom, how far it has come and what it affects."""

    summary = models.TextField(
        _("ingress"), max_length=600, help_text=_("Två–tre meningar om vad exemplet är.")
    )
    body = StreamField(BodyBlock(), verbose_name=_("beskrivning"), blank=True)
    # Nullable in the database only so that an unfinished draft can be saved (Wagtail defers
    # required fields on draft saves); every form and publishing still require them.
    county = models.ForeignKey(
        County,
        verbose_name=_("län"),
        null=True,
        on_delete=models.PROTECT,
        related_name="examples",
        help_text=_("Länet där arbetet görs. Ett exempel kan omfatta hela länet."),
    )
    municipalities = ParentalManyToManyField(
        "examples.Municipality",
        verbose_name=_("kommuner"),
        blank=True,
        related_name="examples",
        help_text=_("Lämna tomt om arbetet gäller hela länet."),
    )
    target_areas = ParentalManyToManyField(
        "examples.TargetArea", verbose_name=_("verksamhetsområden"), related_name="examples"
    )
    target_groups = ParentalManyToManyField(
        "examples.TargetGroup", verbose_name=_("målgrupper"), blank=True, related_name="examples"
    )
    stage = models.PositiveSmallIntegerField(
        _("steg"),
        null=True,
        choices=Stage.choices,
        help_text=_(
            "Hur långt arbetet har kommit. Varje ändring sparas med datum i steghistoriken."
        ),
    )
    goals = ParentalManyToManyField(
        "examples.Goal", verbose_name=_("mål som påverkas"), blank=True, related_name="examples"
    )
    tags = ClusterTaggableManager(
        through=ExamplePageTag,
        verbose_name=_("taggar"),
        blank=True,
        help_text=_("Taggen strategiförhälsa läggs till automatiskt."),
    )
    start_year = models.PositiveSmallIntegerField(
        _("startår"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
    )
    end_year = models.PositiveSmallIntegerField(
        _("slutår"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text=_("Lämna tomt om arbetet pågår."),
    )
    results = RichTextField(_("resultat och evidens"), blank=True, features=TEXT_FEATURES)
    lessons = RichTextField(
        _("lärdomar"),
        blank=True,
        features=TEXT_FEATURES,
        help_text=_("Även det som inte fungerade."),
    )
    transfer = RichTextField(
        _("att överföra arbetet"),
        blank=True,
        features=TEXT_FEATURES,
        help_text=_("Vad som krävs för att göra samma sak någon annanstans."),
    )
    contact_name = models.CharField(_("kontaktperson"), max_length=255, blank=True)
    contact_role = models.CharField(_("kontaktpersonens roll"), max_length=255, blank=True)
    contact_email = models.EmailField(_("kontaktpersonens e-post"), blank=True)
    cover_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("omslagsbild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("county"),
                FieldPanel("municipalities"),
                InlinePanel("organisations", label=_("Organisation")),
            ],
            heading=_("Var och vilka"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("target_areas"),
                FieldPanel("target_groups"),
                FieldPanel("goals"),
                FieldPanel("tags"),
            ],
            heading=_("Område, målgrupp och mål"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("stage"),
                InlinePanel("stage_history", label=_("Stegändring")),
                FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")]),
            ],
            heading=_("Steg och tid"),
        ),
        DiscontinuedMixin.discontinued_panel,
        FieldPanel("results"),
        FieldPanel("lessons"),
        FieldPanel("transfer"),
        InlinePanel("attachments", label=_("Bilaga"), heading=_("Bilagor")),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_role"), FieldPanel("contact_email")],
            heading=_("Kontaktperson"),
            help_text=_("Visas bara om ägaren har samtyckt till att visa kontaktuppgifter."),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("results"),
        index.SearchField("lessons"),
        index.SearchField("transfer"),
        index.FilterField("county"),
        index.FilterField("stage"),
        index.FilterField("discontinued_on"),
    ]

    parent_page_types = ["examples.ExampleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("gott exempel")
        verbose_name_plural = _("goda exempel")

    def clean(self):
        super().clean()
        errors = self.discontinued_errors()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            errors["end_year"] = _("Slutåret kan inte vara före startåret.")
        if errors:
            raise ValidationError(errors)

    def record_stage_change(self, on=None):
        """Date the current stage in the history when it differs from the latest entry.

        Called by both ``save()`` and ``save_revision()``, so a stage change is dated whichever
        way the page is stored (admin, member form, script, with or without validation) and
        lands in the same revision as the change itself.
        """
        if not self.stage:
            return
        latest = self.latest_stage_change
        if latest is None or latest.stage != self.stage:
            self.stage_history.add(StageChange(stage=self.stage, date=on or timezone.localdate()))

    def save(self, *args, **kwargs):
        """Tag every example "strategiförhälsa" so it is findable in the strategy's context."""
        if not any(tag.name == DEFAULT_TAG for tag in self.tags.all()):
            self.tags.add(DEFAULT_TAG)
        self.record_stage_change()
        return super().save(*args, **kwargs)

    def save_revision(self, *args, **kwargs):
        self.record_stage_change()
        return super().save_revision(*args, **kwargs)

    @classmethod
    def route_queryset(cls):
        """What serving an example fetches with it (``website.routing``): county and cover image
        (the rest of what it shows comes in one statement, ``examples.details``). Not the
        example that replaced it: that is a second page row with all its texts, joined for
        every page view (a quarter of the page's time in ``make bench``), and is read, in one
        query, only by the few examples that have one."""
        return cls.objects.select_related("county", "cover_image")

    @property
    def latest_stage_change(self):
        return max(self.stage_history.all(), key=StageChange.sort_key, default=None)

    @property
    def stage_timeline(self):
        """Stage changes in date order, for the timeline on the page."""
        return sorted(self.stage_history.all(), key=StageChange.sort_key)

    @property
    def stage_label(self):
        return Stage(self.stage).label if self.stage else ""

    @property
    def is_ongoing(self):
        """Neither past its project period nor marked "Avslutat"."""
        return self.end_year is None and not self.is_discontinued

    @cached_property
    def contact_visible(self):
        """Contact details are shown only while the owning member consents (members/models.py)."""
        if not (self.contact_name or self.contact_email):
            return False
        profile = getattr(self.owner, "member_profile", None) if self.owner_id else None
        return bool(profile and profile.contact_consent_at)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Everything the page lists, in one statement (examples.details); a preview shows the
        # form's unsaved relations instead, which modelcluster keeps on the page object.
        # Read only when the article is not kept (extensions.article_key).
        if self.pk and not getattr(request, "is_preview", False):
            details = SimpleLazyObject(lambda: ExampleDetails.load(self))
        else:
            details = ExampleDetails.from_page(self)
        context["details"] = details
        context["stage_ladder"] = listing.stage_ladder(current=self.stage)
        context["related_examples"] = related_examples(self, details=details)
        context["example_sections"] = extensions.sections_for(self, request)
        # "Var körs exemplet?" and the seminars are kept as HTML until the next change
        # (extensions.fragment_key, includes/kept.html): the map, coverage and timeline of 50
        # adoptions are computed only when they are not there.
        search_url = reverse("search")
        context["spread"] = SimpleLazyObject(lambda: maps.example_spread(self, details, search_url))
        context["seminars"] = SimpleLazyObject(self.presented_at)
        context["kept_keys"] = {
            name: extensions.fragment_key(self, request, name) for name in ("spread", "seminars")
        }
        context["kept_keys"]["article"] = extensions.article_key(self, request)
        context["fragment_seconds"] = extensions.fragment_seconds()
        return context

    def presented_at(self):
        """The published seminars where this example was presented, newest first: one query
        (``listing.public_q`` keeps the restricted paths per process, unlike ``public()``)."""
        from examples.models.seminars import SeminarPage

        if not self.pk:
            return []
        return list(
            SeminarPage.objects.live()
            .filter(listing.public_q(), items__example=self)
            .distinct()
            .order_by("-starts_at")
        )


class StageChange(Orderable):
    """A dated step on the scale-up ladder; together they show the road from pilot to regular work."""

    Precision = DatePrecision

    page = ParentalKey(ExamplePage, related_name="stage_history", on_delete=models.CASCADE)
    stage = models.PositiveSmallIntegerField(_("steg"), choices=Stage.choices)
    date = models.DateField(_("datum"), default=timezone.localdate)
    precision = models.CharField(
        _("datumets precision"),
        max_length=5,
        choices=Precision.choices,
        default=Precision.DAY,
        help_text=_("Välj år eller månad när bara det är känt."),
    )
    note = models.CharField(_("kommentar"), max_length=500, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("stage"), FieldPanel("date"), FieldPanel("precision")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("stegändring")
        verbose_name_plural = _("steghistorik")
        # The latest moves between steps (start page, overview, stage feed) are found newest
        # first, each with the entry before it in its example's history.
        indexes = [
            models.Index(fields=["date", "id"], name="stagechange_date"),
            models.Index(fields=["page", "date", "id"], name="stagechange_page_date"),
        ]

    def __str__(self):
        return f"{self.get_stage_display()} ({self.date})"

    @staticmethod
    def sort_key(change):
        """Date order; on the same day, stored entries before the one being added now."""
        return (change.date, change.pk is None, change.pk or 0)


class OrganisationKind(models.TextChoices):
    REGION = "region", _("Region")
    MUNICIPALITY = "kommun", _("Kommun")
    CIVIL_SOCIETY = "civilsamhalle", _("Civilsamhälle")
    UNIVERSITY = "universitet", _("Universitet eller högskola")
    COORDINATION = "samordningsforbund", _("Samordningsförbund")
    OTHER = "annan", _("Annan")


class ExampleOrganisation(Orderable):
    """An organisation behind an example: the owner and its partners."""

    class Role(models.TextChoices):
        OWNER = "owner", _("Huvudman")
        PARTNER = "partner", _("Samverkanspart")

    page = ParentalKey(ExamplePage, related_name="organisations", on_delete=models.CASCADE)
    name = models.CharField(_("namn"), max_length=255)
    kind = models.CharField(_("typ"), max_length=32, choices=OrganisationKind.choices)
    role = models.CharField(_("roll"), max_length=16, choices=Role.choices, default=Role.PARTNER)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("kind"), FieldPanel("role")])]

    class Meta(Orderable.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")

    def __str__(self):
        return self.name


class ExampleAttachment(Orderable):
    page = ParentalKey(ExamplePage, related_name="attachments", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("dokument"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(
        _("länktext"), max_length=255, blank=True, help_text=_("Lämna tomt för dokumentets titel.")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("bilaga")
        verbose_name_plural = _("bilagor")

    @property
    def link_text(self):
        return self.title or self.document.title


class ExampleIndexPage(SectionPage):
    """ "Goda exempel": every published example, newest first, with simple filters and pages."""

    subpage_types = ["examples.ExamplePage"]

    class Meta:
        verbose_name = _("lista över goda exempel")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(listing.filtered_listing(request, listing.live_examples().child_of(self)))
        return context


class GoalIndexPage(RoutablePageMixin, SectionPage):
    """The 22 goals grouped by goal area, and one page per goal under /<slug>/."""

    subpage_types = []

    class Meta:
        verbose_name = _("målsida")

    @path("")
    def goal_index(self, request):
        areas = GoalArea.objects.prefetch_related(
            models.Prefetch("goals", queryset=listing.goals_with_counts())
        )
        return self.render(request, context_overrides={"goal_areas": areas})

    @path("<slug:slug>/", name="goal")
    def goal_detail(self, request, slug):
        goal = get_object_or_404(Goal.objects.select_related("area"), slug=slug)
        examples = listing.live_examples().filter(goals=goal)
        return self.render(
            request,
            template="examples/goal_page.html",
            context_overrides={
                "goal": goal,
                "goal_trail": [{"title": _("Mål %(number)s") % {"number": goal.number}}],
                "stage_ladder": listing.stage_ladder(counts=listing.stage_counts(examples)),
                **listing.paginate(request, listing.for_cards(examples)),
            },
        )

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        return urls + [
            {"location": base + self.reverse_subpage("goal", args=[slug])}
            for slug in Goal.objects.values_list("slug", flat=True)
        ]


def spread_counts() -> dict[int, int]:
    """How many live examples run in each municipality (by id), their adopters' places counted."""
    return spread.examples_per_municipality(listing.live_reach())


class CountyIndexPage(RoutablePageMixin, SectionPage):
    """The 21 counties, and one page per county under /<slug>/ with its examples and dialogues."""

    subpage_types = []

    class Meta:
        verbose_name = _("länssida")

    @path("")
    def county_index(self, request):
        return self.render(request, context_overrides={"counties": listing.counties_with_counts()})

    @path("<slug:slug>/", name="county")
    def county_detail(self, request, slug):
        from website.pagecache import shared

        county = get_object_or_404(County.objects.prefetch_related("dialogues"), slug=slug)
        examples = listing.live_examples().filter(county=county)
        # Where examples run, adopters counted: every live example's places, since an example
        # from another county may have been introduced here. The same for all 21 county pages,
        # so kept per process until the next change (a publish, a purge by places_changed).
        counts = shared("county-pages-examples-per-municipality", spread_counts)
        municipalities = sorted(
            (
                m
                for m in maps.places_vocabulary()["municipalities"].values()
                if m.county_id == county.pk
            ),
            key=lambda m: swedish_sort_key(m.name),
        )
        rows = [{"municipality": m, "count": counts.get(m.pk, 0)} for m in municipalities]
        return self.render(
            request,
            template="examples/county_page.html",
            context_overrides={
                "county": county,
                "county_trail": [{"title": county.name}],
                "stage_ladder": listing.stage_ladder(counts=listing.stage_counts(examples)),
                "municipality_rows": rows,
                "municipalities_running": sum(1 for row in rows if row["count"]),
                "municipality_map": maps.municipality_map(
                    county, counts, municipalities, reverse("search")
                ),
                **listing.paginate(request, listing.for_cards(examples)),
            },
        )

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        return urls + [
            {"location": base + self.reverse_subpage("county", args=[slug])}
            for slug in County.objects.values_list("slug", flat=True)
        ]
