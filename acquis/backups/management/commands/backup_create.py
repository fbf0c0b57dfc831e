from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from acquis.backups.archive import BackupError, backup_create


class Command(BaseCommand):
    help = "sauvegarde la base (pg_dump ou SQLite) et les fichiers déposés dans une archive avec manifeste"

    def add_arguments(self, parser):
        parser.add_argument(
            "output",
            nargs="?",
            help="fichier d'archive (par défaut acquis-AAAAMMJJ-HHMMSS.tar.gz dans le dossier courant)",
        )

    def handle(self, *args, output=None, **options):
        path = Path(output or f"acquis-{timezone.now():%Y%m%d-%H%M%S}.tar.gz")
        try:
            backup_create(path, progress=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error), returncode=2) from None
