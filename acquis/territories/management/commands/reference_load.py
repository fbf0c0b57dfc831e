from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from acquis.audit import context
from acquis.certifications.export import RegistryParseError
from acquis.certifications.services import certification_registry_import
from acquis.orientation.rome import RomeFileError
from acquis.orientation.services import DEFAULT_ROME_DIR, finder_refresh, rome_reference_load, rome_skills_load
from acquis.territories.services import DEFAULT_TERRITORIES_CSV, TerritoriesFileError, territories_load

REFERENCE = Path(settings.BASE_DIR) / "data" / "reference"
DEFAULT_CATALOGUE = REFERENCE / "france-vae-certifications-2026-01-09.csv"
DEFAULT_SAMPLE = REFERENCE / "rncp-sample.csv"
STEPS = 6


class Command(BaseCommand):
    help = (
        "Charge les données de référence fournies avec Acquis (territoires, ROME avec ses compétences et savoirs, "
        "catalogue de France VAE) "
        "et reconstruit la recherche de certifications."
    )

    def add_arguments(self, parser):
        parser.add_argument("--territories", type=Path, default=DEFAULT_TERRITORIES_CSV)
        parser.add_argument("--rome", type=Path, default=DEFAULT_ROME_DIR, help="dossier des CSV du ROME v4.60")
        parser.add_argument("--catalogue", type=Path, default=DEFAULT_CATALOGUE)
        parser.add_argument("--sample", type=Path, default=DEFAULT_SAMPLE)

    def _step(self, number: int, text: str) -> None:
        self.stdout.write(f"[{number}/{STEPS}] {text}")
        self.stdout.flush()

    def handle(self, *args, **options):
        try:
            with context.bind(channel="cli", role="system"):
                self._load(options)
        except (TerritoriesFileError, RomeFileError, FileNotFoundError) as exc:
            raise CommandError(str(exc)) from exc
        except RegistryParseError as exc:
            raise CommandError(f"{exc.file}, ligne {exc.line} : {exc.reason}") from exc

    def _load(self, options) -> None:
        result = territories_load(path=options["territories"])
        self._step(
            1,
            f"Territoires : {result.regions_created} région(s) et {result.departments_created} département(s) "
            f"créés, {result.departments_updated} mis à jour.",
        )
        rome = rome_reference_load(directory=options["rome"])
        self._step(
            2,
            f"ROME v4.60 : {rome.codes_created} fiche(s) métier et {rome.titles_created} appellation(s) créées, "
            f"{rome.codes_updated + rome.titles_updated} mise(s) à jour, {rome.titles_removed} retirée(s).",
        )
        loaded = rome_skills_load(directory=options["rome"])
        self._step(
            3,
            f"ROME v4.60 : {loaded.skills.rows} compétence(s) ({loaded.skills.created} créée(s)) et "
            f"{loaded.knowledge.rows} savoir(s) ({loaded.knowledge.created} créé(s)), "
            f"{loaded.skills.updated + loaded.knowledge.updated} mis à jour, "
            f"{loaded.skills.removed + loaded.knowledge.removed} retiré(s).",
        )
        for number, path in ((4, options["catalogue"]), (5, options["sample"])):
            imported = certification_registry_import(path=path)
            self._step(
                number,
                f"Certifications ({path.name}) : {imported.counts.created} créée(s), "
                f"{imported.counts.unchanged} déjà présente(s).",
            )
        refreshed = finder_refresh()
        self._step(
            6,
            f"Recherche : {refreshed.certifications_linked} fiche(s) reliée(s) au ROME par calcul, "
            f"{refreshed.documents} certification(s) ouvertes à la VAE indexée(s).",
        )
