from django.apps import AppConfig


class OpendataConfig(AppConfig):
    """Öppna data: the JSON API, CSV export, Atom feeds and calendar files."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "opendata"
    verbose_name = "Öppna data"
