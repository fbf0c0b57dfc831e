"""Schemas of /api/v1/candidacies (OpenAPI documentation and input parsing; French descriptions)."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, Literal

from ninja import Field, Schema

from acquis.api.leave_schemas import ProblemOut as BaseProblemOut
from acquis.api.rules import DecisionOut, SourceOut
from acquis.pathways.enums import STATUS_LABELS

ComputedStatus = enum.StrEnum("ComputedStatus", {value: value for value in STATUS_LABELS})
STATUS_HELP = "; ".join(f"`{value}` : {label}" for value, label in STATUS_LABELS.items())
Scope = Literal["certifier", "accompanier", "funder", "candidate", "all"]


class CandidacyListQuery(Schema):
    scope: Scope | None = Field(
        None,
        description="Périmètre : `certifier` (dossiers adressés à votre organisme certificateur), `accompanier` "
        "(candidatures qui ont choisi votre organisme), `funder` (candidatures des accompagnements collectifs que "
        "vous financez, vue restreinte), `candidate` (vos candidatures), `all` (toutes : équipe du GIP). Par "
        "défaut : le rôle du jeton, sinon le premier rôle de votre compte qui donne un périmètre.",
    )
    siret: str | None = Field(
        None, description="Pour un compte membre de plusieurs organismes : le SIRET de l'organisme dont lire la liste."
    )
    status: list[ComputedStatus] | None = Field(
        None, description=f"Statut calculé ce jour (répétable : `?status=pending&status=admissible`). {STATUS_HELP}."
    )
    due_within: int | None = Field(
        None,
        ge=0,
        le=366,
        description="Seulement les candidatures dont la prochaine échéance tombe dans ce nombre de jours "
        "(aujourd'hui inclus), triées par échéance ; compte aussi `due_soon` sur cette fenêtre (14 jours sinon).",
    )
    page: int = Field(1, ge=1, description="Numéro de page (1 pour la première).")
    page_size: int = Field(50, ge=1, le=200, description="Nombre de candidatures par page (1 à 200).")


class CandidacyItemOut(Schema):
    id: int
    status: str = Field(description="Statut calculé ce jour par les règles (jamais enregistré).")
    status_label: str
    deadline: dt.date | None = Field(description="Prochaine échéance légale, calculée ce jour.")
    deadline_label: str = Field(description="Ce que l'échéance fixe (p. ex. « décision du certificateur attendue »).")
    note: str = Field(description="P. ex. « procédure antérieure : délai non calculé, texte non disponible ».")
    stage: str = Field(description="Étape dans Acquis (ce n'est pas le statut juridique).")
    certification_code: str
    certification_title: str
    department: str = Field(description="Code du département du candidat.")
    candidate_name: str | None = Field(description="Nom du candidat ; null dans la vue d'un financeur (R6411-5).")
    updated_at: dt.datetime


class CandidacyListOut(Schema):
    on: dt.date = Field(description="Le jour pour lequel les statuts sont calculés (aujourd'hui, heure de Paris).")
    scope: str
    organisation_siret: str | None
    total: int = Field(description="Nombre de candidatures qui répondent aux filtres.")
    page: int
    page_size: int
    counts_by_status: dict[str, int] = Field(
        description="Nombre de candidatures du périmètre par statut calculé (tous les statuts, zéro compris), "
        "quel que soit le filtre de statut."
    )
    due_soon: int = Field(description="Candidatures du périmètre dont une échéance tombe dans la fenêtre.")
    items: list[CandidacyItemOut]


class StatusOut(Schema):
    code: str
    label: str
    deadline: dt.date | None
    deadline_label: str
    note: str


class RuleAnswerOut(Schema):
    rule_id: str
    decision: DecisionOut | None = Field(description="La décision complète (valeur, version, sources, trace).")
    error: str = Field(description="Code d'erreur de la règle (`no_version_in_force` : procédure antérieure).")


class TimelineEntryOut(Schema):
    at: dt.datetime | dt.date
    kind: str = Field(description="`event` (action enregistrée) ou `decision` (décision d'une règle).")
    label: str
    actor: str
    decision: DecisionOut | None
    error: str
    payload: dict[str, Any]


class CandidacyDetailOut(Schema):
    """Vue complète (candidat, accompagnateur, certificateur destinataire, équipe du GIP)."""

    view: Literal["full"]
    id: int
    on: dt.date
    status: StatusOut
    stage: str
    closure: str
    candidate: dict[str, str] | None = Field(description="Nom et courriel ; null après anonymisation.")
    certification: dict[str, str]
    blocks: list[dict[str, str]]
    certifier: dict[str, str] | None
    accompanier: dict[str, str] | None
    department: str
    qualification_level: int
    started_on: dt.date = Field(description="Début du parcours : date qui gouverne les règles.")
    registered_on: dt.date
    accompaniment_mode: str
    programme: str | None = Field(description="Code d'inscription de l'accompagnement collectif.")
    accompanier_opinion: dict[str, Any] | None
    experiences: list[dict[str, Any]]
    trainings: list[dict[str, Any]]
    feasibility: dict[str, Any] | None = Field(
        description="Dossier de faisabilité : dates, demandes de pièces, "
        "décision, écarts et préconisations, pièces (métadonnées)."
    )
    validation_files: list[dict[str, Any]] = Field(description="Dossiers de validation, jury, résultat.")
    decisions: list[RuleAnswerOut] = Field(description="Les décisions qui valent ce jour, avec leurs sources.")
    timeline: list[TimelineEntryOut] = Field(description="Événements et décisions, du plus ancien au plus récent.")


class CandidacyFundingOut(Schema):
    """Vue d'un financeur (R6411-5) : ce que le financement requiert, sans donnée personnelle du candidat."""

    view: Literal["funding"]
    id: int
    on: dt.date
    status: StatusOut
    programme: str
    certification_code: str
    department: str
    enrolled_on: dt.date | None


