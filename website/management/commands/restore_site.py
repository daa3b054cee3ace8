from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from website.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Återställer ett arkiv från backup_site: dekrypterar det om det är krypterat, "
        "kontrollerar det, migrerar, ersätter databasens innehåll, skriver tillbaka media, "
        "jämför antal och kontrollsummor och bygger om sökindexen. Vägrar om databasen redan "
        "har innehåll, utom med --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "archive",
            help="Arkivet, t.ex. backups/20250101T020000Z.tar.gz eller ….tar.gz.age",
        )
        parser.add_argument(
            "--identity",
            default=None,
            help="Fil med den privata age-nyckeln för ett krypterat arkiv "
            "(standard: BACKUP_AGE_IDENTITY_FILE).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Ersätt även en databas som redan har innehåll (allt befintligt tas bort).",
        )

    def handle(self, *args, archive, force, identity, **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"Arkivet finns inte: {path}")
        try:
            restore_backup(path, force=force, progress=self.stdout.write, identity_file=identity)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Återställningen från {path} är klar."))
