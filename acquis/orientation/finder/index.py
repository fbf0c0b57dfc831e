"""Rebuilding the finder's search documents (one per active certification open to VAE) and the engine index."""

from __future__ import annotations

from collections import defaultdict

from django.db import connection

from acquis.certifications.models import Certification, CertificationRomeCode, SkillBlock
from acquis.orientation.models import FinderDocument
from acquis.orientation.text import roots_text

CHUNK = 500


def eligible_certifications():
    """Active fiches, open to VAE, still in the register's latest export: the only ones the finder offers."""
    return Certification.objects.filter(active=True, vae_accessible=True, absent_since__isnull=True)


def index_rebuild() -> int:
    rows = list(
        eligible_certifications().values_list("pk", "code", "title", "abbreviation", "abbreviated_title", "level")
    )
    ids = [row[0] for row in rows]
    extra: dict[int, list[str]] = defaultdict(list)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        for cert_id, title in SkillBlock.objects.filter(certification_id__in=chunk).values_list(
            "certification_id", "title"
        ):
            extra[cert_id].append(title)
        for cert_id, label in CertificationRomeCode.objects.filter(certification_id__in=chunk).values_list(
            "certification_id", "label"
        ):
            extra[cert_id].append(label)
    documents = []
    for pk, code, title, abbreviation, abbreviated_title, level in rows:
        text = " ".join(filter(None, (code, title, abbreviation, abbreviated_title, *extra[pk])))
        documents.append(
            FinderDocument(
                certification_id=pk, level=level, text=text, roots=roots_text(text), title_roots=roots_text(title)
            )
        )
    FinderDocument.objects.all().delete()
    FinderDocument.objects.bulk_create(documents, batch_size=1000)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO orientation_finder_fts(orientation_finder_fts) VALUES ('rebuild')")
    return len(documents)
