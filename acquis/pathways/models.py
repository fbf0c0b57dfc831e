"""The VAE pathway: candidacy, accompaniment, admissibility file (dossier de faisabilité), validation file, jury.

No legal status is stored. The admissibility status (pending, admissible, deemed admissible…), caducity
and every deadline are computed by the selectors with the admissibility.* and jury.* rules from the dates
kept here and the day asked about. The Decisions the law fixes at an event (quota at filing, jury latest
date and composition at scheduling, notification due at the result) are kept unchanged as JSON.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from acquis.audit.transitions import TransitionEntry
from acquis.documents.text import french_date, french_day_and_time
from acquis.documents.uploads import StoredDocument, stored_name
from acquis.pathways.enums import (
    AccompanimentMode,
    AdmissibilityKind,
    AttestationKind,
    Closure,
    EmploymentStatus,
    FeasibilityAttachmentKind,
    Opinion,
    ProgrammeFunder,
    ProgrammeKind,
    ResultKind,
    Sex,
    Stage,
)

USER = settings.AUTH_USER_MODEL


class AccompanierListing(models.Model):
    """An organisation on the list of accompaniers the GIP keeps (R6412-2: Qualiopi-certified, L6316-1)."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="listings")
    qualiopi_number = models.CharField("numéro du certificat Qualiopi", max_length=64)
    qualiopi_expires_on = models.DateField("fin de validité du certificat Qualiopi")
    listed_on = models.DateField("inscrit sur la liste le")
    listed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    removed_on = models.DateField("retiré de la liste le", null=True, blank=True)
    removal_reason = models.TextField("motif du retrait", blank=True)
    removed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "accompagnateur référencé"
        verbose_name_plural = "accompagnateurs référencés"
        ordering = ["organisation__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"], condition=Q(removed_on__isnull=True), name="one_current_listing"
            ),
            models.CheckConstraint(
                condition=Q(removed_on__isnull=True) | ~Q(removal_reason=""), name="listing_removal_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation.name} (Qualiopi {self.qualiopi_number})"


class CollectiveProgramme(models.Model):
    """A collective programme: State or region with branches (R6423-3-1, 2019-2023) or a sponsored cohort."""

    name = models.CharField("nom", max_length=255)
    kind = models.CharField("nature", max_length=24, choices=ProgrammeKind.choices)
    # The collective_support_funder fact of support.admissibility_filing_assistance (public programmes only).
    funder = models.CharField("financé par", max_length=8, choices=ProgrammeFunder.choices, blank=True)
    branches = models.TextField("branches professionnelles associées", blank=True)
    sponsor = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    enrolment_code = models.CharField("code d'inscription", max_length=32, unique=True)
    starts_on = models.DateField("début")
    ends_on = models.DateField("fin", null=True, blank=True)
    certifications = models.ManyToManyField("certifications.Certification", blank=True, related_name="+")
    accompanier = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "accompagnement collectif"
        ordering = ["-starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="sponsored_cohort", sponsor__isnull=False)
                | (Q(kind="public_collective") & ~Q(funder="")),
                name="programme_funder_or_sponsor",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")), name="programme_dates_in_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.enrolment_code})"


