from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from acquis.backups.archive import BackupError, backup_restore


class Command(BaseCommand):
    help = "restaure une archive de « acquis backup create » (base vide, ou --force pour la remplacer)"

    def add_arguments(self, parser):
        parser.add_argument("archive", help="fichier écrit par « acquis backup create »")
        parser.add_argument(
            "--force", action="store_true", help="remplace une base ou des fichiers existants par ceux de l'archive"
        )

    def handle(self, *args, archive, force=False, **options):
        try:
            backup_restore(Path(archive), force=force, progress=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error), returncode=2) from None
