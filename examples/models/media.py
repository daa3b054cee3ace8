"""A custom image model from day one: alt text is required and a credit can be given.

Wagtail's own ``description`` field is what its templates use as default alt text
(https://docs.wagtail.org/en/stable/advanced_topics/images/custom_image_model.html); here it
is made required and labelled as the alt text it is.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.images.models import AbstractImage, AbstractRendition, Image


class CustomImage(AbstractImage):
    description = models.CharField(
        _("alternativtext"),
        max_length=255,
        help_text=_("Beskriv vad bilden visar för den som inte ser den. Krävs."),
    )
    credit = models.CharField(_("fotograf eller källa"), max_length=255, blank=True)

    admin_form_fields = (*Image.admin_form_fields, "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = _("bild")
        verbose_name_plural = _("bilder")


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
