"""Site-wide pages: the start page, the plain content pages (om strategin, kontakt …) and the
accessibility statement."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from examples import listing, overview
from examples.blocks import BodyBlock
from website.routing import DirectRouteMixin
from website.text import CleanTextPageMixin

LATEST_ON_HOME = 6
STAGE_FEED_ON_HOME = 4


class HomePage(CleanTextPageMixin, DirectRouteMixin, Page):
    """The start page: what the site is for, the newest examples, the ladder, the latest moves
    between steps and the goal areas."""

    introduction = RichTextField(
        _("inledning"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Visas under rubriken."),
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "examples.ExampleIndexPage",
        "examples.GoalIndexPage",
        "examples.CountyIndexPage",
        "examples.SeminarIndexPage",
        "examples.OverviewPage",
        "website.ContentPage",
        "website.AccessibilityStatementPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("startsida")

    def get_context(self, request, *args, **kwargs):
        from examples.models import GoalArea, OverviewPage

        context = super().get_context(request, *args, **kwargs)
        examples = listing.live_examples()
        context["latest_examples"] = listing.for_cards(examples)[:LATEST_ON_HOME]
        context["stage_ladder"] = listing.stage_ladder(counts=listing.stage_counts(examples))
        context["goal_areas"] = GoalArea.objects.annotate(
            goal_count=models.Count("goals")
        ).order_by("sort_order", "name")
        context["stage_feed"] = overview.recent_stage_changes(STAGE_FEED_ON_HOME)
        context["overview_page"] = OverviewPage.objects.live().public().first()
        return context


# First path segments served by the site's own views (website/urls.py): a page with one of
# these slugs directly under the start page could never be reached.
RESERVED_TOP_LEVEL_SLUGS = frozenset(
    {
        "admin",
        "api",
        "dela",
        "dokument",
        "flode",
        "kalender",
        "konto",
        "mina-exempel",
        "sok",
        "static",
        "media",
    }
)


def check_top_level_slug(page: Page) -> None:
    """Refuse a slug directly under the start page that one of the site's own views owns."""
    parent = page.get_parent()
    if parent and parent.specific_class is HomePage and page.slug in RESERVED_TOP_LEVEL_SLUGS:
        raise ValidationError(
            {
                "slug": _("Adressen /%(slug)s/ används redan av webbplatsen. Välj en annan.")
                % {"slug": page.slug}
            }
        )


