from django.core.management.base import BaseCommand

from examples.taxonomy_loader import load_taxonomy


class Command(BaseCommand):
    help = "Läser in län, kommuner, mål, verksamhetsområden och målgrupper från examples/data (idempotent)."

    def handle(self, *args, **options):
        report = load_taxonomy(progress=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(f"Taxonomin är inläst ({report.changed} ändringar)."))
