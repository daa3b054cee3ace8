from django.conf import settings
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from members.accounts.mfa import admin_login, frontend_login
from members.sharing.media import serve_media
from opendata.sitemaps import OpenDataSitemap
from website import health, sitemaps
from website.robots import robots_txt

# The sitemap's sections (``website/sitemaps.py``): Wagtail's pages, and the open-data page.
SITEMAPS = {"wagtail": sitemaps.PageSitemap, "opendata": OpenDataSitemap}

urlpatterns = [
    # For load balancers and monitoring (website/health.py); outside every page and the cache.
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # The admin logs in through allauth (password, then TOTP): see members/accounts/mfa.py.
    path("admin/login/", admin_login, name="admin_login_redirect"),
    # Wagtail's front-end login (wagtail.urls, for pages restricted to signed-in visitors) logs
    # in with a password alone: this earlier route answers its address with allauth's login.
    path("_util/login/", frontend_login, name="frontend_login_redirect"),
    path("admin/", include(wagtailadmin_urls)),
    path("konto/", include("members.accounts.urls")),
    path("konto/", include("allauth.urls")),
    path("", include("members.sharing.urls")),
    path("", include("adoptions.urls")),
    path("", include("assessments.urls")),
    path("dokument/", include(wagtaildocs_urls)),
    # Uploaded images, in every environment through a privacy check (members/sharing/media.py).
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve_media, name="media"),
    path("sok/", include("search.urls")),
    path("bevaka/", include("follows.urls")),
    path("", include("opendata.urls")),
    path("sitemap.xml", sitemaps.index, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "sitemap-<slug:section>.xml",
        sitemap,
        {"sitemaps": SITEMAPS},
        name=sitemaps.SECTION_URL_NAME,
    ),
    path("robots.txt", robots_txt, name="robots_txt"),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

urlpatterns += [path("", include(wagtail_urls))]

# 429 from allauth's limits and ours; 503 (not 500) when the database does not answer.
handler429 = "website.ratelimit.handler429"
handler500 = "website.dbdown.server_error"
