from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    """Criteria-based assessment of good examples ("Bedömt"): criteria, assessors, results."""

    name = "assessments"
    verbose_name = "Bedömning"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from assessments import section, setup

        post_migrate.connect(setup.ensure_groups, sender=self, dispatch_uid="assessments-groups")
        section.register()
