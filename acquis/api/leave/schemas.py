"""Schemas of /api/v1/leave-requests (OpenAPI documentation and input parsing; French descriptions)."""

from __future__ import annotations

import datetime as dt
import enum

from ninja import Field, Schema

from acquis.api.rules import DecisionOut
from acquis.api.schemas import IsoDate, StrictIn
from acquis.leave.enums import STATUS_LABELS
from acquis.leave.selectors import DRAFT_STATUS

# The legal statuses leave.status computes, plus "draft" for requests the employer has not received.
LegalStatus = enum.StrEnum("LegalStatus", {value: value for value in (*STATUS_LABELS, DRAFT_STATUS)})
STATUS_HELP = "; ".join(f"`{value}` : {label}" for value, label in STATUS_LABELS.items()) + "; `draft` : brouillon"


class LeaveListQuery(Schema):
    status: list[LegalStatus] | None = Field(
        None,
        description="Statut juridique calculé ce jour (répétable : `?status=pending&status=postponed`). "
        f"{STATUS_HELP}.",
    )
    due_after: IsoDate | None = Field(
        None, description="Date limite de réponse de l'employeur au plus tôt ce jour (AAAA-MM-JJ, incluse)."
    )
    due_before: IsoDate | None = Field(
        None, description="Date limite de réponse de l'employeur au plus tard ce jour (AAAA-MM-JJ, incluse)."
    )
    limit: int = Field(50, ge=1, le=200, description="Nombre de demandes par page (1 à 200).")
    offset: int = Field(0, ge=0, description="Rang de la première demande de la page (0 pour la première page).")


class PersonOut(Schema):
    name: str
    email: str


class CompanyOut(Schema):
    siret: str
    name: str


class LeaveRequestItemOut(Schema):
    id: int
    state: str = Field(description="Étape dans Acquis : draft, sent, answered (ce n'est pas le statut juridique).")
    status: str | None = Field(
        description="Statut juridique calculé ce jour par la règle leave.status ; null : brouillon."
    )
    status_label: str = Field(description="Le statut en français.")
    status_rule_version: str | None = Field(description="Version de la règle appliquée (version d'article R6422-4).")
    answer_due: dt.date | None = Field(
        description="Dernier jour du délai de réponse de l'employeur (leave.employer_answer_due)."
    )
    request_received: dt.date | None = Field(description="Date de réception de la demande par l'employeur.")
    sent_late: bool = Field(description="Reçue après la date limite de l'article R6422-3 (signalée, non bloquante).")
    actions_start: dt.date | None = Field(description="Premier jour des actions de validation.")
    certification_title: str
    employee: PersonOut
    employer: CompanyOut
    answer_kind: str | None = Field(description="accept ou postpone ; null sans réponse.")
    postponed_to: dt.date | None


class LeaveRequestListOut(Schema):
    on: dt.date = Field(description="Le jour pour lequel les statuts sont calculés (aujourd'hui, heure de Paris).")
    total: int = Field(description="Nombre de demandes qui répondent à tous les filtres.")
    offset: int
    limit: int
    counts_by_status: dict[str, int] = Field(
        description="Nombre de demandes par statut, parmi celles qui répondent aux filtres de date (quel que soit "
        "le filtre de statut) : de quoi afficher des compteurs."
    )
    items: list[LeaveRequestItemOut]


class ActionOut(Schema):
    start: dt.date
    end: dt.date
    nature: str = Field(description="evaluation ou preparation (R6422-1).")
    nature_label: str
    hours: float


class AnswerOut(Schema):
    kind: str
    kind_label: str
    answered_on: dt.date
    postponed_to: dt.date | None
    reasons: str
    recorded_at: dt.datetime
    through_api_token: bool = Field(description="Réponse enregistrée par un jeton d'API (SIRH).")


class AttachmentOut(Schema):
    id: int
    kind: str
    kind_label: str
    original_name: str
    content_type: str = Field(description="Type reconnu au contenu du fichier : PDF, PNG ou JPEG.")
    size: int = Field(description="Taille en octets.")
    sha256: str
    uploaded_at: dt.datetime


class ProofRequestOut(Schema):
    id: int
    organisation: CompanyOut
    requested_at: dt.datetime
    message: str


class LeaveDecisionsOut(Schema):
    """Décisions complètes (format acquis.rules.decision/1, avec sources et trace)."""

    status: DecisionOut | None = Field(description="leave.status ce jour ; null pour un brouillon.")
    answer_due: DecisionOut | None = Field(description="leave.employer_answer_due.")
    postponement_latest_date: DecisionOut | None = Field(description="leave.postponement_latest_date.")
    paid_hours: DecisionOut | None = Field(
        description="leave.paid_hours_cap au jour du début du parcours ; null si ce jour est inconnu."
    )
    latest_send_date: DecisionOut | None = Field(description="leave.request_latest_send_date, figée à l'envoi.")
    missing_items: DecisionOut | None = Field(description="leave.request_missing_items, figée à l'envoi.")


class LeaveRequestDetailOut(Schema):
    id: int
    state: str
    state_label: str
    on: dt.date
    status: str | None
    status_label: str
    employee: PersonOut
    employer: CompanyOut
    certification_title: str
    certification_code: str | None = Field(description="Code RNCP quand la certification vient du répertoire.")
    certifier_name: str
    pathway_started_on: dt.date | None
    extension_claimed: bool
    qualification_level: int | None
    job_threatened: bool
    collective_agreement_hours: float | None
    funding_obtained: bool | None
    receipt_method: str
    request_received: dt.date | None
    sent_at: dt.datetime | None
    acknowledged_at: dt.datetime | None
    sent_late: bool
    answer_due: dt.date | None
    postponement_latest_date: dt.date | None
    paid_hours: float | None = Field(description="Plafond d'heures rémunérées (leave.paid_hours_cap).")
    actions: list[ActionOut]
    answer: AnswerOut | None
    attachments: list[AttachmentOut] = Field(description="Métadonnées des pièces (le contenu n'est pas exposé).")
    attendance_proof_requests: list[ProofRequestOut]
    superseded_by: int | None = Field(description="La demande qui remplace celle-ci, le cas échéant.")
    decisions: LeaveDecisionsOut


class AnswerIn(StrictIn):
    """La réponse est datée du jour de l'appel (horloge du portail) : elle ne se saisit pas."""

    kind: str = Field(description="`accept` (accord) ou `postpone` (report pour raisons de service).")
    postponed_to: IsoDate | None = Field(
        None, description="Pour un report : la date à laquelle l'absence est reportée."
    )
    reasons: str = Field("", description="Pour un report : les raisons de service (obligatoires, R6422-4).")


class ProofRequestIn(StrictIn):
    message: str = Field("", description="Message facultatif au salarié.")
    employer_siret: str = Field(
        "",
        description=(
            "SIRET de l'employeur inscrit sur la lettre de demande : obligatoire pour un organisme financeur, "
            "qui n'atteint une demande que par son numéro et ce SIRET ; inutile pour l'employeur."
        ),
    )
