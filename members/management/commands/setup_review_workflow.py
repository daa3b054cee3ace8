from django.core.management.base import BaseCommand

from examples.models import ExampleIndexPage
from members.sharing.moderation import WORKFLOW_NAME, ensure_review_workflow


class Command(BaseCommand):
    help = (
        "Kopplar granskningsflödet för medlemmarnas exempel till listan Goda exempel (idempotent)."
    )

    def handle(self, *args, **options):
        ensure_review_workflow(ExampleIndexPage.objects.get())
        self.stdout.write(self.style.SUCCESS(f"Granskningsflödet ”{WORKFLOW_NAME}” är kopplat."))
