from django.apps import AppConfig
from django.db.models.signals import pre_save


class ExamplesConfig(AppConfig):
    """Good examples, their taxonomy (counties, goals, stages …) and seminar collections."""

    name = "examples"
    verbose_name = "Goda exempel"

    def ready(self):
        from taggit.models import Tag

        from examples.tags import fold_tags

        pre_save.connect(fold_tags, sender=Tag, dispatch_uid="examples_fold_tag_slugs")
