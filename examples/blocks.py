"""StreamField blocks for a good example's body and for content pages.

Each block names its icon, template, description and a preview value, so editors see what it
is for in the block picker. Cross-field rules sit in ``clean()``.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph.html"
        label = _("Text")
        description = _("Brödtext med mellanrubriker, listor och länkar.")
        preview_value = "<p>Arbetet började som lokala piloter och breddinförs nu i hela länet.</p>"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Bild"))
    alt_text = blocks.CharBlock(
        label=_("Alternativtext i detta sammanhang"),
        required=False,
        max_length=255,
        help_text=_("Lämna tomt för att använda bildens egen alternativtext."),
    )
    caption = blocks.CharBlock(label=_("Bildtext"), required=False, max_length=255)

    class Meta:
        icon = "image"
        template = "blocks/image.html"
        label = _("Bild")
        description = _("En bild med alternativtext och valfri bildtext.")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Citat"))
    attribution = blocks.CharBlock(label=_("Vem säger det"), max_length=255)

    class Meta:
        icon = "openquote"
        template = "blocks/quote.html"
        label = _("Citat")
        description = _("Ett citat med vem som sagt det. Citera bara det någon faktiskt sagt.")
        preview_value = {
            "text": "Mötesplatser är viktiga.",
            "attribution": "Jämtland",
        }


class FactBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Rubrik"), max_length=100)
    value = blocks.CharBlock(label=_("Värde"), max_length=255)


class KeyFactsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Rubrik"), max_length=100, default="Fakta i korthet")
    facts = blocks.ListBlock(FactBlock(), label=_("Fakta"), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "blocks/key_facts.html"
        label = _("Fakta i korthet")
        description = _("Korta fakta som rubrik och värde, t.ex. Län: Kalmar län.")
        preview_value = {
            "heading": "Fakta i korthet",
            "facts": [
                {"label": "Län", "value": "Kalmar län"},
                {"label": "Målgrupp", "value": "Äldre"},
            ],
        }


class LinkBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Länktext"), max_length=255)
    page = blocks.PageChooserBlock(label=_("Sida på webbplatsen"), required=False)
    url = blocks.URLBlock(label=_("Extern adress"), required=False)

    class Meta:
        icon = "link"
        template = "blocks/link.html"
        label = _("Länk")
        description = _("En länk till en sida här eller en extern webbplats.")
        preview_value = {"text": "Läs mer hos SKR", "url": "https://skr.se/"}

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = _("Ange antingen en sida på webbplatsen eller en extern adress, inte båda.")
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(message), "url": ValidationError(message)}
            )
        return value


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Dokument"))
    title = blocks.CharBlock(
        label=_("Länktext"),
        required=False,
        max_length=255,
        help_text=_("Lämna tomt för att använda dokumentets titel."),
    )

    class Meta:
        icon = "doc-full"
        template = "blocks/document.html"
        label = _("Dokument")
        description = _("En länk för att ladda ned ett dokument, med filtyp och storlek.")


class BodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    key_facts = KeyFactsBlock()
    link = LinkBlock()
    document = DocumentBlock()
