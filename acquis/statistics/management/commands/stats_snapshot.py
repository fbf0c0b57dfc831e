import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from acquis.audit import context
from acquis.statistics.services import statistics_snapshot_create


class Command(BaseCommand):
    help = "écrit l'instantané statistique (Parquet) et les données ouvertes du jour"

    def add_arguments(self, parser):
        parser.add_argument("--on", help="date de l'instantané (AAAA-MM-JJ), aujourd'hui par défaut")
        parser.add_argument("--no-progress", action="store_true", help="sans messages d'avancement")

    def handle(self, *args, on=None, no_progress=False, **options):
        try:
            day = dt.date.fromisoformat(on) if on else None
        except ValueError as error:
            raise CommandError(f"Date invalide « {on} » : attendu AAAA-MM-JJ.", returncode=2) from error

        def progress(message: str) -> None:
            if not no_progress:
                self.stdout.write(message)

        with context.bind(channel="cli", role="system"):
            try:
                result = statistics_snapshot_create(on=day, progress=progress)
            except ValueError as error:
                raise CommandError(str(error), returncode=2) from error
        self.stdout.write(
            f"{result.events} événements ({result.pathways} parcours, {result.leave_requests} demandes de congé VAE) "
            f"→ {result.directory}"
        )
