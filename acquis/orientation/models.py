"""Where a person gets advice on a VAE project (R6411-1, L6111-6) and what an accompanier must tell them
before they choose it (R6423-4).

``AdviceOperator`` is one place in the directory: a CEP operator, a VAE advice centre, or an accompanier
on the GIP's list (then linked to its Organisation). ``AccompanierProfile`` holds the R6423-4 information
an accompanier organisation writes about itself; its Qualiopi certificate and expiry are not copied here:
they are the GIP list's (acquis.pathways.AccompanierListing), read when shown.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from acquis.orientation.enums import OperatorKind, Reception


class AdviceOperator(models.Model):
    name = models.CharField("nom", max_length=255)
    kind = models.CharField("nature", max_length=16, choices=OperatorKind.choices)
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="advice_sites"
    )
    region = models.ForeignKey("territories.Region", on_delete=models.PROTECT, related_name="+")
    # Empty: the operator serves the whole region.
    department = models.ForeignKey(
        "territories.Department", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    address = models.CharField("adresse", max_length=255, blank=True)
    postcode = models.CharField("code postal", max_length=5, blank=True)
    city = models.CharField("commune", max_length=120, blank=True)
    phone = models.CharField("téléphone", max_length=32, blank=True)
    email = models.EmailField("adresse électronique", blank=True)
    website = models.URLField("site internet", blank=True)
    reception = models.CharField("accueil", max_length=8, choices=Reception.choices)
    # Demonstration rows are shown with a badge so that nobody calls a fictitious number.
    is_demo = models.BooleanField("donnée de démonstration", default=False)

    class Meta:
        verbose_name = "lieu de conseil"
        verbose_name_plural = "lieux de conseil"
        ordering = ["region__code", "department__code", "kind", "name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=OperatorKind.ACCOMPANIER, organisation__isnull=False)
                | ~Q(kind=OperatorKind.ACCOMPANIER),
                name="accompanier_site_has_organisation",
            ),
        ]
        indexes = [models.Index(fields=["region", "department", "kind"])]

    def __str__(self) -> str:
        return self.name


class AccompanierProfile(models.Model):
    """R6423-4: reception conditions, methods, the accompaniers' training and qualification."""

    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="accompanier_profile"
    )
    reception_conditions = models.TextField("conditions d'accueil", blank=True)
    methods = models.TextField("modalités de l'accompagnement", blank=True)
    staff_qualification = models.TextField("formation et qualification des accompagnateurs", blank=True)
    updated_at = models.DateTimeField("mis à jour le", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "information de l'accompagnateur (R6423-4)"
        verbose_name_plural = "informations des accompagnateurs (R6423-4)"

    def __str__(self) -> str:
        return f"R6423-4 — {self.organisation.name}"

    @property
    def is_complete(self) -> bool:
        return bool(self.reception_conditions and self.methods and self.staff_qualification)
