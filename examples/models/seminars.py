"""Seminar collections: an editor-curated, ordered set of good examples presented together."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from examples.models.sections import TEXT_FEATURES, SectionPage, SharedRestrictionsMixin
from website.text import CleanTextPageMixin


class SeminarIndexPage(SectionPage):
    """All seminars, upcoming first, then past ones newest first."""

    subpage_types = ["examples.SeminarPage"]

    class Meta:
        verbose_name = _("seminarielista")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        seminars = SeminarPage.objects.live().public().child_of(self).select_related("theme")
        now = timezone.now()
        context["upcoming"] = seminars.filter(starts_at__gte=now).order_by("starts_at")
        context["past"] = seminars.filter(starts_at__lt=now).order_by("-starts_at")
        return context


class SeminarPage(CleanTextPageMixin, SharedRestrictionsMixin, Page):
    """One seminar: when and where, its theme, and the examples presented, in order."""

    starts_at = models.DateTimeField(_("börjar"))
    ends_at = models.DateTimeField(_("slutar"), null=True, blank=True)
    place = models.CharField(_("plats"), max_length=255, blank=True)
    webcast_url = models.URLField(_("länk till webbsändning"), blank=True)
    theme = models.ForeignKey(
        "examples.TargetGroup",
        verbose_name=_("tema"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="seminars",
        help_text=_("Livsskedet seminariet handlar om."),
    )
    introduction = RichTextField(_("inledning"), blank=True, features=TEXT_FEATURES)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("place"),
                FieldPanel("webcast_url"),
                FieldPanel("theme"),
            ],
            heading=_("När och var"),
        ),
        FieldPanel("introduction"),
        InlinePanel("items", label=_("Exempel"), heading=_("Program: exempel i ordning")),
    ]

    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["examples.SeminarIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("seminarium")
        verbose_name_plural = _("seminarier")

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("Seminariet måste sluta efter att det börjat.")})

    @property
    def is_upcoming(self):
        return self.starts_at >= timezone.now()

    def programme(self):
        """The items whose example is live and public, in order: what the page and its
        ``.ics`` show. A view-restricted example is left out like in every other listing."""
        from examples.listing import live_examples

        return (
            self.items.filter(example__in=live_examples().values("pk"))
            .select_related("example__county", "example__cover_image")
            .order_by("sort_order")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["items"] = self.programme()
        return context


class SeminarItem(Orderable):
    page = ParentalKey(SeminarPage, related_name="items", on_delete=models.CASCADE)
    example = models.ForeignKey(
        "examples.ExamplePage",
        verbose_name=_("gott exempel"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    presenter_note = models.CharField(
        _("presenteras av"),
        max_length=255,
        blank=True,
        help_text=_("T.ex. län eller organisation som berättar."),
    )

    panels = [FieldPanel("example"), FieldPanel("presenter_note")]

    class Meta(Orderable.Meta):
        verbose_name = _("exempel i programmet")
        verbose_name_plural = _("program")
