"""Congé VAE: an employee's request for leave, its actions, attachments, the employer's answer.

The legal status (pending, accepted, deemed_accepted…) is never stored: selectors compute it with the
``leave.status`` rule from the dates kept here (request_received, the answer) and the day asked about.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from acquis.audit.transitions import TransitionEntry
from acquis.documents.text import french_date
from acquis.documents.uploads import StoredDocument, stored_name
from acquis.leave.enums import ActionNature, AnswerKind, AttachmentKind, ReceiptMethod, RequestState


class LeaveRequest(models.Model):
    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="leave_requests", verbose_name="salarié"
    )
    employer = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="leave_requests", verbose_name="employeur"
    )
    certification = models.ForeignKey(
        "certifications.Certification",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="leave_requests",
        verbose_name="certification (RNCP)",
    )
    # The employee's pathway on Acquis, when the request names it: its certification, certifier and start
    # fill the request, and its admissibility (R6412-4) is attached as the proof Acquis itself issued.
    pathway = models.ForeignKey(
        "pathways.Candidacy",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leave_requests",
        verbose_name="parcours VAE sur Acquis",
    )
    # Kept even when a certification is chosen: the title as the request stated it (R6422-2, 1°).
    certification_title = models.CharField("certification visée", max_length=500, blank=True)
    certifier_name = models.CharField("ministère ou organisme certificateur", max_length=255, blank=True)
    pathway_started_on = models.DateField("début du parcours VAE", null=True, blank=True)
    extension_claimed = models.BooleanField("augmentation conventionnelle de la durée revendiquée", default=False)
    qualification_level = models.PositiveSmallIntegerField("niveau de qualification atteint", null=True, blank=True)
    job_threatened = models.BooleanField("emploi menacé", default=False)
    collective_agreement_hours = models.DecimalField(
        "heures prévues par la convention collective", max_digits=6, decimal_places=2, null=True, blank=True
    )
    funding_obtained = models.BooleanField("prise en charge obtenue", null=True, blank=True)
    # Facts of R6422-6 and R6422-7-1, entered by the employee; the rules decide what they imply.
    complementary_evaluation = models.BooleanField(
        "évaluation complémentaire après une validation partielle", default=False
    )
    fixed_term_contract_end = models.DateField("fin du contrat à durée déterminée (CDD)", null=True, blank=True)

    # First day of the actions, kept by the action services so lists need no aggregate over LeaveAction.
    actions_start = models.DateField("début de la première action", null=True, blank=True)

    state = models.CharField("étape", max_length=16, choices=RequestState.choices, default=RequestState.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Sending (R6422-3): how and when the employer received the request.
    sent_at = models.DateTimeField("envoyée le", null=True, blank=True)
    receipt_method = models.CharField("mode de transmission", max_length=24, choices=ReceiptMethod.choices, blank=True)
    request_received = models.DateField("reçue par l'employeur le", null=True, blank=True)
    acknowledged_at = models.DateTimeField("réception confirmée par l'employeur le", null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The Decisions the request was sent under, stored unchanged (acquis.rules.decision/1 JSON).
    latest_send_decision = models.JSONField("décision : date limite d'envoi", null=True, blank=True)
    missing_items_decision = models.JSONField("décision : mentions manquantes", null=True, blank=True)
    sent_late = models.BooleanField("reçue après la date limite", default=False)

    superseded_by = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supersedes",
        verbose_name="remplacée par",
    )

    class Meta:
        verbose_name = "demande de congé VAE"
        verbose_name_plural = "demandes de congé VAE"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["employer", "state"]),
            models.Index(fields=["employee", "state"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(qualification_level__isnull=True)
                | Q(qualification_level__gte=1, qualification_level__lte=8),
                name="leave_request_level_1_to_8",
            ),
            models.CheckConstraint(
                condition=Q(state="draft") | Q(request_received__isnull=False),
                name="leave_request_sent_has_receipt",
            ),
        ]

    def __str__(self) -> str:
        return f"Demande de congé VAE n° {self.pk}"

    @property
    def target_title(self) -> str:
        return self.certification_title or (self.certification.title if self.certification_id else "")


class LeaveAction(models.Model):
    """One action the leave covers (R6422-1): an evaluation session or a preparation, with its hours."""

    request = models.ForeignKey(LeaveRequest, on_delete=models.CASCADE, related_name="actions")
    start = models.DateField("début")
    end = models.DateField("fin")
    nature = models.CharField("nature", max_length=16, choices=ActionNature.choices)
    hours = models.DecimalField("durée (heures)", max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = "action de validation"
        ordering = ["start", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="leave_action_dates_in_order"),
            models.CheckConstraint(condition=Q(hours__gt=0), name="leave_action_hours_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_nature_display()} du {french_date(self.start)} au {french_date(self.end)} ({self.hours} h)"


def attachment_path(instance: LeaveAttachment, filename: str) -> str:
    # The stored name never reuses the uploaded one (which may carry personal data or path tricks).
    return stored_name(f"leave/{instance.request_id}", instance.kind, instance.content_type, instance.checksum)


class LeaveAttachment(StoredDocument):
    request = models.ForeignKey(LeaveRequest, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField("nature", max_length=32, choices=AttachmentKind.choices)
    file = models.FileField("fichier", upload_to=attachment_path, max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "pièce jointe"
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.original_name})"


class LeaveAnswer(models.Model):
    """The employer's one answer (R6422-4). The one-to-one key is the backstop against two answers."""

    request = models.OneToOneField(LeaveRequest, on_delete=models.PROTECT, related_name="answer")
    kind = models.CharField("réponse", max_length=16, choices=AnswerKind.choices)
    answered_on = models.DateField("date de la réponse")
    postponed_to = models.DateField("absence reportée au", null=True, blank=True)
    reasons = models.TextField("raisons de service", blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_by_token = models.ForeignKey(
        "accounts.ApiToken", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "réponse de l'employeur"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="accept", postponed_to__isnull=True)
                | (Q(kind="postpone", postponed_to__isnull=False) & ~Q(reasons="")),
                name="leave_answer_postponement_complete",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} du {french_date(self.answered_on)}"

    def as_fact(self) -> dict:
        """The ``answer`` fact of leave.status."""
        return {
            "date": self.answered_on,
            "kind": self.kind,
            "postponed_to": self.postponed_to,
            "reasons": [self.reasons] if self.reasons else [],
        }