class Candidacy(models.Model):
    """One person's VAE pathway towards one certification (or some of its skill blocks)."""

    # Null once the personal data are anonymised (R6411-6): the row stays for accounting and statistics.
    candidate = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="candidacies", verbose_name="candidat"
    )
    registered_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    certification = models.ForeignKey(
        "certifications.Certification", on_delete=models.PROTECT, related_name="candidacies"
    )
    blocks = models.ManyToManyField("certifications.SkillBlock", blank=True, related_name="candidacies")
    # The certifier the files are addressed to; null: the certification's certifier(s), by SIRET.
    certifier = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="certified_candidacies"
    )
    department = models.ForeignKey("territories.Department", on_delete=models.PROTECT, related_name="+")
    qualification_level = models.PositiveSmallIntegerField("plus haut niveau de qualification")
    started_on = models.DateField("début du parcours")
    registered_on = models.DateField("inscrite le")
    accompaniment_mode = models.CharField("accompagnement", max_length=16, choices=AccompanimentMode.choices)
    accompanier = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accompanied_candidacies",
    )
    job_threatened = models.BooleanField("emploi menacé", default=False)
    programme = models.ForeignKey(
        CollectiveProgramme, null=True, blank=True, on_delete=models.PROTECT, related_name="candidacies"
    )
    enrolled_on = models.DateField("inscrite à l'accompagnement collectif le", null=True, blank=True)
    # support.admissibility_filing_assistance at enrolment (JSON unchanged), or the rule's error code.
    filing_assistance_decision = models.JSONField("décision : aide au dépôt", null=True, blank=True)
    filing_assistance_error = models.CharField(max_length=32, blank=True)

    # The accompanier's opinion on the adequacy of the experience to the target (R6412-2).
    accompanier_opinion = models.CharField(
        "avis de l'accompagnateur", max_length=16, choices=Opinion.choices, blank=True
    )
    accompanier_opinion_text = models.TextField("motivation de l'avis", blank=True)
    accompanier_opinion_on = models.DateField(null=True, blank=True)

    stage = models.CharField("étape", max_length=24, choices=Stage.choices, default=Stage.REGISTERED)
    closure = models.CharField("clôture", max_length=16, choices=Closure.choices, default=Closure.OPEN, blank=True)
    closure_reason = models.CharField("motif", max_length=32, blank=True)
    closure_note = models.TextField("précisions", blank=True)
    closed_on = models.DateField("clôturée le", null=True, blank=True)
    reoriented_to = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reoriented_from"
    )
    # Kept by the step and validation-file services so lists read caducity facts without a join.
    first_step_on = models.DateField("première démarche enregistrée après la recevabilité", null=True, blank=True)
    legitimate_reason = models.TextField("motif légitime (caducité)", blank=True)
    legitimate_reason_on = models.DateField(null=True, blank=True)
    # The admissibility file's dates and decision, written by its services here too so that worklists over
    # hundreds of thousands of candidacies read one table (the file keeps them as filed and decided).
    pieces_requested_on = models.DateField(null=True, blank=True)
    file_complete_on = models.DateField(null=True, blank=True)
    admissibility_kind = models.CharField(max_length=16, choices=AdmissibilityKind.choices, blank=True)
    admissibility_decided_on = models.DateField(null=True, blank=True)
    # Deadlines the rules give at the events that fix them, stored here only, so that worklists count by
    # status in SQL (status_table.py): the last day of the certifier's delay (admissibility.decision_due, at
    # receipt), the first day of caducity (admissibility.lapse_date of the notification: the decision, or
    # the GIP's notice the day after the delay) and the jury's latest day (below). Null when the rule has no
    # version for the pathway (earlier procedure). ``deadlines_ruleset`` is the hash of the ruleset that gave
    # them: after a correction of the rules, the candidacies to recompute are a query on it (deadlines.py).
    decision_due_on = models.DateField("fin du délai de décision", null=True, blank=True)
    lapse_on = models.DateField("caducité sans démarche à partir du", null=True, blank=True)
    deadlines_ruleset = models.CharField("jeu de règles des échéances", max_length=80, blank=True)
    # The current validation file, jury and result, kept by their services (lists need no join).
    validation_filed_on = models.DateField(null=True, blank=True)
    latest_jury_on = models.DateField("jury au plus tard le (jury.latest_date)", null=True, blank=True)
    jury_on = models.DateField(null=True, blank=True)
    result_kind = models.CharField(max_length=8, choices=ResultKind.choices, blank=True)
    result_withdrawn_on = models.DateField(null=True, blank=True)
    # The day the pathway ended (result, drop-out, archive, reorientation): data.retention_until's anchor.
    ended_on = models.DateField("fin du parcours", null=True, blank=True)
    litigation_pending = models.BooleanField("contentieux en cours", default=False)
    anonymised_on = models.DateField("données personnelles anonymisées le", null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "candidature"
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["certifier", "-updated_at", "-id"], name="candidacy_certifier_recent"),
            # Covers what worklist counts read, so that PostgreSQL counts a certifier's files from the index
            # alone (include is PostgreSQL-only; elsewhere this is a plain index on the three fields).
            models.Index(
                fields=["certifier", "closure", "stage"],
                include=[
                    "certification",
                    "anonymised_on",
                    "admissibility_kind",
                    "result_kind",
                    "result_withdrawn_on",
                    "file_complete_on",
                    "pieces_requested_on",
                    "admissibility_decided_on",
                    "decision_due_on",
                    "lapse_on",
                    "first_step_on",
                    "legitimate_reason_on",
                    "latest_jury_on",
                    "jury_on",
                ],
                name="candidacy_certifier_counts",
            ),
            models.Index(fields=["accompanier", "-updated_at", "-id"], name="candidacy_accompanier_recent"),
            models.Index(fields=["certification", "-updated_at", "-id"], name="candidacy_cert_recent"),
            models.Index(fields=["candidate", "registered_on"], name="candidacy_candidate"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(qualification_level__gte=1, qualification_level__lte=8), name="candidacy_level_1_to_8"
            ),
            models.CheckConstraint(
                condition=Q(accompaniment_mode="autonomous", accompanier__isnull=True)
                | Q(accompaniment_mode="accompanied"),
                name="candidacy_autonomous_without_accompanier",
            ),
            models.CheckConstraint(
                condition=Q(closure="") | Q(closed_on__isnull=False), name="candidacy_closure_dated"
            ),
        ]

    def __str__(self) -> str:
        return f"Candidature n° {self.pk}"

    @property
    def is_block_pathway(self) -> bool:
        return self.blocks.exists()


