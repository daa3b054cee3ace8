from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Public search of good examples."""

    name = "search"
    verbose_name = "Sök"
