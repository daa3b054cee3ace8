"""``/robots.txt``: crawlers may read every public page; the sitemap is named by its full
address on ``SITE_URL``. The admin, accounts and the member's own pages are left out (they
answer a login page, never content)."""

from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from website import siteurl

DISALLOWED = ("/admin/", "/konto/", "/dela/", "/mina-exempel/")


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED)]
    lines += ["", f"Sitemap: {siteurl.absolute('/sitemap.xml')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
