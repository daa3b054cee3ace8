"""Forwarded headers count only when they come from our own reverse proxy (``TRUSTED_PROXIES``).

Behind a proxy the site learns from it that the visitor used HTTPS (``X-Forwarded-Proto``, read
by ``SECURE_PROXY_SSL_HEADER``) and who the visitor is (``X-Forwarded-For``, read by allauth's
``ALLAUTH_TRUSTED_PROXY_COUNT`` for every rate limit). Any client can send those headers, so a
client that reaches gunicorn directly could claim HTTPS (and skip the redirect to it) or a new
address at every request (and never hit a rate limit). This middleware, the first of all,
removes them unless the connection comes from an address or network in ``TRUSTED_PROXIES``:
the same rule as gunicorn's ``forwarded_allow_ips`` (whose default, the loopback addresses, is
ours too), and like gunicorn it trusts a Unix socket, which has no address and which only
processes on the machine can reach.
"""

import functools
import ipaddress

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Headers a proxy sets (as WSGI names). Django reads none of the others by default, but a
# setting or a library could start to; only the proxy may speak for the visitor.
FORWARDED_HEADERS = (
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_FORWARDED_PROTOCOL",
    "HTTP_X_FORWARDED_SSL",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
)


@functools.cache
def trusted_networks(entries: tuple[str, ...]) -> tuple:
    """``TRUSTED_PROXIES`` as networks; a wrong entry stops the site from starting."""
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError as error:
            raise ImproperlyConfigured(
                f"TRUSTED_PROXIES: {entry!r} is not an IP address or network."
            ) from error
    return tuple(networks)


def is_trusted_proxy(remote_addr: str, networks) -> bool:
    if not remote_addr:
        return True  # a Unix socket: gunicorn gives its peer's empty name
    try:
        address = ipaddress.ip_address(remote_addr)
    except ValueError:
        return False
    if getattr(address, "ipv4_mapped", None):
        address = address.ipv4_mapped
    return any(address in network for network in networks)


class TrustedProxyMiddleware:
    """Drops the forwarded headers of any request that does not come from a trusted proxy."""

    def __init__(self, get_response):
        self.get_response = get_response
        trusted_networks(self._entries())  # fail at startup, not at the first request

    @staticmethod
    def _entries() -> tuple[str, ...]:
        return tuple(getattr(settings, "TRUSTED_PROXIES", ()))

    def __call__(self, request):
        networks = trusted_networks(self._entries())
        if not is_trusted_proxy(request.META.get("REMOTE_ADDR", ""), networks):
            headers = set(FORWARDED_HEADERS)
            if settings.SECURE_PROXY_SSL_HEADER:
                headers.add(settings.SECURE_PROXY_SSL_HEADER[0])
            for name in headers:
                request.META.pop(name, None)
        return self.get_response(request)