class AttendanceProofRequest(models.Model):
    """A request, by the employer or a funder, for the proof of attendance (R6422-5)."""

    request = models.ForeignKey(LeaveRequest, on_delete=models.CASCADE, related_name="attendance_proof_requests")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    message = models.TextField("message", blank=True)

    class Meta:
        verbose_name = "demande de justificatif d'assiduité"
        ordering = ["requested_at", "id"]

    def __str__(self) -> str:
        return f"Justificatif d'assiduité demandé par {self.organisation.name}"


class LeaveRequestTransition(TransitionEntry):
    """The transition log: one row per action of the workflow table (acquis/leave/transitions.py) that moved a
    request (or confirmed its receipt), beside its AuditEvent. Erased with its request (R6411-6)."""

    request = models.ForeignKey(LeaveRequest, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=16, choices=RequestState.choices)
    to_state = models.CharField(max_length=16, choices=RequestState.choices)

    class Meta(TransitionEntry.Meta):
        verbose_name = "transition de demande de congé VAE"
        verbose_name_plural = "transitions de demande de congé VAE"
        ordering = ["request_id", "id"]
        indexes = [models.Index(fields=["request", "id"], name="leave_transition_by_request")]

    def __str__(self) -> str:
        return f"{self.action} ({self.from_state} → {self.to_state})"
