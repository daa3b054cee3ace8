from django.apps import AppConfig


class ExamplesConfig(AppConfig):
    """Good examples, their taxonomy (counties, goals, stages …) and seminar collections."""

    name = "examples"
    verbose_name = "Goda exempel"
