"""Send the follows' digests: ``manage.py send_digests`` from cron (README, "Follows")."""

from django.core.management.base import BaseCommand

from follows import digests
from website.cronlock import already_running, single_run


class Command(BaseCommand):
    help = (
        "Skickar sammanfattningar av nyheterna i bevakningarna som är på tur (varje dag eller "
        "vecka), skickar om dem som inte gick iväg förra gången och glömmer obekräftade adresser."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            action="store_true",
            help="Behandla varje bevakning som på tur (för att prova).",
        )

    def handle(self, *args, now=False, **options):
        with single_run("send_digests") as acquired:
            if not acquired:
                already_running(self, "send_digests")
                return
            report = digests.run(force=now, out=self.stdout.write)
        self.stdout.write(
            f"Klart: {report.sent} mejl skickade, {report.failed} misslyckades (skickas nästa "
            f"körning), {report.built} nya sammanfattningar, {report.forgotten} obekräftade "
            "bevakningar glömda."
        )
