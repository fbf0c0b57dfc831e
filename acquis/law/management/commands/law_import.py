from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from acquis.audit import context
from acquis.law.corpus import default_paths
from acquis.law.history import HistoryError
from acquis.law.parsing.errors import LawParseError
from acquis.law.progress import TqdmProgress
from acquis.law.services import LawImportResult, law_corpus_import

COUNT_LABELS = {
    "sources": "sources",
    "articles": "articles",
    "versions": "versions d'articles",
    "sections": "sections",
    "memberships": "places d'articles dans les sections",
}


def write_result(stdout, result: LawImportResult) -> None:
    for kind, counts in result.counts.items():
        stdout.write(
            f"{COUNT_LABELS.get(kind, kind)} : {counts['created']} créé(s), {counts['updated']} mis à jour, "
            f"{counts['unchanged']} inchangé(s), {counts['deleted']} supprimé(s)"
        )
    stdout.write("Import terminé." if result.changed else "Import terminé : rien n'a changé.")


def run_import(command: BaseCommand, paths: list[Path], *, show_progress: bool) -> LawImportResult:
    progress = TqdmProgress(command.stderr._out) if show_progress else None
    try:
        with context.bind(channel="cli", role="system"):
            result = law_corpus_import(paths=paths, progress=progress)
    except LawParseError as exc:
        raise CommandError(
            f"Fichier refusé, rien n'a été importé.\n  fichier : {exc.file}\n  position : {exc.position}\n"
            f"  motif : {exc.reason}"
        ) from exc
    except HistoryError as exc:
        raise CommandError(f"Sources incohérentes, rien n'a été importé : {exc}") from exc
    finally:
        if progress is not None:
            progress.close()
    write_result(command.stdout, result)
    return result


class Command(BaseCommand):
    help = "Importe des textes du Code du travail (legi-data, LEGI XML, textes reconstitués, fiches d'article)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", type=Path, help="fichiers ou dossiers à importer")
        parser.add_argument("--default", action="store_true", help="importer le corpus fourni avec Acquis (data/law/)")
        parser.add_argument("--no-progress", action="store_true", help="sans barre de progression")

    def handle(self, *args, **options):
        paths = list(options["paths"])
        if options["default"]:
            paths = [*default_paths(), *paths]
        if not paths:
            raise CommandError("Indiquez au moins un fichier à importer, ou --default pour le corpus fourni.")
        run_import(self, paths, show_progress=not options["no_progress"])
