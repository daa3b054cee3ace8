"""A custom image model from day one: alt text is required and a credit can be given.

Wagtail's own ``description`` field is what its templates use as default alt text
(https://docs.wagtail.org/en/stable/advanced_topics/images/custom_image_model.html); here it
is labelled as the alt text it is, and required for every image that carries information.

A purely decorative image (the demo's abstract cover illustrations) is marked
``is_decorative``. Wagtail already knows a per-use ``decorative`` attribute (set by its
``ImageBlock``, reset to False in ``AbstractImage.__init__``) and renders ``alt=""`` for it; the
stored flag starts each instance with that attribute set, so every ``{% image %}`` and
``{% picture %}`` renders ``alt=""`` and a screen reader skips the picture instead of reading
"Abstrakt illustration …" before every card title (WCAG 1.1.1, decorative images).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.images.models import AbstractImage, AbstractRendition, Image


class CustomImage(AbstractImage):
    description = models.CharField(
        _("alternativtext"),
        max_length=255,
        blank=True,
        help_text=_(
            "Beskriv vad bilden visar för den som inte ser den. Krävs, utom för en bild som "
            "bara är utsmyckning."
        ),
    )
    is_decorative = models.BooleanField(
        _("bara utsmyckning"),
        default=False,
        help_text=_(
            "Kryssa i om bilden inte säger något som texten inte redan säger, till exempel en "
            "abstrakt illustration. Då hoppar skärmläsare över den."
        ),
    )
    credit = models.CharField(_("fotograf eller källa"), max_length=255, blank=True)

    admin_form_fields = (*Image.admin_form_fields, "is_decorative", "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = _("bild")
        verbose_name_plural = _("bilder")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "is_decorative" in self.__dict__:  # not a deferred field
            self.decorative = self.is_decorative

    def clean(self):
        super().clean()
        if not self.is_decorative and not (self.description or "").strip():
            raise ValidationError(
                {
                    "description": _(
                        "Skriv en alternativtext, eller kryssa i att bilden bara är utsmyckning."
                    )
                }
            )

    @property
    def default_alt_text(self):
        """The alt text every image tag uses: empty for a decorative image."""
        if self.is_decorative:
            return ""
        return super().default_alt_text


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
