"""The top-level sections under the start page share one shape: they exist once, under the
start page, and open with an editable introduction."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class SectionPage(Page):
    introduction = RichTextField(_("inledning"), blank=True, features=TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["website.HomePage"]
    max_count = 1

    class Meta:
        abstract = True
