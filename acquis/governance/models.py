"""Certification governance: the commissions professionnelles consultatives (CPC) with their members,
composition checks, secretariat (meetings, biennial programme, branch proposals) and opinions; and the
members of the GIP running the VAE public service (L6411-2).

Deadlines and legal checks are not stored as facts: they are decided by the cpc.* and gip.* rules at read
time, except the Decisions that justified a write (composition change, GIP membership), kept unchanged.
"""

from __future__ import annotations

from django.db import models

from acquis.accounts.models import Organisation, User
from acquis.certifications.models import Certification
from acquis.documents.text import french_date
from acquis.governance.enums import (
    College,
    CompositionChangeKind,
    GipOrganisationKind,
    MinisterDecision,
    Ministry,
    OpinionKind,
    OpinionOutcome,
    OpinionSubject,
    PresidencyCollege,
    Sex,
)


class Commission(models.Model):
    """A CPC, instituted by decree next to one or more certifying ministers (R6113-21)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="commissions", verbose_name="secrétariat"
    )
    name = models.CharField("nom", max_length=255)
    ministries = models.CharField("ministres auprès desquels elle est instituée", max_length=500)
    field = models.CharField("champ professionnel", max_length=500)
    term_start = models.DateField("début du mandat des membres")
    term_years = models.PositiveSmallIntegerField("durée du mandat (années)")
    first_presidency = models.CharField(
        "présidence de la première moitié du mandat", max_length=16, choices=PresidencyCollege.choices
    )
    internal_rules = models.TextField("règlement intérieur", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "commission professionnelle consultative"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Member(models.Model):
    commission = models.ForeignKey(Commission, on_delete=models.CASCADE, related_name="members")
    college = models.CharField("collège", max_length=32, choices=College.choices)
    name = models.CharField("nom", max_length=255)
    organisation = models.CharField("organisation représentée", max_length=255, blank=True)
    ministry = models.CharField("ministre qui le désigne", max_length=32, choices=Ministry.choices, blank=True)
    sex = models.CharField("sexe", max_length=8, choices=Sex.choices)
    substitute_name = models.CharField("suppléant", max_length=255, blank=True)
    substitute_sex = models.CharField("sexe du suppléant", max_length=8, choices=Sex.choices, blank=True)
    appointed_on = models.DateField("nommé le")
    term_years = models.PositiveSmallIntegerField("durée du mandat (années)", null=True, blank=True)
    ended_on = models.DateField("fin de fonctions", null=True, blank=True)
    replaced_by = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replaces", verbose_name="remplacé par"
    )

    class Meta:
        verbose_name = "membre"
        ordering = ["commission", "college", "organisation", "name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(college="state") | ~models.Q(ministry=""), name="state_member_has_ministry"
            )
        ]

    def __str__(self) -> str:
        return self.name


class CompositionChange(models.Model):
    """A change of composition and the cpc.composition_check Decision made on it (JSON, unchanged)."""

    commission = models.ForeignKey(Commission, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=32, choices=CompositionChangeKind.choices)
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="changes")
    appointed_on = models.DateField("date de nomination (date qui régit la vérification)")
    facts = models.JSONField()
    decision = models.JSONField(null=True, blank=True)
    error_code = models.CharField(max_length=64, blank=True)
    error_message = models.TextField(blank=True)
    actor = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.member} ({self.appointed_on})"


class Meeting(models.Model):
    commission = models.ForeignKey(Commission, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField("date de la séance")
    convened_on = models.DateField("convocation envoyée le")
    agenda = models.TextField("ordre du jour")
    minutes = models.TextField("procès-verbal", blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"Séance du {french_date(self.held_on)}"


class Programme(models.Model):
    """The biennial programme (R6113-24, then R6113-24-1), for a (first) year."""

    commission = models.ForeignKey(Commission, on_delete=models.CASCADE, related_name="programmes")
    year = models.PositiveSmallIntegerField("année")
    adopted_on = models.DateField("arrêté ou présenté le")
    published_on = models.DateField("publié le", null=True, blank=True)
    content = models.TextField("projets inscrits")

    class Meta:
        ordering = ["-year", "-id"]
        constraints = [models.UniqueConstraint(fields=["commission", "year"], name="one_programme_per_year")]

    def __str__(self) -> str:
        return f"Programme biennal {self.year}"


class BranchProposal(models.Model):
    """A proposal of a branch's CPNE to create all or part of a diploma or title (R6113-24, R6113-24-2)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="proposals")
    branch_commission = models.CharField("CPNE de branche", max_length=255)
    title = models.CharField("projet proposé", max_length=500)
    notified_on = models.DateField("secrétariat informé le", null=True, blank=True)
    submitted_on = models.DateField("proposition transmise le")
    minister_decision = models.CharField(
        "décision du ministre", max_length=32, choices=MinisterDecision.choices, default=MinisterDecision.PENDING
    )
    decision_reasons = models.TextField("raisons de la décision", blank=True)

    class Meta:
        ordering = ["submitted_on", "id"]

    def __str__(self) -> str:
        return self.title


class Opinion(models.Model):
    """The commission's opinion on creating, revising or removing a diploma or title (L6113-3, R6113-21)."""

    commission = models.ForeignKey(Commission, on_delete=models.CASCADE, related_name="opinions")
    subject = models.CharField("objet", max_length=16, choices=OpinionSubject.choices)
    kind = models.CharField("nature de l'avis", max_length=16, choices=OpinionKind.choices)
    required_for_profession = models.BooleanField("diplôme requis pour exercer une profession", default=False)
    certification = models.ForeignKey(
        Certification, null=True, blank=True, on_delete=models.SET_NULL, related_name="cpc_opinions"
    )
    rncp_code = models.CharField("numéro de fiche", max_length=16, blank=True)
    certification_title = models.CharField("intitulé du diplôme ou titre", max_length=500)
    outcome = models.CharField("sens de l'avis", max_length=16, choices=OpinionOutcome.choices)
    given_on = models.DateField("rendu le")

    class Meta:
        ordering = ["-given_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.certification_title}"


class GipMember(models.Model):
    """A member of the GIP of the VAE public service: by right (L6411-2) or adhering."""

    name = models.CharField("nom", max_length=255)
    kind = models.CharField("nature", max_length=32, choices=GipOrganisationKind.choices)
    joined_on = models.DateField("membre depuis le")
    by_right = models.BooleanField("membre de droit")
    decision = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "membre du GIP"
        ordering = ["-by_right", "name"]

    def __str__(self) -> str:
        return self.name
