"""The legal corpus in the database: articles, their dated versions, the dated section tree.

The rows are the *merged* history (``acquis.law.history``) of every imported source; ``LawSource``
keeps each source's parsed records so that a later import merges with exactly what was imported
before (re-importing a file replaces its records, and the merge is recomputed).
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

#: LEGI states of replaced versions. LEGI writes the replacement's date as their end even when it
#: came before their start (amended before entry into force: 266 MODIFIE_MORT_NE and one MODIFIE,
#: D2135-9, in the 2026 full snapshot), so only these may have their end before their start.
REPLACED_STATES = ("MODIFIE_MORT_NE", "ANNULE", "MODIFIE")


def _dates_in_order(prefix: str, *, allow_states: bool = False) -> models.CheckConstraint:
    condition = Q(valid_from__isnull=True) | Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from"))
    if allow_states:
        condition |= Q(state__in=REPLACED_STATES)
    return models.CheckConstraint(condition=condition, name=f"{prefix}_dates_in_order")


class LawSource(models.Model):
    """One imported input (a snapshot, a reconstruction, an article file) and its parsed records."""

    key = models.CharField("source", max_length=255, unique=True)
    file_name = models.CharField("fichier", max_length=255)
    format = models.CharField("format", max_length=32)
    observed_on = models.DateField("observé le", null=True, blank=True)
    content_hash = models.CharField("empreinte", max_length=64)
    records = models.JSONField("enregistrements", default=dict)
    imported_at = models.DateTimeField("importé le", auto_now_add=True)

    class Meta:
        verbose_name = "source juridique"
        ordering = ["key"]

    def __str__(self) -> str:
        return self.key


class Article(models.Model):
    code = models.CharField("code (LEGITEXT)", max_length=32)
    # 64: an annex is keyed "Annexe II (LEGIARTI000038137266)" (parsing.records.article_key_number).
    number = models.CharField("numéro", max_length=64)
    cid = models.CharField("identifiant commun (LEGI cid)", max_length=32, blank=True)

    class Meta:
        verbose_name = "article"
        ordering = ["code", "number"]
        constraints = [models.UniqueConstraint(fields=["code", "number"], name="law_article_code_number_unique")]

    def __str__(self) -> str:
        return f"Article {self.number}"


class ArticleVersion(models.Model):
    """A version of an article; ``legiarti_id`` is empty only for texts known from a reconstruction."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="versions")
    legiarti_id = models.CharField("identifiant LEGIARTI", max_length=32, unique=True, null=True, blank=True)
    article_cid = models.CharField("identifiant commun", max_length=32, blank=True)
    state = models.CharField("état", max_length=32, blank=True)
    valid_from = models.DateField("en vigueur du", null=True, blank=True)
    valid_until = models.DateField("en vigueur jusqu'au (exclu)", null=True, blank=True)
    known_in_force_on = models.DateField("attesté en vigueur le", null=True, blank=True)
    # NULL means "not known" (legi-data carries only the in-force text), unlike an empty text.
    text = models.TextField("texte", null=True, blank=True)  # noqa: DJ001
    html = models.TextField("texte HTML", null=True, blank=True)  # noqa: DJ001
    nota = models.TextField("nota", null=True, blank=True)  # noqa: DJ001
    text_hash = models.CharField("empreinte du texte", max_length=64, blank=True)
    sources = models.JSONField("sources", default=list)
    observed_on = models.DateField("dernière observation", null=True, blank=True)
    number_certain = models.BooleanField("numéro attesté", default=True)

    class Meta:
        verbose_name = "version d'article"
        ordering = ["article", "valid_from"]
        indexes = [models.Index(fields=["article", "valid_from"])]
        constraints = [_dates_in_order("law_articleversion", allow_states=True)]

    def __str__(self) -> str:
        return f"{self.article.number} ({self.legiarti_id or 'sans identifiant'})"


class Section(models.Model):
    """A node of the table of contents; the primary key is its LEGISCTA id (stable across snapshots)."""

    legi_id = models.CharField("identifiant LEGISCTA", max_length=32, primary_key=True)
    code = models.CharField("code (LEGITEXT)", max_length=32)
    cid = models.CharField("identifiant commun", max_length=32, blank=True)
    title = models.TextField("titre")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="children")
    valid_from = models.DateField("en vigueur du", null=True, blank=True)
    valid_until = models.DateField("en vigueur jusqu'au (exclu)", null=True, blank=True)
    order = models.BigIntegerField("rang", null=True, blank=True)
    source = models.CharField("source", max_length=255)
    observed_on = models.DateField("observée le", null=True, blank=True)

    class Meta:
        verbose_name = "section"
        ordering = ["order", "legi_id"]
        constraints = [_dates_in_order("law_section")]

    def __str__(self) -> str:
        return self.title


class SectionMembership(models.Model):
    """An article placed in a section over a dated interval, as one source saw it."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="memberships")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="memberships")
    article_cid = models.CharField("identifiant commun", max_length=32, blank=True)
    valid_from = models.DateField("du", null=True, blank=True)
    valid_until = models.DateField("jusqu'au (exclu)", null=True, blank=True)
    order = models.BigIntegerField("rang", null=True, blank=True)
    source = models.CharField("source", max_length=255)
    observed_on = models.DateField("observée le", null=True, blank=True)

    class Meta:
        verbose_name = "place d'un article"
        indexes = [models.Index(fields=["section", "valid_from"])]
        constraints = [_dates_in_order("law_sectionmembership")]

    def __str__(self) -> str:
        return f"{self.article_id} → {self.section_id}"
