from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from acquis.audit import context
from acquis.certifications.export import RegistryParseError
from acquis.certifications.services import RegistryImportResult, certification_registry_import
from acquis.documents.text import french_date
from acquis.law.progress import TqdmProgress
from acquis.orientation.services import finder_refresh


def summary(result: RegistryImportResult) -> list[str]:
    counts = result.counts
    what = {"sample": "liste de certifications", "catalogue": "catalogue de France VAE"}.get(
        result.kind, "export France Compétences"
    )
    dated = f" du {french_date(result.export_date)}" if result.export_date else ""
    lines = [
        f"{what}{dated} ({result.source}) : {result.fiches} fiche(s) lue(s).",
        f"fiches : {counts.created} créée(s), {counts.updated} mise(s) à jour, {counts.unchanged} inchangée(s).",
    ]
    if counts.marked_absent or counts.back_in_export:
        lines.append(
            f"fiches absentes de cet export (conservées) : {counts.marked_absent} ; "
            f"de retour dans l'export : {counts.back_in_export}."
        )
    if counts.replacements_created:
        lines.append(f"liens ancienne → nouvelle fiche ajoutés : {counts.replacements_created}.")
    if result.skipped_rows:
        lines.append(f"lignes sans numéro RNCP ignorées : {result.skipped_rows}.")
    if result.ignored_files:
        lines.append(f"fichiers non utilisés : {', '.join(result.ignored_files)}.")
    lines.append(
        "Import terminé." if counts.changed or counts.replacements_created else "Import terminé : rien n'a changé."
    )
    return lines


class Command(BaseCommand):
    help = "Importe le registre RNCP/RS (export France Compétences en ZIP ou dossier, ou liste CSV)."

    def add_arguments(self, parser):
        parser.add_argument(
            "path", type=Path, help="export-fiches-csv-AAAA-MM-JJ.zip, le dossier de ses CSV, ou une liste CSV"
        )
        parser.add_argument("--no-progress", action="store_true", help="sans barre de progression")

    def handle(self, *args, **options):
        bars = None if options["no_progress"] else TqdmProgress(self.stderr._out)
        try:
            with context.bind(channel="cli", role="system"):
                result = certification_registry_import(
                    path=options["path"], progress=bars.for_size if bars is not None else None
                )
        except RegistryParseError as exc:
            where = f"\n  ligne : {exc.line}" if exc.line else ""
            raise CommandError(
                f"Export refusé, rien n'a été importé.\n  fichier : {exc.file}{where}\n  motif : {exc.reason}"
            ) from exc
        finally:
            if bars is not None:
                bars.close()
        with context.bind(channel="cli", role="system"):
            refreshed = finder_refresh()
        self.stdout.write(
            f"Recherche de certifications : {refreshed.documents} fiche(s) ouvertes à la VAE indexée(s)."
        )
        for line in summary(result):
            self.stdout.write(line)
