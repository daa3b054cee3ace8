from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Public search of good examples: Elasticsearch or the database, kept true by signals."""

    name = "search"
    verbose_name = "Sök"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from examples import similar
        from search import signals
        from search.health import check_search
        from search.similar import more_like_this
        from website import health

        signals.connect()
        similar.register(more_like_this)
        health.register("search", check_search)
