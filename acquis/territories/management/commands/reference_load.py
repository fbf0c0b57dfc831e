from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from acquis.audit import context
from acquis.territories.services import DEFAULT_TERRITORIES_CSV, TerritoriesFileError, territories_load


class Command(BaseCommand):
    help = "Charge les données de référence fournies avec Acquis (régions et départements)."

    def add_arguments(self, parser):
        parser.add_argument("--territories", type=Path, default=DEFAULT_TERRITORIES_CSV)

    def handle(self, *args, **options):
        try:
            with context.bind(channel="cli", role="system"):
                result = territories_load(path=options["territories"])
        except (TerritoriesFileError, FileNotFoundError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Territoires : {result.regions_created} région(s) et {result.departments_created} département(s) créés, "
            f"{result.departments_updated} mis à jour."
        )
