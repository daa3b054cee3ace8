from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Public search of good examples: Elasticsearch or the database, kept true by signals."""

    name = "search"
    verbose_name = "Sök"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from assessments import services as assessment_services
        from examples import similar
        from search import signals
        from search.health import check_search
        from search.indexing import record_change
        from search.similar import more_like_this
        from website import health

        signals.connect()
        # A published assessment changes the example's level facet: re-index it (queued in the
        # publication's transaction, applied after the commit).
        assessment_services.published_listeners.append(
            lambda example_id: record_change([example_id], "assessment published")
        )
        similar.register(more_like_this)
        health.register("search", check_search)