class Experience(models.Model):
    candidacy = models.ForeignKey(Candidacy, on_delete=models.CASCADE, related_name="experiences")
    title = models.CharField("intitulé", max_length=255)
    started_on = models.DateField("début")
    ended_on = models.DateField("fin", null=True, blank=True)
    hours = models.PositiveIntegerField("durée (heures)")
    employment_status = models.CharField("statut", max_length=16, choices=EmploymentStatus.choices)

    class Meta:
        verbose_name = "expérience"
        ordering = ["started_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")), name="experience_dates_in_order"
            ),
            models.CheckConstraint(condition=Q(hours__gt=0), name="experience_hours_positive"),
        ]

    def __str__(self) -> str:
        return self.title


class Training(models.Model):
    candidacy = models.ForeignKey(Candidacy, on_delete=models.CASCADE, related_name="trainings")
    title = models.CharField("intitulé", max_length=255)
    completed_on = models.DateField("achevée le", null=True, blank=True)
    hours = models.PositiveIntegerField("durée (heures)", null=True, blank=True)

    class Meta:
        verbose_name = "formation"
        ordering = ["completed_on", "id"]

    def __str__(self) -> str:
        return self.title


class FeasibilityFile(models.Model):
    """The dossier de faisabilité (R6412-3, R6412-4): one per candidacy; a new attempt is a reorientation."""

    candidacy = models.OneToOneField(Candidacy, on_delete=models.PROTECT, related_name="feasibility")
    # The structured content as filed (certification, blocks, candidate, experiences, trainings, opinion).
    content = models.JSONField("contenu déposé")
    is_block = models.BooleanField("porte sur des blocs de compétences")
    filed_on = models.DateField("déposé le")
    filed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    quota_decision = models.JSONField("décision : limite annuelle des dossiers (R6412-3)", null=True, blank=True)
    # The latest request for missing pieces not yet answered (history in FeasibilityPiecesRequest).
    pieces_requested_on = models.DateField("pièces demandées le", null=True, blank=True)
    # The « date certaine » of the complete file: file_complete_on of the admissibility.* rules.
    complete_on = models.DateField("dossier complet reçu le", null=True, blank=True)
    acknowledged_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decision_kind = models.CharField("décision", max_length=16, choices=AdmissibilityKind.choices, blank=True)
    decided_on = models.DateField("décision notifiée le", null=True, blank=True)
    gaps = models.TextField("écarts avec le référentiel", blank=True)
    recommendations = models.TextField("préconisations", blank=True)
    decided_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "dossier de faisabilité"
        verbose_name_plural = "dossiers de faisabilité"
        constraints = [
            models.CheckConstraint(
                condition=Q(decision_kind="") | Q(decided_on__isnull=False, complete_on__isnull=False),
                name="feasibility_decision_after_complete",
            ),
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True) | Q(decided_on__gte=F("complete_on")),
                name="feasibility_decided_after_receipt",
            ),
        ]

    def __str__(self) -> str:
        return f"Dossier de faisabilité de la candidature n° {self.candidacy_id}"

    def decision_fact(self) -> dict | None:
        """The ``decision`` fact of admissibility.status."""
        if not self.decision_kind:
            return None
        return {"date": self.decided_on, "kind": self.decision_kind}


class FeasibilityPiecesRequest(models.Model):
    file = models.ForeignKey(FeasibilityFile, on_delete=models.CASCADE, related_name="pieces_requests")
    requested_on = models.DateField("demandées le")
    pieces = models.TextField("pièces manquantes")
    requested_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "demande de pièces manquantes"
        ordering = ["requested_on", "id"]

    def __str__(self) -> str:
        return f"Pièces demandées le {french_date(self.requested_on)}"


def feasibility_attachment_path(instance: FeasibilityAttachment, filename: str) -> str:
    # The stored name never reuses the uploaded one (which may carry personal data or path tricks).
    return stored_name(f"pathways/{instance.file_id}", instance.kind, instance.content_type, instance.checksum)


