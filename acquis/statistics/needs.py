"""The GIP's table of qualification needs by territory (L6411-2: promote VAE « en tenant compte des besoins en
qualifications selon les territoires»).

Format (UTF-8 CSV, comma-separated, header required, one need per line; docs/statistics.md):

    departement_code,code_nsf,intitule,besoin

``departement_code``: INSEE code of a département known to Acquis (« 2A », « 974 »…); ``code_nsf``: the domain
(NSF code, as on the certifications' fiches, e.g. « 331 »); ``intitule``: the job family in words; ``besoin``: a
whole number ≥ 0 (e.g. projected recruitments in tension). The dashboards set each line against the pathways
registered in that département in that domain.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from django.core.exceptions import ValidationError

from acquis.territories.models import Department

COLUMNS = ("departement_code", "code_nsf", "intitule", "besoin")
FILE = "needs.json"
MAX_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class Need:
    department: str
    nsf: str
    label: str
    need: int


def parse(content: bytes) -> list[Need]:
    if len(content) > MAX_BYTES:
        raise ValidationError("Le fichier dépasse 2 Mo.", code="file_too_large")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError("Le fichier n'est pas encodé en UTF-8.", code="not_utf8") from error
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise ValidationError(
            f"Colonnes attendues : {', '.join(COLUMNS)} ; lues : {', '.join(reader.fieldnames or ())}.",
            code="bad_columns",
        )
    known = set(Department.objects.values_list("code", flat=True))
    needs = []
    for line, row in enumerate(reader, start=2):
        code, nsf, label, value = (row[c].strip() if row[c] else "" for c in COLUMNS)
        if code not in known:
            raise ValidationError(f"Ligne {line} : département inconnu « {code} ».", code="unknown_department")
        if not nsf.isalnum() or len(nsf) > 16:
            raise ValidationError(f"Ligne {line} : code NSF invalide « {nsf} ».", code="bad_nsf")
        if not label:
            raise ValidationError(f"Ligne {line} : intitulé vide.", code="label_required")
        if not value.isdigit():
            raise ValidationError(f"Ligne {line} : le besoin doit être un nombre entier positif.", code="bad_need")
        needs.append(Need(code, nsf, label[:200], int(value)))
    if not needs:
        raise ValidationError("Le fichier ne contient aucune ligne.", code="empty")
    return needs


def store(needs: list[Need], root: Path) -> int:
    root.mkdir(parents=True, exist_ok=True)
    tmp = root / f".{FILE}.tmp"
    tmp.write_text(json.dumps([asdict(n) for n in needs], ensure_ascii=False), encoding="utf-8")
    tmp.replace(root / FILE)
    return len(needs)


def load(root: Path) -> list[Need]:
    path = root / FILE
    if not path.exists():
        return []
    return [Need(**item) for item in json.loads(path.read_text(encoding="utf-8"))]
