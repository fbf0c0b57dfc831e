"""ROME v4.60 reference tables and the finder's search documents.

The ROME (France Travail's Répertoire opérationnel des métiers et des emplois) is loaded as it is published by
``acquis reference load``; the finder uses its 13,120 job titles (appellations, with their synonyms) to go
from the words a person uses for their job to a ROME code, then to the certifications linked to that code.
"""

from __future__ import annotations

from django.db import models


class RomeCode(models.Model):
    """A ROME job family ("fiche métier"), e.g. J1501 « Soins d'hygiène, de confort du patient »."""

    code = models.CharField("code ROME", max_length=5, unique=True)
    label = models.TextField("libellé")
    # ROME 4: 1,584 codes grouped under 532 parent codes (a code is its own parent or points to one).
    parent_code = models.CharField("code ROME parent", max_length=5, db_index=True)

    class Meta:
        verbose_name = "code ROME"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.label}"


class RomeJobTitle(models.Model):
    """A ROME job title (appellation): the family's main title or one of its synonyms."""

    code_ogr = models.PositiveIntegerField("code OGR", unique=True)
    label = models.TextField("appellation")
    rome_code = models.CharField("code ROME", max_length=5, db_index=True)
    principal = models.BooleanField("appellation principale", default=False)
    rarely_used = models.BooleanField("peu usitée", default=False)
    # The label's word roots (acquis.orientation.text), computed once at load time.
    roots = models.TextField("racines", blank=True)

    class Meta:
        verbose_name = "appellation ROME"
        verbose_name_plural = "appellations ROME"
        ordering = ["label"]

    def __str__(self) -> str:
        return f"{self.label} ({self.rome_code})"


class FinderDocument(models.Model):
    """What the finder searches for one active certification open to VAE (rebuilt by ``finder_refresh``).

    ``text`` is the fiche's title, abbreviations, skill blocks and ROME labels; ``roots`` their word roots.
    SQLite indexes ``roots`` in an FTS5 table (migration 0002); PostgreSQL indexes both in a generated
    ``tsvector`` column with a GIN index (``french`` with ``unaccent`` for the text, ``simple`` for the roots).
    """

    certification = models.OneToOneField(
        "certifications.Certification", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    level = models.PositiveSmallIntegerField("niveau", null=True, blank=True, db_index=True)
    text = models.TextField("texte")
    roots = models.TextField("racines")
    title_roots = models.TextField("racines de l'intitulé")

    class Meta:
        verbose_name = "document de recherche"

    def __str__(self) -> str:
        return f"document de la certification {self.certification_id}"
