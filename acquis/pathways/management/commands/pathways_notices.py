import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from acquis.audit import context
from acquis.documents.text import french_date
from acquis.pathways.reminders import pathway_notices_send


class Command(BaseCommand):
    help = (
        "Parcours VAE : met en file l'avis « recevable » du GIP et les rappels (décision, jury, caducité) dus ce jour."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="afficher ce qui serait envoyé, sans rien envoyer")
        parser.add_argument(
            "--on", help="examiner à cette date (AAAA-MM-JJ) au lieu d'aujourd'hui : rattrapage ou essai"
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="confier l'examen au travailleur de tâches (db_worker) au lieu de le faire ici",
        )

    def handle(self, *args, **options):
        if options["enqueue"]:
            if options["on"] or options["dry_run"]:
                raise CommandError("--enqueue examine toujours à la date du jour, sans --dry-run ni --on.")
            from acquis.pathways.tasks import pathways_notices_daily

            result = pathways_notices_daily.enqueue()
            self.stdout.write(f"Examen des avis du parcours VAE confié au travailleur de tâches (tâche {result.id}).")
            return
        on = None
        if options["on"]:
            try:
                on = dt.date.fromisoformat(options["on"])
            except ValueError:
                raise CommandError(f"--on : date attendue au format AAAA-MM-JJ, reçu « {options['on']} ».") from None
        with context.bind(channel="cli", role="system"):
            run = pathway_notices_send(on=on, dry_run=options["dry_run"], progress=self.stdout.write)
        verb = "à mettre" if options["dry_run"] else "mis"
        self.stdout.write(
            f"Parcours VAE, {french_date(run.on)} : {run.due} avis ou rappel(s) dû(s) ; "
            f"{len(run.queued)} {verb} en file "
            f"({sum(c for _p, _k, c in run.queued)} courriel(s)) ; {run.already_queued} déjà envoyé(s) ; "
            f"{run.without_recipient} sans destinataire."
        )
