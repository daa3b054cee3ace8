from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    """The project package: settings, URLs and the site-wide pages (start page, content pages)."""

    name = "website"
    verbose_name = "Webbplatsen"

    def ready(self):
        from website import pagecache

        pagecache.connect()
