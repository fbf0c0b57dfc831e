from __future__ import annotations

import re
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from acquis.law.management.commands.law_import import run_import
from acquis.law.parsing.records import CODE_DU_TRAVAIL

PACKAGE = "@socialgouv/legi-data"
_VERSION = re.compile(r"^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$")
#: npm pack downloads a tarball of a few tens of MB; give slow networks time, not forever.
NPM_TIMEOUT = 600


def extract_code_du_travail(tarball: Path, destination: Path) -> Path:
    """Copy the Code du travail JSON out of the package (``package/data/LEGITEXT….json``)."""
    with tarfile.open(tarball) as archive:
        member = next(
            (m for m in archive.getmembers() if m.isfile() and Path(m.name).name == f"{CODE_DU_TRAVAIL}.json"), None
        )
        if member is None:
            raise CommandError(
                f"Le paquet {tarball.name} ne contient pas le Code du travail ({CODE_DU_TRAVAIL}.json)."
            )
        source = archive.extractfile(member)
        assert source is not None
        with source, destination.open("wb") as target:
            shutil.copyfileobj(source, target)
    return destination


class Command(BaseCommand):
    help = "Télécharge le Code du travail d'une version de @socialgouv/legi-data (avec npm) et l'importe."

    def add_arguments(self, parser):
        parser.add_argument(
            "--legi-data", dest="version", required=True, help="version du paquet, par exemple 2.513.0"
        )
        parser.add_argument("--no-progress", action="store_true", help="sans barre de progression")

    def handle(self, *args, **options):
        version = options["version"].strip()
        if not _VERSION.match(version):
            raise CommandError(f"Version invalide « {version} » : attendu un numéro comme 2.513.0.")
        npm = shutil.which("npm")
        if npm is None:
            raise CommandError(
                "npm est introuvable : installez Node.js (qui fournit npm) pour utiliser « acquis law fetch », "
                f"ou téléchargez le paquet {PACKAGE}@{version} vous-même et importez le fichier "
                f"data/{CODE_DU_TRAVAIL}.json avec « acquis law import FICHIER »."
            )
        with tempfile.TemporaryDirectory(prefix="acquis-legi-data-") as tmp:
            workdir = Path(tmp)
            self.stderr.write(f"Téléchargement de {PACKAGE}@{version} avec npm…")
            try:
                subprocess.run(
                    [npm, "pack", f"{PACKAGE}@{version}", "--silent"],
                    cwd=workdir,
                    check=True,
                    capture_output=True,
                    text=True,
                    timeout=NPM_TIMEOUT,
                )
            except subprocess.CalledProcessError as exc:
                detail = (exc.stderr or exc.stdout or "").strip().splitlines()
                raise CommandError(
                    f"npm n'a pas pu récupérer {PACKAGE}@{version} (code {exc.returncode})"
                    + (f" : {detail[-1]}" if detail else ".")
                ) from exc
            except subprocess.TimeoutExpired as exc:
                raise CommandError(f"npm n'a pas répondu en {NPM_TIMEOUT} s.") from exc
            tarballs = sorted(workdir.glob("*.tgz"))
            if not tarballs:
                raise CommandError("npm pack n'a produit aucune archive.")
            # The file name names the source in the corpus: keep the package version in it.
            json_path = extract_code_du_travail(tarballs[0], workdir / f"code-du-travail-legi-data-{version}.json")
            run_import(self, [json_path], show_progress=not options["no_progress"])
