"""Funders, their dated scales, funding requests and their lines, decisions, agreements, envelopes, payments.

Who pays what, for which pathway (a Candidacy) or congé VAE (a LeaveRequest), under which text: R6422-9…13
(2017 → 2023-12-28), R6412-2 (the GIP, from 2023-12-29). Amounts are ``MoneyField``s (Decimal, cents).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from acquis.audit.transitions import TransitionEntry
from acquis.documents.text import french_date
from acquis.documents.uploads import StoredDocument, stored_name
from acquis.funding.enums import (
    DecisionKind,
    ExpenseCategory,
    FunderKind,
    Party,
    PaymentBasis,
    PaymentState,
    RefusalGround,
    RequestState,
    ScaleUnit,
)
from acquis.funding.money import MoneyField

USER = settings.AUTH_USER_MODEL


class Funder(models.Model):
    """A funding organisation (its users and API tokens are the Organisation's funder Memberships and tokens)."""

    organisation = models.OneToOneField(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="funder"
    )
    kind = models.CharField("nature", max_length=24, choices=FunderKind.choices)
    name = models.CharField("nom", max_length=255)
    region = models.ForeignKey("territories.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "financeur"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=FunderKind.PERSON) | Q(organisation__isnull=False), name="funder_has_organisation"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class FunderScale(models.Model):
    """A funder's own scale (barème), dated, with the body that decided it: data, never constants."""

    funder = models.ForeignKey(Funder, on_delete=models.PROTECT, related_name="scales")
    valid_from = models.DateField("en vigueur du")
    valid_until = models.DateField("au (inclus)", null=True, blank=True)
    decided_by = models.CharField("instance qui l'a décidé", max_length=255)
    decided_on = models.DateField("décidé le")
    reference = models.CharField("référence de la décision", max_length=255, blank=True)
    # Overall ceiling per pathway, and the share of it for a pathway towards some skill blocks only.
    pathway_ceiling = MoneyField("plafond par parcours", null=True, blank=True)
    partial_ratio = models.DecimalField(
        "part du plafond pour une certification partielle", max_digits=4, decimal_places=3, default=1
    )

    class Meta:
        verbose_name = "barème de financeur"
        ordering = ["funder", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="scale_dates_in_order",
            ),
            models.CheckConstraint(condition=Q(partial_ratio__gt=0, partial_ratio__lte=1), name="scale_partial_ratio"),
        ]

    def __str__(self) -> str:
        return (
            f"Barème {self.funder} du {french_date(self.valid_from)} "
            f"({self.decided_by}, {french_date(self.decided_on)})"
        )


class ScaleItem(models.Model):
    """One head of a scale: an hourly rate with a cap and a step of hours, or a flat fee."""

    scale = models.ForeignKey(FunderScale, on_delete=models.CASCADE, related_name="items")
    category = models.CharField("nature des frais", max_length=32, choices=ExpenseCategory.choices)
    unit = models.CharField("unité", max_length=8, choices=ScaleUnit.choices)
    hourly_rate = MoneyField("taux horaire", null=True, blank=True)
    max_hours = models.DecimalField("heures au plus", max_digits=6, decimal_places=2, null=True, blank=True)
    hour_step = models.DecimalField("pas des heures", max_digits=4, decimal_places=2, null=True, blank=True)
    flat_amount = MoneyField("forfait", null=True, blank=True)

    class Meta:
        verbose_name = "poste de barème"
        constraints = [
            models.UniqueConstraint(fields=["scale", "category"], name="scale_item_once"),
            models.CheckConstraint(
                condition=Q(unit=ScaleUnit.HOURLY, hourly_rate__isnull=False, hour_step__gt=0)
                | Q(unit=ScaleUnit.FLAT, flat_amount__isnull=False),
                name="scale_item_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} ({self.get_unit_display()})"


class Envelope(models.Model):
    """A budget: a funder's or a collective programme's money for a territory, a period, some certifications."""

    funder = models.ForeignKey(Funder, on_delete=models.PROTECT, related_name="envelopes")
    name = models.CharField("nom", max_length=255)
    region = models.ForeignKey("territories.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField("du")
    ends_on = models.DateField("au")
    certifications = models.ManyToManyField("certifications.Certification", blank=True, related_name="+")
    amount = MoneyField("montant")
    # Kept by envelope_commit and payment_pay under a row lock (select_for_update): the sums never exceed amount.
    committed = MoneyField("engagé", default=0)
    paid = MoneyField("payé", default=0)

    class Meta:
        verbose_name = "enveloppe"
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="envelope_dates_in_order"),
            models.CheckConstraint(condition=Q(committed__lte=F("amount")), name="envelope_never_overcommitted"),
            models.CheckConstraint(condition=Q(paid__lte=F("committed")), name="envelope_paid_within_committed"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def remaining(self):
        return self.amount - self.committed


class FundingRequest(models.Model):
    """A request that one funder pays the costs of a pathway or of a congé VAE."""

    funder = models.ForeignKey(Funder, on_delete=models.PROTECT, related_name="requests")
    candidacy = models.ForeignKey(
        "pathways.Candidacy", null=True, blank=True, on_delete=models.PROTECT, related_name="funding_requests"
    )
    leave_request = models.ForeignKey(
        "leave.LeaveRequest", null=True, blank=True, on_delete=models.PROTECT, related_name="funding_requests"
    )
    candidate = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # The organisation that prepared the request (the accompanier, usually) and bills its lines.
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    employer = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        "territories.Department", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    certification_title = models.CharField("certification visée", max_length=500)
    partial_certification = models.BooleanField("certification partielle (blocs)", default=False)
    period_start = models.DateField("début de la période")
    period_end = models.DateField("fin de la période")
    through_cpf = models.BooleanField("financé par le compte personnel de formation", default=False)
    in_working_time = models.BooleanField("en tout ou partie pendant le temps de travail", default=False)
    admissibility_proof_sent = models.BooleanField("justificatif de recevabilité transmis", default=False)
    state = models.CharField("étape", max_length=16, choices=RequestState.choices, default=RequestState.DRAFT)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_on = models.DateField("créée le")
    # The governing date of funding.eligible_expenses / refusal_grounds / agreement.
    submitted_on = models.DateField("déposée le", null=True, blank=True)
    # The first day of submitted_on's month, stored by the submitting service: the funder's totals group on it
    # straight from their index (no date_trunc per row, a sorted aggregate; bench/funding_totals.py).
    submitted_month = models.DateField("mois du dépôt", null=True, blank=True, editable=False)
    # Kept by the services so that the funder's totals read one table.
    requested_total = MoneyField("montant demandé", default=0)
    granted_total = MoneyField("montant accordé", default=0)
    agreement_decision = models.JSONField("décision : convention (R6422-11)", null=True, blank=True)
    agreement_error = models.CharField(max_length=32, blank=True)

    class Meta:
        verbose_name = "demande de prise en charge"
        ordering = ["-created_on", "-id"]
        indexes = [
            # Covering and partial: the totals read only submitted and decided requests, in group order.
            models.Index(
                fields=["funder", "state", "department", "submitted_month"],
                include=["requested_total", "granted_total"],
                condition=Q(state__in=("submitted", "decided")),
                name="funding_request_totals",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(candidacy__isnull=False, leave_request__isnull=True)
                | Q(candidacy__isnull=True, leave_request__isnull=False),
                name="funding_request_one_subject",
            ),
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="funding_period_in_order"),
        ]

    def __str__(self) -> str:
        return f"Demande de prise en charge n° {self.pk}"


class CostLine(models.Model):
    request = models.ForeignKey(FundingRequest, on_delete=models.CASCADE, related_name="lines")
    category = models.CharField("nature des frais", max_length=32, choices=ExpenseCategory.choices)
    hours = models.DecimalField("heures", max_digits=6, decimal_places=2, null=True, blank=True)
    amount = MoneyField("montant demandé")
    incurred_on = models.DateField("date de la dépense")
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # funding.eligible_expenses for the line's date and channel (JSON unchanged), or the rule's error code.
    eligibility_decision = models.JSONField(null=True, blank=True)
    eligibility_error = models.CharField(max_length=32, blank=True)
    granted_amount = MoneyField("montant accordé", null=True, blank=True)
    refusal_ground = models.CharField("motif de refus", max_length=32, choices=RefusalGround.choices, blank=True)

    class Meta:
        verbose_name = "ligne de frais"
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="cost_line_positive"),
            models.CheckConstraint(
                condition=Q(granted_amount__isnull=True) | Q(granted_amount__lte=F("amount"), granted_amount__gte=0),
                name="cost_line_granted_within_asked",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} : {self.amount} €"


class RequestPart(models.Model):
    """The part of the request one party filled (R6422-12, 2017: worker, employer in working time, each body)."""

    request = models.ForeignKey(FundingRequest, on_delete=models.CASCADE, related_name="parts")
    party = models.CharField(max_length=16, choices=Party.choices)
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    filled_by = models.ForeignKey(USER, null=True, on_delete=models.PROTECT, related_name="+")
    filled_at = models.DateTimeField()
    statement = models.TextField("déclaration", blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["request", "party", "organisation"], name="request_part_once"),
            models.UniqueConstraint(
                fields=["request", "party"], condition=Q(organisation__isnull=True), name="request_part_once_no_org"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_party_display()} — demande n° {self.request_id}"


def funding_attachment_path(instance: FundingAttachment, filename: str) -> str:
    return stored_name(f"funding/{instance.request_id}", instance.kind, instance.content_type, instance.checksum)


class FundingAttachment(StoredDocument):
    """A proof joined to a funding request: the same stored piece as the congé's and the admissibility file's."""

    request = models.ForeignKey(FundingRequest, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(max_length=32)
    file = models.FileField(upload_to=funding_attachment_path, max_length=255)

    def __str__(self) -> str:
        return f"{self.kind} — demande n° {self.request_id}"


class FundingDecision(models.Model):
    request = models.OneToOneField(FundingRequest, on_delete=models.PROTECT, related_name="decision")
    kind = models.CharField(max_length=8, choices=DecisionKind.choices)
    decided_on = models.DateField("décidée le")
    decided_by = models.ForeignKey(USER, null=True, on_delete=models.PROTECT, related_name="+")
    # funding.refusal_grounds on the submission date (JSON unchanged) when a line was refused.
    grounds_decision = models.JSONField(null=True, blank=True)
    comment = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — demande n° {self.request_id}"


class Agreement(models.Model):
    """The R6422-11 I three-party agreement: generated when funding.agreement requires it."""

    request = models.OneToOneField(FundingRequest, on_delete=models.PROTECT, related_name="agreement")
    created_on = models.DateField()

    def __str__(self) -> str:
        return f"Convention — demande n° {self.request_id}"


class Signature(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="signatures")
    party = models.CharField(max_length=16, choices=Party.choices)
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField()
    # R6422-12 (2019): the employee's signature of the agreement records their consent (L6421-1).
    records_consent = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agreement", "party", "organisation"], name="signature_once"),
            models.UniqueConstraint(
                fields=["agreement", "party"], condition=Q(organisation__isnull=True), name="signature_once_no_org"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_party_display()} a signé le {french_date(self.signed_at)}"


class Commitment(models.Model):
    envelope = models.ForeignKey(Envelope, on_delete=models.PROTECT, related_name="commitments")
    request = models.OneToOneField(FundingRequest, on_delete=models.PROTECT, related_name="commitment")
    amount = MoneyField("montant engagé")
    committed_on = models.DateField()

    def __str__(self) -> str:
        return f"{self.amount} € engagés — demande n° {self.request_id}"


class PaymentRequest(models.Model):
    request = models.ForeignKey(FundingRequest, on_delete=models.PROTECT, related_name="payments")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    amount = MoneyField("montant")
    basis = models.CharField("fondement", max_length=24, choices=PaymentBasis.choices)
    requested_on = models.DateField()
    state = models.CharField(max_length=12, choices=PaymentState.choices, default=PaymentState.REQUESTED)
    paid_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="payment_positive")]

    def __str__(self) -> str:
        return f"Paiement de {self.amount} € — demande n° {self.request_id}"


class FundingRequestTransition(TransitionEntry):
    """The transition log: one row per write of the workflow table (acquis/funding/transitions.py) that changed
    what the request is — its submission, decision, completed agreement, commitment, a payment made — beside
    its AuditEvent. The event source for counting requests by state and delay."""

    request = models.ForeignKey(FundingRequest, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=16, choices=RequestState.choices)
    to_state = models.CharField(max_length=16, choices=RequestState.choices)

    class Meta(TransitionEntry.Meta):
        verbose_name = "transition de demande de prise en charge"
        verbose_name_plural = "transitions de demande de prise en charge"
        ordering = ["request_id", "id"]
        indexes = [models.Index(fields=["request", "id"], name="funding_transition_by_request")]

    def __str__(self) -> str:
        return f"{self.action} ({self.from_state} → {self.to_state})"
