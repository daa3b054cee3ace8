"""The top-level sections under the start page share one shape: they exist once, under the
start page, and open with an editable introduction."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from website.text import CleanTextPageMixin

TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class SharedRestrictionsMixin:
    """Serving a page asks for its view restrictions (two queries); nearly every page has none.

    The restricted sections are known from ``listing.restricted_paths()`` (kept until the next
    change), so a page outside all of them answers an empty queryset without the database.
    """

    def get_view_restrictions(self):
        from wagtail.models import PageViewRestriction

        from examples.listing import restricted_paths

        if not self.alias_of_id and not any(self.path.startswith(p) for p in restricted_paths()):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class SectionPage(CleanTextPageMixin, SharedRestrictionsMixin, Page):
    introduction = RichTextField(_("inledning"), blank=True, features=TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["website.HomePage"]
    max_count = 1

    class Meta:
        abstract = True
