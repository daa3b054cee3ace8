from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    """The project package: settings, URLs and the site-wide pages (start page, content pages)."""

    name = "website"
    verbose_name = "Webbplatsen"

    def ready(self):
        from django.db.models.signals import post_migrate, pre_save

        from website import pagecache, siteurl
        from website.text import clean_before_save

        pagecache.connect()
        pre_save.connect(clean_before_save, dispatch_uid="website_clean_text")
        post_migrate.connect(siteurl.sync_after_migrate, sender=self, dispatch_uid="website_site")
