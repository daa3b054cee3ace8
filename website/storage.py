"""The media storage for several servers: files in a private bucket, addresses on this site.

django-storages' ``S3Storage`` would give every image a signed bucket URL: anyone holding the
link could fetch the file for the URL's lifetime, whether or not the example it belongs to is
public, and a link in a cached page or cached "Liknande exempel" cards would stop working when
its signature expired. So the bucket stays closed, and a file's URL is the site's own
``MEDIA_URL`` address: ``members/sharing/media.py`` decides there who may see it (members' uploads stay
private until their example is public) and streams it from the bucket, exactly as it serves a
file from ``MEDIA_ROOT`` on a single server. Documents are streamed by Wagtail's view at
``/dokument/`` (``WAGTAILDOCS_SERVE_METHOD = "serve_view"``), behind the same check.
"""

from django.conf import settings
from django.utils.encoding import filepath_to_uri

from storages.backends.s3 import S3Storage
from storages.utils import clean_name


class SiteServedS3Storage(S3Storage):
    """An S3-compatible bucket whose files are addressed, and access-checked, on this site."""

    def url(self, name, parameters=None, expire=None, http_method=None):
        return f"{settings.MEDIA_URL}{filepath_to_uri(clean_name(name)).lstrip('/')}"
