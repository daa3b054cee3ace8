from django.conf import settings
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from members.accounts.mfa import admin_login
from website import health

urlpatterns = [
    # For load balancers and monitoring (website/health.py); outside every page and the cache.
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # The admin logs in through allauth (password, then TOTP): see members/accounts/mfa.py.
    path("admin/login/", admin_login, name="admin_login_redirect"),
    path("admin/", include(wagtailadmin_urls)),
    path("konto/", include("members.accounts.urls")),
    path("konto/", include("allauth.urls")),
    path("", include("members.sharing.urls")),
    path("dokument/", include(wagtaildocs_urls)),
    path("sok/", include("search.urls")),
    path("", include("opendata.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

# 429 from allauth's limits and ours; 503 (not 500) when the database does not answer.
handler429 = "website.ratelimit.handler429"
handler500 = "website.dbdown.server_error"
