"""Site-wide pages: the start page and the plain content pages (om strategin, statements …)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from examples import listing, overview
from examples.blocks import BodyBlock

LATEST_ON_HOME = 6
STAGE_FEED_ON_HOME = 4


class HomePage(Page):
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


class ContentPage(Page):
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
        parent = self.get_parent()
        if parent and parent.specific_class is HomePage and self.slug in RESERVED_TOP_LEVEL_SLUGS:
            raise ValidationError(
                {
                    "slug": _("Adressen /%(slug)s/ används redan av webbplatsen. Välj en annan.")
                    % {"slug": self.slug}
                }
            )
