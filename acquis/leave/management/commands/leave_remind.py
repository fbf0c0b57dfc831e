import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from acquis.audit import context
from acquis.documents.text import french_date
from acquis.leave.reminders import leave_notices_send


class Command(BaseCommand):
    help = "Congé VAE : met en file les rappels à l'employeur et les avis d'accord réputé acquis dus ce jour."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="afficher ce qui serait envoyé, sans rien envoyer")
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="confier l'examen au travailleur de tâches (db_worker) au lieu de le faire ici",
        )
        parser.add_argument(
            "--date", help="examiner à cette date (AAAA-MM-JJ) au lieu d'aujourd'hui : rattrapage ou essai"
        )

    def handle(self, *args, **options):
        if options["enqueue"]:
            if options["date"] or options["dry_run"]:
                raise CommandError("--enqueue examine toujours à la date du jour, sans --dry-run ni --date.")
            from acquis.leave.tasks import leave_notices_scan

            result = leave_notices_scan.enqueue()
            self.stdout.write(f"Examen des rappels de congé VAE confié au travailleur de tâches (tâche {result.id}).")
            return
        on = None
        if options["date"]:
            try:
                on = dt.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(
                    f"--date : date attendue au format AAAA-MM-JJ, reçu « {options['date']} »."
                ) from None
        with context.bind(channel="cli", role="system"):
            run = leave_notices_send(on=on, dry_run=options["dry_run"], progress=self.stdout.write)
        self.stdout.write(
            f"Congé VAE, {french_date(run.on)} : {run.due} rappel(s) ou avis dû(s) ; "
            f"{len(run.queued)} {'à mettre' if options['dry_run'] else 'mis'} en file "
            f"({sum(c for _p, _k, c in run.queued)} courriel(s)) ; {run.already_queued} déjà envoyé(s) ; "
            f"{run.without_recipient} sans destinataire (employeur sans compte)."
        )