class FeasibilityAttachment(StoredDocument):
    file = models.ForeignKey(FeasibilityFile, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField("nature", max_length=32, choices=FeasibilityAttachmentKind.choices)
    document = models.FileField("fichier", upload_to=feasibility_attachment_path, max_length=255)
    uploaded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "pièce du dossier de faisabilité"
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.original_name})"


class PathwayStep(models.Model):
    """A step recorded on the portal after admissibility: it keeps the admissibility from lapsing (R6412-4)."""

    candidacy = models.ForeignKey(Candidacy, on_delete=models.CASCADE, related_name="steps")
    recorded_on = models.DateField("enregistrée le")
    description = models.TextField("démarche")
    recorded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "démarche enregistrée"
        ordering = ["recorded_on", "id"]

    def __str__(self) -> str:
        return f"Démarche du {french_date(self.recorded_on)}"


def validation_document_path(instance: ValidationFile, filename: str) -> str:
    # As for the feasibility pieces: the stored name never reuses the uploaded one.
    folder = f"pathways/validation/{instance.candidacy_id}"
    return stored_name(folder, "dossier", instance.document_type, instance.document_checksum)


class ValidationFile(models.Model):
    """A dossier de validation (R6412-5). A new one may follow a partial validation or a refusal. The document
    itself (the candidate's file for the jury) is uploaded with it; the summary presents it."""

    candidacy = models.ForeignKey(Candidacy, on_delete=models.PROTECT, related_name="validation_files")
    filed_on = models.DateField("déposé le")
    filed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    summary = models.TextField("présentation", blank=True)
    document = models.FileField("dossier", upload_to=validation_document_path, max_length=255, blank=True)
    document_name = models.CharField("nom du fichier déposé", max_length=255, blank=True)
    document_type = models.CharField("type du fichier", max_length=64, blank=True)
    document_size = models.PositiveIntegerField("taille (octets)", null=True, blank=True)
    document_checksum = models.CharField("empreinte SHA-256", max_length=64, blank=True)
    latest_jury_decision = models.JSONField("décision : dernier jour du jury (R6412-5)", null=True, blank=True)
    latest_jury_error = models.CharField(max_length=32, blank=True)

    class Meta:
        verbose_name = "dossier de validation"
        verbose_name_plural = "dossiers de validation"
        ordering = ["filed_on", "id"]

    def __str__(self) -> str:
        return f"Dossier de validation du {french_date(self.filed_on)}"


class JurySession(models.Model):
    validation_file = models.OneToOneField(ValidationFile, on_delete=models.PROTECT, related_name="jury")
    held_on = models.DateField("date du jury")
    # The hour the candidate must be there. Empty for juries scheduled before it was asked; the rules only
    # ever read the day (R6412-5 counts in days), so the day stays its own field.
    held_at = models.TimeField("heure du jury", null=True, blank=True)
    place = models.CharField("lieu", max_length=255, blank=True)
    composition_decision = models.JSONField("décision : composition du jury (D6412-6)", null=True, blank=True)
    composition_error = models.CharField(max_length=32, blank=True)
    scheduled_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    scheduled_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "session de jury"

    def __str__(self) -> str:
        return f"Jury du {french_day_and_time(self.held_on, self.held_at)}"


class JuryMember(models.Model):
    session = models.ForeignKey(JurySession, on_delete=models.CASCADE, related_name="members")
    name = models.CharField("nom", max_length=255)
    sex = models.CharField("sexe", max_length=1, choices=Sex.choices)
    qualified = models.BooleanField("qualifié au regard de la certification")
    has_link_with_candidate = models.BooleanField("relation avec le candidat", default=False)
    is_accompanier = models.BooleanField("a accompagné le candidat", default=False)
    is_chair = models.BooleanField("président", default=False)

    class Meta:
        verbose_name = "membre du jury"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name or "membre anonymisé"

    def as_fact(self) -> dict:
        return {
            "sex": self.sex,
            "qualified": self.qualified,
            "has_link_with_candidate": self.has_link_with_candidate,
            "is_accompanier": self.is_accompanier,
            "is_chair": self.is_chair,
        }


