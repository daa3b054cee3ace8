from django.conf import settings
from django.core.management.base import BaseCommand

from examples.demo.loader import DemoLoader


class Command(BaseCommand):
    help = (
        "Bygger sidträdet och läser in taxonomin, seedernas goda exempel, seminarier och "
        "demoanvändare. Idempotent: en andra körning ändrar ingenting."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--users",
            action="store_true",
            help="Skapa demoanvändarna även när DEBUG är av (de har kända lösenord: bara för utveckling).",
        )

    def handle(self, *args, **options):
        with_users = settings.DEBUG or options["users"]
        report = DemoLoader(progress=self.stdout.write, with_users=with_users).run()
        if not with_users:
            self.stdout.write("Demoanvändare skapades inte (DEBUG är av; använd --users).")
        self.stdout.write(
            self.style.SUCCESS(f"Demoinnehållet är klart ({len(report.created)} nya poster).")
        )
