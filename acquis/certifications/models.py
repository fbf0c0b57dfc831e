"""The national register of professional certifications (RNCP), as France Compétences publishes it.

The registry import (issue 4) fills these tables; the leave requests (issue 5) and the candidacies (issue 6)
point at a certification when the person's target is in the register, and keep a free text otherwise.
"""

from __future__ import annotations

from django.db import models

from acquis.certifications.enums import RomeLinkSource
from acquis.certifications.export import RegistryKind, registry_kind


class Certification(models.Model):
    """One RNCP or RS fiche (Numero_Fiche: "RNCP12345" or "RS1234")."""

    code = models.CharField("numéro de fiche", max_length=16, unique=True)
    title = models.CharField("intitulé", max_length=500)
    # The 8-level national framework (décret 2019-14); null for RS fiches, which have no level.
    level = models.PositiveSmallIntegerField("niveau", null=True, blank=True)
    active = models.BooleanField("active", default=True)
    registration_end = models.DateField("fin d'enregistrement", null=True, blank=True)
    vae_accessible = models.BooleanField("accessible par la VAE", default=False)
    # The rest of the export's Standard file (issue 4); text columns are kept as published.
    fiche_id = models.CharField("identifiant de fiche (Id_Fiche)", max_length=32, blank=True)
    abbreviation = models.TextField("abrégé (Abrege_Libelle)", blank=True)
    abbreviated_title = models.TextField("intitulé de l'abrégé (Abrege_Intitule)", blank=True)
    level_raw = models.TextField("niveau tel que publié (Nomenclature_Europe_Niveau)", blank=True)
    registration_type = models.TextField("type d'enregistrement", blank=True)
    partial_validation = models.TextField("validation partielle", blank=True)
    last_official_journal_on = models.DateField("date du dernier Journal officiel", null=True, blank=True)
    decision_on = models.DateField("date de décision", null=True, blank=True)
    effective_on = models.DateField("date d'effet", null=True, blank=True)
    access_routes = models.JSONField("voies d'accès (Si_Jury)", default=list, blank=True)
    # Title, code and abbreviations without accents or case, so that both databases search alike.
    search_text = models.TextField("texte de recherche", blank=True, editable=False)
    # Fingerprint of the imported record: a re-import compares it and rewrites nothing when it is equal.
    content_hash = models.CharField("empreinte du contenu importé", max_length=40, blank=True, editable=False)
    # A fiche missing from a complete export is kept (history, references) and flagged from that export's date.
    absent_since = models.DateField("absente de l'export depuis", null=True, blank=True)

    class Meta:
        verbose_name = "certification"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"

    @property
    def registry(self) -> RegistryKind:
        return registry_kind(self.code)


class CertificationCertifier(models.Model):
    """A certifier of a fiche (Certificateurs: Siret_Certificateur, Nom_Certificateur)."""

    certification = models.ForeignKey(Certification, on_delete=models.CASCADE, related_name="certifiers")
    position = models.PositiveSmallIntegerField("rang")
    siret = models.CharField("SIRET", max_length=14, blank=True, db_index=True)
    name = models.TextField("nom")

    class Meta:
        verbose_name = "certificateur d'une fiche"
        ordering = ["certification", "position"]

    def __str__(self) -> str:
        return self.name


class CertificationRomeCode(models.Model):
    """A ROME job code a fiche leads to (Rome: Codes_Rome_Code, Codes_Rome_Libelle).

    ``source`` keeps the register's own links apart from the candidates Acquis computes from the texts of a
    fiche that has none (acquis.orientation.links): the import rewrites only the first, the computation
    only the second, and every page says which is which.
    """

    certification = models.ForeignKey(Certification, on_delete=models.CASCADE, related_name="rome_codes")
    position = models.PositiveSmallIntegerField("rang")
    code = models.CharField("code ROME", max_length=5, db_index=True)
    label = models.TextField("libellé", blank=True)
    # db_default: the import writes rows with raw INSERT/COPY (acquis.certifications.loading) without it.
    source = models.CharField(
        "origine du lien",
        max_length=8,
        choices=RomeLinkSource.choices,
        default=RomeLinkSource.REGISTRY,
        db_default=RomeLinkSource.REGISTRY,
    )

    class Meta:
        verbose_name = "code ROME d'une fiche"
        ordering = ["certification", "position"]

    def __str__(self) -> str:
        return f"{self.code} — {self.label}"


class CertificationNsfCode(models.Model):
    """A training domain of a fiche (Nsf: Nsf_Code, Nsf_Intitule)."""

    certification = models.ForeignKey(Certification, on_delete=models.CASCADE, related_name="nsf_codes")
    position = models.PositiveSmallIntegerField("rang")
    code = models.CharField("code NSF", max_length=16)
    label = models.TextField("intitulé", blank=True)

    class Meta:
        verbose_name = "code NSF d'une fiche"
        ordering = ["certification", "position"]

    def __str__(self) -> str:
        return f"{self.code} — {self.label}"


class CertificationReplacement(models.Model):
    """One fiche replaced by another (Ancienne_Nouvelle_Certification), by code.

    Codes rather than foreign keys: the export may name a fiche it does not contain (an old number), and
    the link must survive until that fiche is imported. Links are added, never removed (history).
    """

    previous_code = models.CharField("fiche remplacée", max_length=16, db_index=True)
    next_code = models.CharField("fiche qui la remplace", max_length=16, db_index=True)

    class Meta:
        verbose_name = "remplacement de fiche"
        verbose_name_plural = "remplacements de fiches"
        ordering = ["previous_code", "next_code"]
        constraints = [models.UniqueConstraint(fields=["previous_code", "next_code"], name="unique_replacement")]

    def __str__(self) -> str:
        return f"{self.previous_code} → {self.next_code}"


class SkillBlock(models.Model):
    """A bloc de compétences of a certification (Bloc_Competences_Code, e.g. "RNCP12345BC01")."""

    certification = models.ForeignKey(Certification, on_delete=models.CASCADE, related_name="blocks")
    code = models.CharField("code", max_length=24)
    title = models.CharField("intitulé", max_length=1000)

    class Meta:
        verbose_name = "bloc de compétences"
        verbose_name_plural = "blocs de compétences"
        ordering = ["certification", "code"]
        constraints = [
            models.UniqueConstraint(fields=["certification", "code"], name="unique_block_per_certification")
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"