class JuryResult(models.Model):
    session = models.OneToOneField(JurySession, on_delete=models.PROTECT, related_name="result")
    kind = models.CharField("résultat", max_length=8, choices=ResultKind.choices)
    blocks_acquired = models.ManyToManyField("certifications.SkillBlock", blank=True, related_name="+")
    notified_on = models.DateField("notifié le", null=True, blank=True)
    notification_due_decision = models.JSONField("décision : notification du résultat (R6412-7)", null=True)
    notification_due_error = models.CharField(max_length=32, blank=True)
    comment = models.TextField("observations du jury", blank=True)
    recorded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    # Withdrawal for fraud: the candidate is first invited to present observations.
    observations_requested_on = models.DateField("observations demandées le", null=True, blank=True)
    withdrawn_on = models.DateField("retiré pour fraude le", null=True, blank=True)
    withdrawal_reason = models.TextField("motif du retrait", blank=True)
    candidate_observations = models.TextField("observations du candidat", blank=True)

    class Meta:
        verbose_name = "résultat du jury"
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(observations_requested_on__isnull=False),
                name="result_withdrawal_after_observations",
            )
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class Attestation(models.Model):
    """An attestation of the jury's result or of the blocks acquired: requested by the candidate, then issued
    by the certifier with a reference « ATT-<year>-<candidacy>-<n> » (n counts the candidacy's attestations)."""

    candidacy = models.ForeignKey(Candidacy, on_delete=models.PROTECT, related_name="attestations")
    kind = models.CharField("nature", max_length=8, choices=AttestationKind.choices)
    requested_on = models.DateField("demandée le")
    requested_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # The result attested: the one in force when requested (a later refiling brings another jury).
    result = models.ForeignKey(
        JuryResult, null=True, blank=True, on_delete=models.PROTECT, related_name="attestations"
    )
    issued_on = models.DateField("délivrée le", null=True, blank=True)
    issued_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # Null until issued; unique among the issued ones (NULLs do not collide).
    reference = models.CharField("référence", max_length=40, null=True, blank=True, unique=True)
    # Printed on the attestation: anyone holding it checks it on the public page /verifier/<code>/. Random
    # (about 100 bits), not derived from the reference, so that codes cannot be guessed from one another.
    verification_code = models.CharField("code de vérification", max_length=32, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = "attestation"
        ordering = ["requested_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(issued_on__isnull=True, reference__isnull=True)
                | Q(issued_on__isnull=False, reference__isnull=False),
                name="attestation_issued_with_reference",
            )
        ]

    def __str__(self) -> str:
        if self.issued_on is not None:
            return f"{self.get_kind_display()} n° {self.reference}, délivrée le {french_date(self.issued_on)}"
        return f"{self.get_kind_display()} demandée le {french_date(self.requested_on)}"


class RegistrationInvitation(models.Model):
    """An accompanier's (or the GIP's) registration on a person's behalf, waiting for that person's consent.

    Registering someone by e-mail alone registered them without their consent and told the caller their full
    name and whether they had an account (security review M4). The registration is now kept here and sent to
    the address; it becomes a candidacy only when the account holding that address accepts it. Only the hash
    of the link's secret is kept, as for API tokens.
    """

    email = models.EmailField("adresse invitée")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # candidacy_register's arguments but the candidate, objects by primary key and dates in ISO 8601.
    registration = models.JSONField("inscription proposée")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    candidacy = models.OneToOneField(
        Candidacy, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitation"
    )

    class Meta:
        verbose_name = "invitation à s'inscrire"
        verbose_name_plural = "invitations à s'inscrire"

    def __str__(self) -> str:
        return f"Invitation n° {self.pk}"

    @property
    def expires_at(self):
        """The end of the delay to accept (settings.PATHWAY_INVITATION_VALID_DAYS after it was sent)."""
        return self.created_at + dt.timedelta(days=settings.PATHWAY_INVITATION_VALID_DAYS)

    def is_expired(self, now=None) -> bool:
        return self.accepted_at is None and (now or timezone.now()) >= self.expires_at


class CandidacyTransition(TransitionEntry):
    """The transition log: one row per action of the workflow table (acquis/pathways/transitions.py) that a
    service carried out, beside its AuditEvent. The event source for counting pathways by step and delay."""

    candidacy = models.ForeignKey(Candidacy, on_delete=models.CASCADE, related_name="transitions")
    from_stage = models.CharField(max_length=32, choices=Stage.choices)
    to_stage = models.CharField(max_length=32, choices=Stage.choices)
    from_closure = models.CharField(max_length=32, choices=Closure.choices, blank=True)
    to_closure = models.CharField(max_length=32, choices=Closure.choices, blank=True)

    class Meta(TransitionEntry.Meta):
        verbose_name = "transition de candidature"
        verbose_name_plural = "transitions de candidature"
        ordering = ["candidacy_id", "id"]
        indexes = [models.Index(fields=["candidacy", "id"], name="transition_by_candidacy")]

    def __str__(self) -> str:
        return f"{self.action} ({self.from_stage} → {self.to_stage})"
