"""Security headers on every response: a Content-Security-Policy and no caching of personal pages.

Django's SecurityMiddleware already sends nosniff, Referrer-Policy, Cross-Origin-Opener-Policy
and (in production) HSTS; this adds what Django 5.2 does not have built in.
"""

from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_vary_headers

# No inline scripts anywhere (script-src 'self'): the site's scripts are static files. Inline
# style attributes stay allowed: they cannot run code, and the admin's editors rely on them.
DEFAULT_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "media-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
)


# Wagtail 8's own admin widgets (date choosers, inline panels, choosers) still render inline
# scripts whose content varies per page, so neither hashes nor nonces can cover them. The admin
# is for signed-in staff only; everything visitors and members see keeps the strict policy.
ADMIN_CSP = DEFAULT_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
ADMIN_PREFIX = "/admin/"


# Uploaded documents are the one thing served here that we did not write: a browser must never
# run anything in one, whatever its type claims. A download (every type but PDF, see
# WAGTAILDOCS_INLINE_CONTENT_TYPES) gets a sandbox on top of "nothing may load"; a PDF shown in
# the browser gets no sandbox, because Chromium refuses to open a PDF in a sandboxed document.
DOCUMENT_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'"
INLINE_DOCUMENT_CSP = "default-src 'none'; frame-ancestors 'self'"
DOCUMENT_PREFIX = "/dokument/"


def policy_for(path: str) -> str:
    if path.startswith(ADMIN_PREFIX):
        return getattr(settings, "ADMIN_CONTENT_SECURITY_POLICY", ADMIN_CSP)
    return getattr(settings, "CONTENT_SECURITY_POLICY", DEFAULT_CSP)


def document_policy(request, response) -> str | None:
    """The policy of a served document file (Wagtail's serve view), or None for other pages."""
    disposition = response.headers.get("Content-Disposition")
    if not request.path.startswith(DOCUMENT_PREFIX) or disposition is None:
        return None  # e.g. the password form of a restricted collection: a page of ours
    return INLINE_DOCUMENT_CSP if disposition.startswith("inline") else DOCUMENT_CSP


def add_security_headers(request, response, personal: bool | None = None):
    """The CSP (and, for signed-in visitors, no caching) on ``response``.

    Also called by the pages made outside the middleware chain (the 503 page of
    ``website/dbdown.py``), which pass ``personal=False``: asking who is signed in would need
    the database. Django's SecurityMiddleware adds nosniff, Referrer-Policy and COOP to those
    too; nosniff is repeated here so it never depends on the order of the middleware.
    """
    document = document_policy(request, response)
    if document is not None:
        response.headers["Content-Security-Policy"] = document  # replaces Wagtail's own
    response.headers.setdefault("Content-Security-Policy", policy_for(request.path))
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    if personal is None:
        user = getattr(request, "user", None)
        personal = user is not None and user.is_authenticated
    if personal:
        # A member's or editor's pages must never be stored by a browser or a proxy.
        add_never_cache_headers(response)
        patch_vary_headers(response, ["Cookie"])
    return response


class SecurityHeadersMiddleware:
    """The CSP on every response that passes the middleware chain."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return add_security_headers(request, self.get_response(request))
