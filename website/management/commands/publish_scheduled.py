"""``manage.py publish_scheduled``: Wagtail's command, one run at a time across servers.

Django takes a command from the first app in ``INSTALLED_APPS`` that has one, and ``website``
comes before ``wagtail``, so cron's ``publish_scheduled`` is this one. It takes the lock of
``website/cronlock.py`` and runs Wagtail's; a second run at the same time exits 0 with a message.
"""

from wagtail.management.commands.publish_scheduled import Command as WagtailCommand

from website.cronlock import already_running, single_run


class Command(WagtailCommand):
    help = "Publicera och avpublicera schemalagda sidor (en körning åt gången, över alla servrar)"

    def handle(self, *args, **options):
        with single_run("publish_scheduled") as acquired:
            if not acquired:
                already_running(self, "publish_scheduled")
                return
            super().handle(*args, **options)
