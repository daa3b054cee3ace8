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


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.csp = getattr(settings, "CONTENT_SECURITY_POLICY", DEFAULT_CSP)
        self.admin_csp = getattr(settings, "ADMIN_CONTENT_SECURITY_POLICY", ADMIN_CSP)

    def __call__(self, request):
        response = self.get_response(request)
        policy = self.admin_csp if request.path.startswith(ADMIN_PREFIX) else self.csp
        response.headers.setdefault("Content-Security-Policy", policy)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # A member's or editor's pages must never be stored by a browser or a proxy.
            add_never_cache_headers(response)
            patch_vary_headers(response, ["Cookie"])
        return response
