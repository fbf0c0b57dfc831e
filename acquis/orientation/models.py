"""ROME v4.60 reference tables and the finder's search documents.

The ROME (France Travail's Répertoire opérationnel des métiers et des emplois) is loaded as it is published by
``acquis reference load``; the finder uses its 13,120 job titles (appellations, with their synonyms) to go
from the words a person uses for their job to a ROME code, then to the certifications linked to that code.

Where a person gets advice on a VAE project (R6411-1, L6111-6) and what an accompanier must tell them
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


class RomeSkill(models.Model):
    """A ROME skill: a « compétence » (savoir-faire, savoir-être professionnel) or the « macro-compétence »
    grouping several. The ROME v4.60 export Acquis ships has no file linking skills to job families, so none
    is stored: the finder compares the skills' words with the person's and the certification's."""

    code_ogr = models.PositiveIntegerField("code OGR", unique=True)
    label = models.TextField("libellé")
    macro = models.BooleanField("macro-compétence", default=False)
    macro_code_ogr = models.PositiveIntegerField("code OGR de la macro-compétence", null=True, blank=True)
    category = models.CharField("catégorie", max_length=64)
    subcategory = models.CharField("sous-catégorie", max_length=64, blank=True)
    roots = models.TextField("racines", blank=True)

    class Meta:
        verbose_name = "compétence ROME"
        verbose_name_plural = "compétences ROME"
        ordering = ["label"]

    def __str__(self) -> str:
        return self.label


class RomeKnowledge(models.Model):
    """A ROME « savoir » (knowledge): a field of expertise, a technique, a standard, a habilitation, a tool."""

    code_ogr = models.PositiveIntegerField("code OGR", unique=True)
    label = models.TextField("libellé")
    category = models.CharField("catégorie", max_length=64)
    subcategory = models.CharField("sous-catégorie", max_length=128, blank=True)
    roots = models.TextField("racines", blank=True)

    class Meta:
        verbose_name = "savoir ROME"
        verbose_name_plural = "savoirs ROME"
        ordering = ["label"]

    def __str__(self) -> str:
        return self.label


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
