from django.apps import AppConfig


class FollowsConfig(AppConfig):
    """Follows ("Bevaka") of searches, counties, goals, examples and seminars, and the digest
    mails that report their news (``manage.py send_digests``)."""

    name = "follows"
    verbose_name = "Bevakningar"

    def ready(self):
        from examples import extensions
        from follows import events, hooks, sources

        events.connect()
        sources.register_builtins()
        extensions.register(
            "follows",
            template="follows/includes/example_follow.html",
            context=hooks.example_context,
            slot="aside",
            order=200,
            cacheable=True,  # the same link for everyone; none on a draft (the key has ``live``)
        )
        extensions.register_action(
            "follows", template="follows/includes/follow_link.html", context=hooks.page_context
        )
        hooks.register_privacy()
