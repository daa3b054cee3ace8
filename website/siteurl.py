"""The site's public address, ``SITE_URL``: the one setting every absolute link follows.

Wagtail builds a page's full URL (feeds, CSV, API, sitemap, calendar files) from its Site
record's hostname and port, not from the request, and mails and identifiers are written where
there is no request at all. So the address is configured once, as ``SITE_URL``
(``https://goda-exempel.example.se``; ``make run`` passes ``http://127.0.0.1:8000``), and
``sync_default_site`` makes the default Site record say the same: after every ``migrate``
(``WebsiteConfig``) and in the demo loader. ``WAGTAILADMIN_BASE_URL`` is the same value.

Wagtail's Site writes port 443 as ``https://host`` and any other port as ``http://host:port``,
so an address it cannot write (https on another port, http on 443) is refused at start.
"""

import logging
from typing import NamedTuple
from urllib.parse import urlsplit

from django.conf import settings

logger = logging.getLogger(__name__)
# The settings import this module: nothing here may touch the database layer at import time.
DEFAULT_DB_ALIAS = "default"


class SiteAddress(NamedTuple):
    scheme: str
    hostname: str
    port: int


def parse(url: str) -> SiteAddress:
    """The scheme, host name and port of ``url``; ValueError unless Wagtail's Site can hold it."""
    parts = urlsplit((url or "").strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"SITE_URL must be http(s)://host[:port], not {url!r}")
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        raise ValueError(f"SITE_URL is scheme, host and port only, without a path: {url!r}")
    port = parts.port or (443 if parts.scheme == "https" else 80)  # a bad port: ValueError
    if (parts.scheme == "https") != (port == 443):
        raise ValueError(f"Wagtail serves https on port 443 only, http on any other: {url!r}")
    return SiteAddress(parts.scheme, parts.hostname, port)


def normalise(url: str) -> str:
    """``url`` as Wagtail's Site writes its root URL: ``https://host`` or ``http://host:port``."""
    scheme, hostname, port = parse(url)
    default = 443 if scheme == "https" else 80
    return f"{scheme}://{hostname}" + ("" if port == default else f":{port}")


def address() -> SiteAddress:
    return parse(settings.SITE_URL)


def absolute(path: str) -> str:
    """``path`` (starting with ``/``) as a full URL on the site's public address."""
    return settings.SITE_URL + path


def sync_default_site(using: str = DEFAULT_DB_ALIAS) -> bool:
    """Give the default Wagtail Site the host name and port of ``SITE_URL``; True if it changed.

    Idempotent: an up-to-date record is not saved again (a save purges the page cache)."""
    from wagtail.models import Site

    _scheme, hostname, port = address()
    site = Site.objects.using(using).filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return False
    if Site.objects.using(using).filter(hostname=hostname, port=port).exclude(pk=site.pk).exists():
        logger.warning("Another Site has %s:%s; the default Site is left as it is.", hostname, port)
        return False
    site.hostname, site.port = hostname, port
    site.save(using=using, update_fields=["hostname", "port"])
    return True


def sync_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """``post_migrate``: the Site record follows ``SITE_URL`` on every deploy's ``migrate``."""
    from django.db import connections

    from wagtail.models import Site

    if Site._meta.db_table in connections[using].introspection.table_names():
        sync_default_site(using)
