from django.core.management.base import BaseCommand
from tqdm import tqdm

from acquis.audit import context
from acquis.documents.text import french_date
from acquis.pathways.deadlines import candidacies_with_deadlines, drifts_of
from acquis.pathways.models import Candidacy
from acquis.pathways.services import candidacy_deadlines_refresh
from acquis.rules.catalogue import default_registry

FIELD_LABELS = {
    "decision_due_on": "fin du délai de décision sur la recevabilité",
    "lapse_on": "caducité de la recevabilité",
    "latest_jury_on": "date limite du jury",
}


def _day(day) -> str:
    return f"{french_date(day)}" if day else "aucune"


class Command(BaseCommand):
    help = (
        "Compare les échéances enregistrées des candidatures (listes de travail) avec celles que donnent les "
        "règles en vigueur dans Acquis ; --apply les corrige. À lancer après une correction d'une règle ou "
        "d'un paramètre."
    )

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="Corrige les échéances qui diffèrent.")
        parser.add_argument("--no-progress", action="store_true", help="Sans barre de progression.")

    def handle(self, *args, **options):
        registry = default_registry()
        self.stdout.write(f"Règles : {registry.ruleset_hash}")
        drifted: dict[int, list] = {}
        rows = candidacies_with_deadlines()
        for candidacy in tqdm(rows, unit="candidature", file=self.stderr._out, disable=options["no_progress"]):
            drifts = drifts_of(candidacy)
            if drifts:
                drifted[candidacy.pk] = drifts
        for pk, drifts in drifted.items():
            for drift in drifts:
                self.stdout.write(
                    f"  candidature {pk} : {FIELD_LABELS[drift.field]} enregistrée {_day(drift.stored)}, "
                    f"selon les règles {_day(drift.expected)}"
                )
        if not drifted:
            self.stdout.write("Toutes les échéances enregistrées sont celles que donnent les règles.")
            return
        if not options["apply"]:
            self.stdout.write(
                f"{len(drifted)} candidature(s) à corriger. Rien n'a été modifié : relancez avec --apply."
            )
            return
        with context.bind(channel="cli", role="system"):
            for candidacy in Candidacy.objects.filter(pk__in=drifted).order_by("pk"):
                candidacy_deadlines_refresh(actor=None, candidacy=candidacy)
        self.stdout.write(f"{len(drifted)} candidature(s) corrigée(s).")
