from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    """Criteria-based assessment of good examples ("Bedömt"): criteria, assessors, results."""

    name = "assessments"
    verbose_name = "Bedömning"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from assessments import news, privacy, section, setup
        from follows import sources
        from members.privacy import services as privacy_services
        from members.sharing import extras

        # Every app's post_migrate: the permissions it needs exist only after auth and
        # wagtailadmin have made theirs; until then it does nothing.
        post_migrate.connect(setup.ensure_groups, dispatch_uid="assessments-groups")
        section.register()
        extras.register("assessments", section.my_examples_notes)
        privacy_services.register_personal_data(
            "bedomningar", export=privacy.export, delete=privacy.delete
        )
        sources.register("assessments", kinds={"example"}, collect=news.new_assessments)
