"""The national register of professional certifications (RNCP), as France Compétences publishes it.

The registry import (issue 4) fills these tables; the leave requests (issue 5) and the candidacies (issue 6)
point at a certification when the person's target is in the register, and keep a free text otherwise.
"""

from __future__ import annotations

from django.db import models


class Certification(models.Model):
    """One RNCP or RS fiche (Numero_Fiche: "RNCP12345" or "RS1234")."""

    code = models.CharField("numéro de fiche", max_length=16, unique=True)
    title = models.CharField("intitulé", max_length=500)
    # The 8-level national framework (décret 2019-14); null for RS fiches, which have no level.
    level = models.PositiveSmallIntegerField("niveau", null=True, blank=True)
    active = models.BooleanField("active", default=True)
    registration_end = models.DateField("fin d'enregistrement", null=True, blank=True)
    vae_accessible = models.BooleanField("accessible par la VAE", default=False)

    class Meta:
        verbose_name = "certification"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"


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
