from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from website.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Säkerhetskopierar databasen (JSON-dump) och alla mediefiler (MEDIA_ROOT eller "
        "S3-hinken) till ett arkiv backups/<UTC-tid>.tar.gz med ett manifest över antal rader "
        "och kontrollsummor; krypterat med age till BACKUP_AGE_RECIPIENT (….tar.gz.age) när "
        "den är satt."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            default=str(Path(settings.BASE_DIR) / "backups"),
            help="Mappen arkivet skrivs i (standard: backups/).",
        )

    def handle(self, *args, output_dir, **options):
        try:
            path = create_backup(Path(output_dir), progress=self.stdout.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Säkerhetskopian är klar: {path}"))
