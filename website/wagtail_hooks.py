"""Admin additions that belong to no single app."""

from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks


@hooks.register("insert_editor_js")
def name_unlabelled_editors():
    """Accessible names for the tag field and rich-text editors (website/static/js/admin-field-names.js)."""
    return format_html('<script src="{}" defer></script>', static("js/admin-field-names.js"))