class ContentPage(CleanTextPageMixin, Page):
    """A plain page of text: about the strategy, about the site, the statements in the footer."""

    introduction = models.TextField(_("ingress"), blank=True, max_length=600)
    body = StreamField(BodyBlock(), verbose_name=_("innehåll"), blank=True)
    show_in_footer = models.BooleanField(
        _("visa i sidfoten"),
        default=False,
        help_text=_("För t.ex. tillgänglighetsredogörelse och kakor."),
    )
    last_reviewed = models.DateField(_("senast granskad"), null=True, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel(
            [FieldPanel("show_in_footer"), FieldPanel("last_reviewed")], heading=_("Sidfot")
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["website.HomePage", "website.ContentPage"]
    subpage_types = ["website.ContentPage"]

    class Meta:
        verbose_name = _("innehållssida")
        verbose_name_plural = _("innehållssidor")

    def clean(self):
        super().clean()
        check_top_level_slug(self)


class ShortcomingBlock(blocks.StructBlock):
    """One known shortcoming, as DIGG's model asks: what fails, and which WCAG criteria."""

    description = blocks.TextBlock(
        label=_("Beskrivning"),
        help_text=_("Vad som inte är tillgängligt och för vem, i klartext."),
    )
    criteria = blocks.ListBlock(
        blocks.CharBlock(max_length=120, label=_("Kriterium")),
        min_num=1,
        label=_("WCAG-kriterier"),
        help_text=_("Nummer och namn, t.ex. ”1.3.1 Information och relationer”."),
    )
    remedy = blocks.TextBlock(
        label=_("Så gör du i stället"),
        required=False,
        help_text=_("Valfritt: hur besökaren kommer runt bristen, eller när den åtgärdas."),
    )

    class Meta:
        icon = "warning"
        label = _("Brist")


class AccessibilityStatementPage(CleanTextPageMixin, Page):
    """The tillgänglighetsredogörelse required by lagen (2018:1937) om tillgänglighet till
    digital offentlig service, laid out as DIGG's model statement.

    The fixed wording and DIGG's headings are in the template; editors keep the facts that
    change here (who runs the site, the status, the known shortcomings, the contact, the
    dates), so a new assessment never means rewriting the page. One per site, under the start
    page, and always linked from the footer (``website.context_processors``).
    """

    class Compliance(models.TextChoices):
        FULL = "full", _("helt förenlig med lagen")
        PARTIAL = "partial", _("delvis förenlig med lagen")
        NONE = "none", _("inte förenlig med lagen")

    organisation = models.CharField(
        _("ansvarig organisation"),
        max_length=255,
        help_text=_(
            "Organisationen som står bakom webbplatsen och svarar för redogörelsen, "
            "t.ex. ”Sveriges Kommuner och Regioner”."
        ),
    )
    service_name = models.CharField(
        _("tjänst"),
        max_length=255,
        default="webbplatsen Goda exempel för hälsa",
        help_text=_("Vilken digital service redogörelsen gäller, t.ex. ”webbplatsen …”."),
    )
    compliance_status = models.CharField(
        _("förenlighet med lagen"),
        max_length=16,
        choices=Compliance.choices,
        default=Compliance.PARTIAL,
        help_text=_(
            "Helt förenlig bara om inga brister är kända; delvis eller inte förenlig kräver att "
            "bristerna beskrivs nedan."
        ),
    )
    shortcomings = StreamField(
        [("shortcoming", ShortcomingBlock())],
        verbose_name=_("kända brister"),
        blank=True,
        help_text=_(
            "En post per brist: vad som inte fungerar och vilka WCAG-kriterier det gäller."
        ),
    )
    alternative_access = RichTextField(
        _("få innehållet på annat sätt"),
        features=["bold", "italic", "link", "ul"],
        help_text=_(
            "Hur den som inte kan använda en del av webbplatsen får innehållet på annat sätt."
        ),
    )
    contact_email = models.EmailField(
        _("e-post för synpunkter"),
        help_text=_("Dit besökare rapporterar brister och ber om innehåll i annan form."),
    )
    contact_phone = models.CharField(
        _("telefon för synpunkter"), max_length=40, blank=True, help_text=_("Valfritt.")
    )
    disproportionate_burden = RichTextField(
        _("oskäligt betungande anpassning"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_(
            "Innehåll som ni inte tillgängliggör för att det vore oskäligt betungande (12 § "
            "DOS-lagen), och varför. Lämna tomt om ni inte åberopar undantaget."
        ),
    )
    out_of_scope = RichTextField(
        _("innehåll som inte omfattas av lagen"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_(
            "T.ex. innehåll från tredje part som ni varken finansierar, utvecklar eller "
            "kontrollerar. Lämna tomt om det inte finns något sådant."
        ),
    )
    assessment_date = models.DateField(
        _("datum för senaste bedömningen"),
        help_text=_("När webbplatsen senast granskades mot kraven."),
    )
    assessment_method = RichTextField(
        _("hur webbplatsen har testats"),
        features=["bold", "italic", "link", "ul"],
        help_text=_(
            "Självskattning (intern testning) eller granskning av en extern part, och med "
            "vilka verktyg och metoder."
        ),
    )
    published_on = models.DateField(
        _("webbplatsen publicerades"), null=True, blank=True, help_text=_("Valfritt.")
    )
    last_updated = models.DateField(
        _("redogörelsen uppdaterades senast"),
        help_text=_("Ändra datumet varje gång redogörelsen ändras i sak."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("organisation"), FieldPanel("service_name")],
            heading=_("Organisation och tjänst"),
        ),
        MultiFieldPanel(
            [FieldPanel("compliance_status"), FieldPanel("shortcomings")],
            heading=_("Förenlighet och kända brister"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("alternative_access"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
            ],
            heading=_("Synpunkter och innehåll i annan form"),
        ),
        MultiFieldPanel(
            [FieldPanel("disproportionate_burden"), FieldPanel("out_of_scope")],
            heading=_("Undantag"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("assessment_date"),
                FieldPanel("assessment_method"),
                FieldPanel("published_on"),
                FieldPanel("last_updated"),
            ],
            heading=_("Bedömning och datum"),
        ),
    ]

    parent_page_types = ["website.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("tillgänglighetsredogörelse")
        verbose_name_plural = _("tillgänglighetsredogörelser")

    DIGG_REPORT_URL = "https://www.digg.se/tdosanmalan"

    def clean(self):
        super().clean()
        check_top_level_slug(self)
        has_shortcomings = bool(self.shortcomings and len(self.shortcomings))
        if self.compliance_status == self.Compliance.FULL and has_shortcomings:
            raise ValidationError(
                {
                    "compliance_status": _(
                        "Webbplatsen kan inte vara helt förenlig med lagen när kända brister "
                        "finns listade. Välj delvis förenlig eller ta bort bristerna."
                    )
                }
            )
        if self.compliance_status != self.Compliance.FULL and not has_shortcomings:
            raise ValidationError(
                {
                    "shortcomings": _(
                        "Beskriv de brister som gör att webbplatsen inte är helt förenlig med "
                        "lagen, med WCAG-kriterierna de gäller."
                    )
                }
            )
