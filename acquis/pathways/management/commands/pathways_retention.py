from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from acquis.accounts.retention import personal_data_retention_run
from acquis.audit import context
from acquis.documents.text import french_date
from acquis.pathways.retention import OUTCOME_LABELS, retention_plan, retention_run

OTHER_STORES = {
    "invitations": "invitation(s) à s'inscrire",
    "leave_requests": "demande(s) de congé VAE",
    "emails": "courriel(s)",
    "accounts": "compte(s) (anonymisés)",
}


class Command(BaseCommand):
    help = "Anonymise les données personnelles des parcours dont la durée de conservation est écoulée (R6411-6)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Affiche le rapport sans rien modifier.")
        parser.add_argument("--on", help="Jour de référence AAAA-MM-JJ (aujourd'hui par défaut).")
        parser.add_argument("--no-progress", action="store_true", help="Sans barre de progression.")

    def handle(self, *args, **options):
        try:
            on = timezone.datetime.fromisoformat(options["on"]).date() if options["on"] else timezone.localdate()
        except ValueError:
            raise CommandError("--on : indiquez une date AAAA-MM-JJ.") from None
        total = len(retention_plan(on=on))
        bar = tqdm(total=total, unit="candidature", file=self.stderr._out, disable=options["no_progress"])
        with context.bind(channel="cli", role="system"):
            report = retention_run(on=on, dry_run=options["dry_run"], progress=bar.update)
        bar.close()
        title = "Simulation (--dry-run) : rien n'a été modifié." if report.dry_run else "Conservation des données :"
        self.stdout.write(f"{title} Jour de référence : {french_date(on)}.")
        for outcome, label in OUTCOME_LABELS.items():
            self.stdout.write(f"  {report.counts.get(outcome, 0):>7}  {label}")
        if not report.dry_run:
            self.stdout.write(f"  {len(report.anonymised):>7}  candidature(s) anonymisée(s)")
        # The other stores of the same people, once their candidacies are done (acquis.accounts.retention).
        with context.bind(channel="cli", role="system"):
            others = personal_data_retention_run(on=on, dry_run=options["dry_run"])
        verb = "à effacer" if report.dry_run else "effacé(e)s"
        for key, label in OTHER_STORES.items():
            self.stdout.write(f"  {others.counts.get(key, 0):>7}  {label} {verb}")
