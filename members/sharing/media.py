"""Uploaded images under ``MEDIA_URL``, served by the site itself after a privacy check.

``MEDIA_ROOT`` holds members' unpublished work next to published images, under names taken
from the member's file name, so it must never be served as a plain folder (README,
"Säkerhet"), and a bucket's files have no public address at all (``website/storage.py``). This
view serves only what the database knows, streamed from the storage: a rendition (``images/…``) or an
original (``original_images/…``) of an image that is public or that the visitor may see
(``members/sharing/access.py``). Documents' files (``documents/…``) are served only at
``/dokument/`` by Wagtail's view, behind the same check; anything else answers 404.

Public images may be kept by browsers and proxies for ``PUBLIC_MAX_AGE`` seconds: a withdrawn
example's picture can linger that long where it was already fetched, and no longer. What only
its owner or an editor may see is never stored.
"""

import mimetypes

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from wagtail.images import get_image_model

from members.sharing.access import is_public, may_see_private

PUBLIC_MAX_AGE = 300


def image_of(path: str):
    """The image whose rendition or original is stored at ``path``, or None."""
    image_model = get_image_model()
    if path.startswith("images/"):
        rendition = (
            image_model.get_rendition_model()
            .objects.select_related("image")
            .filter(file=path)
            .first()
        )
        return rendition.image if rendition else None
    if path.startswith("original_images/"):
        return image_model.objects.filter(file=path).first()
    return None


@require_safe
def serve_media(request, path: str):
    image = image_of(path)
    if image is None:
        raise Http404
    public = is_public(image)
    if not public and not may_see_private(request, image):
        raise Http404
    try:
        stored = default_storage.open(path, "rb")  # MEDIA_ROOT, or the bucket (website/storage.py)
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    response = FileResponse(stored, content_type=content_type)
    if public:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response
