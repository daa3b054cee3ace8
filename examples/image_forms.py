"""The admin's image form: Wagtail's, with a file field that answers a broken file with a message.

Wagtail opens an upload through Willow to read its size, which decodes it; a truncated or
otherwise broken file then raises Pillow's ``OSError`` (or worse) out of the form, and the
editor gets a server error instead of a sentence beside the field. Editors are trusted, but a
500 is never the answer (``WAGTAILIMAGES_IMAGE_FORM_BASE`` in the settings).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


class CheckedImageField(WagtailImageField):
    def to_python(self, data):
        try:
            return super().to_python(data)
        except ValidationError:
            raise
        except Exception as error:  # Pillow's parsers raise many kinds of error on broken bytes
            raise ValidationError(
                _("Bilden är skadad eller ofullständig och kan inte visas. Välj en annan fil."),
                code="invalid_image",
            ) from error


class ImageForm(BaseImageForm):
    file = CheckedImageField(label=_("Fil"), widget=BaseImageForm.Meta.widgets["file"])