class PiecesRequestIn(Schema):
    pieces: str = Field(description="Les pièces manquantes demandées au candidat.")
    requested_on: dt.date | None = Field(None, description="Date de la demande (par défaut : aujourd'hui).")


class ReceiptIn(Schema):
    complete_on: dt.date = Field(
        description="Date certaine de réception du dossier complet : le délai de décision de deux mois (R6412-4) "
        "court à partir d'elle."
    )


class FeasibilityDecisionIn(Schema):
    kind: str = Field(description="`admissible` (recevable) ou `not_admissible` (non recevable).")
    decided_on: dt.date | None = Field(None, description="Date de la décision (par défaut : aujourd'hui).")
    gaps: str = Field("", description="Écarts avec le référentiel (obligatoires pour un dossier non recevable).")
    recommendations: str = Field("", description="Préconisations au candidat.")


class JuryMemberIn(Schema):
    name: str
    sex: str = Field(description="`F` ou `M` (représentation équilibrée, D6412-6).")
    qualified: bool = Field(False, description="Qualifié au regard de la certification.")
    has_link_with_candidate: bool = False
    is_accompanier: bool = Field(False, description="A accompagné le candidat dans sa démarche.")
    is_chair: bool = Field(False, description="Président (voix prépondérante).")


class JuryIn(Schema):
    held_on: dt.date = Field(description="Date du jury : au plus tard `jury.latest_date` (R6412-5).")
    place: str = ""
    members: list[JuryMemberIn]


class JuryResultIn(Schema):
    kind: str = Field(description="`full` (totale), `partial` (partielle, avec `blocks`) ou `refused`.")
    blocks: list[str] = Field([], description="Codes des blocs de compétences acquis (validation partielle).")
    comment: str = ""


class OpinionIn(Schema):
    opinion: str = Field(description="`favourable` ou `unfavourable`.")
    text: str = Field(description="Motivation de l'avis sur l'adéquation de l'expérience à la certification.")
    on: dt.date | None = Field(None, description="Date de l'avis (par défaut : aujourd'hui).")


class ViolationOut(Schema):
    code: str
    label: str


class ProblemOut(BaseProblemOut):
    """Problème RFC 9457 ; un refus fondé sur une règle cite ses sources."""

    violations: list[ViolationOut] | None = Field(None, description="Manquements de la composition (D6412-6).")
    sources: list[SourceOut] | None = Field(None, description="Articles et phrases qui fondent le refus.")
