"""A synthetic export in France Compétences' format, of any size, for the import benchmark.

Every title says "synthétique": these fiches are made up (random but reproducible from the seed) and must
never be mistaken for the register. The shape follows the real export: ~40,000 fiches, a few blocks, one
or two certifiers, some ROME codes and one NSF code per fiche, access routes, replacements of older fiches.
Generated at benchmark time (bench/rncp_import.py), never committed.
"""

from __future__ import annotations

import csv
import io
import random
import zipfile
from datetime import date, timedelta
from pathlib import Path

from acquis.certifications.export import REQUIRED_COLUMNS

STANDARD_COLUMNS = (
    "Id_Fiche",
    "Numero_Fiche",
    "Intitule",
    "Abrege_Libelle",
    "Abrege_Intitule",
    "Nomenclature_Europe_Niveau",
    "Nomenclature_Europe_Intitule",
    "Accessible_Nouvelle_Caledonie",
    "Accessible_Polynesie_Francaise",
    "Date_dernier_jo",
    "Date_Decision",
    "Date_Fin_Enregistrement",
    "Date_Effet",
    "Type_Enregistrement",
    "Validation_Partielle",
    "Actif",
)
_WORDS = (
    "assistant",
    "conseiller",
    "technicien",
    "responsable",
    "gestionnaire",
    "agent",
    "opérateur",
    "chargé",
    "manager",
    "coordinateur",
    "maintenance",
    "commerce",
    "santé",
    "social",
    "logistique",
    "numérique",
    "bâtiment",
    "énergie",
    "restauration",
    "tourisme",
    "transport",
    "industrie",
    "comptabilité",
    "paie",
    "formation",
    "animation",
    "sécurité",
    "environnement",
    "agriculture",
)
_ROUTES = (
    "Par expérience",
    "Après un parcours de formation continue",
    "En contrat d'apprentissage",
    "En contrat de professionnalisation",
    "Par candidature individuelle",
)
_OLD_LEVELS = ("Niveau V", "Niveau IV", "Niveau III (Bac+2)", "II", "I")


def write_synthetic_export(
    directory: Path, *, fiches: int = 40_000, export_date: date, seed: int = 2026, revise_every: int = 0
) -> Path:
    """Write ``synthetic-export-fiches-csv-YYYY-MM-DD.zip`` in ``directory`` and return its path.

    ``revise_every`` > 0 changes the title of every n-th fiche, to measure an incremental re-import.
    """
    rng = random.Random(seed)
    suffix = export_date.strftime("%Y_%m_%d")
    target = directory / f"synthetic-export-fiches-csv-{export_date.isoformat()}.zip"
    certifiers = [
        (f"{130000000 + i:09d}{i % 100000:05d}", f"ORGANISME CERTIFICATEUR SYNTHÉTIQUE {i}") for i in range(3000)
    ]
    rome_codes = [f"{letter}{n:04d}" for letter in "ABCDEFGHIJKLMN" for n in range(1101, 1140)]
    files = {
        part: f"export_fiches_CSV_{name}_{suffix}.csv"
        for part, name in (
            ("standard", "Standard"),
            ("blocks", "Blocs_De_Compétences"),
            ("certifiers", "Certificateurs"),
            ("rome", "Rome"),
            ("nsf", "Nsf"),
            ("routes", "VoixdAccès"),
            ("replacements", "Ancienne_Nouvelle_Certification"),
        )
    }
    headers = {part: REQUIRED_COLUMNS[part] for part in files if part != "standard"}
    headers["standard"] = STANDARD_COLUMNS
    # A ZIP takes one member at a time: build each CSV in memory (about 50 MB for 40,000 fiches), then store.
    buffers = {part: io.StringIO(newline="") for part in files}
    writers = {part: csv.writer(buffers[part], delimiter=";", quoting=csv.QUOTE_ALL) for part in files}
    for part in files:
        writers[part].writerow(headers[part])
    for i in range(fiches):
        rs = i % 5 == 4
        code = f"RS{1000 + i}" if rs else f"RNCP{10000 + i}"
        words = " ".join(rng.sample(_WORDS, 4))
        title = f"Certification synthétique {i} : {words}"
        if revise_every and i % revise_every == 0:
            title += " (révisée)"
        if rs:
            level = ""
        elif rng.random() < 0.05:
            level = rng.choice(_OLD_LEVELS)
        else:
            level = f"NIV{rng.randint(3, 7)}"
        decided = date(2015, 1, 1) + timedelta(days=rng.randint(0, 3650))
        writers["standard"].writerow(
            (
                str(100000 + i),
                code,
                title,
                "TP" if not rs else "",
                "Titre professionnel" if not rs else "",
                level,
                "",
                "Non",
                "Non",
                "",
                decided.strftime("%d/%m/%Y"),
                (decided + timedelta(days=5 * 365)).strftime("%d/%m/%Y"),
                "",
                "Enregistrement sur demande",
                "",
                "ACTIVE" if rng.random() < 0.7 else "INACTIVE",
            )
        )
        for b in range(rng.randint(0 if rs else 2, 5)):
            writers["blocks"].writerow((code, f"{code}BC{b + 1:02d}", f"Bloc synthétique {b + 1} : {words}"))
        for siret, name in rng.sample(certifiers, rng.randint(1, 2)):
            writers["certifiers"].writerow((code, siret, name))
        for rome in rng.sample(rome_codes, rng.randint(0, 4)):
            writers["rome"].writerow((code, rome, f"Métier synthétique {rome}"))
        nsf = f"{rng.randint(100, 345)}"
        writers["nsf"].writerow((code, nsf, f"{nsf} : Domaine synthétique"))
        for route in rng.sample(_ROUTES, rng.randint(1, 3)):
            writers["routes"].writerow((code, route))
        if i >= 10 and i % 10 == 0 and not rs:
            writers["replacements"].writerow((code, f"RNCP{10000 + i - 7}", ""))
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for part, name in files.items():
            archive.writestr(name, buffers[part].getvalue().encode("utf-8"))
    return target
