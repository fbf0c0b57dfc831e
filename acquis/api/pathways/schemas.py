"""Schemas of /api/v1/candidacies (OpenAPI documentation and input parsing; French descriptions)."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, Literal

from ninja import Field, Schema

from acquis.api.rules import DecisionOut, SourceOut
from acquis.api.schemas import IsoDate, IsoTime, StrictIn
from acquis.api.schemas import ProblemOut as BaseProblemOut
from acquis.pathways.enums import STATUS_LABELS
from acquis.rules import ids
from acquis.rules.wording import wording_of
from acquis.web.paging import MAX_PAGE

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
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Numéro de page (1 pour la première).")
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
    attestations_to_issue: int | None = Field(
        None,
        description="Périmètre `certifier` seulement : nombre d'attestations demandées par les candidats et pas "
        "encore délivrées par l'organisme (sur tout le périmètre, quels que soient les filtres) ; null pour les "
        "autres périmètres.",
    )
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


class AttestationOut(Schema):
    id: int
    kind: str = Field(description="`result` (résultat du jury) ou `blocks` (blocs de compétences acquis).")
    kind_label: str
    state: Literal["requested", "issued"] = Field(description="`requested` (à délivrer) ou `issued` (délivrée).")
    requested_on: dt.date
    issued_on: dt.date | None
    reference: str | None = Field(description="Référence de l'attestation délivrée (ATT-année-candidature-n).")
    pdf_url: str | None = Field(
        description="Chemin de la route de l'API qui sert l'attestation en PDF, une fois délivrée "
        "(`GET /api/v1/candidacies/{id}/attestations/{attestation_id}.pdf`, mêmes lecteurs que la candidature "
        "hors financeur : session ou jeton d'API) ; null tant qu'elle n'est que demandée."
    )


class InvitationOut(Schema):
    """The answer to a registration on someone's behalf: the same whether an account holds the address or not."""

    invitation: Literal["sent"] = Field(description="L'invitation est envoyée à l'adresse indiquée.")
    email: str = Field(description="L'adresse invitée, telle qu'enregistrée.")


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
    feasibility_pdf_url: str | None = Field(
        description="Chemin de la route de l'API qui sert le dossier de faisabilité en PDF "
        "(`GET /api/v1/candidacies/{id}/feasibility.pdf`) ; null tant qu'il n'est pas déposé."
    )
    validation_files: list[dict[str, Any]] = Field(
        description="Dossiers de validation, jury (`held_on`, `held_at` : HH:MM ou null pour un jury programmé "
        "sans heure), résultat."
    )
    attestations: list[AttestationOut] = Field(description="Attestations demandées et délivrées.")
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


class PiecesRequestIn(StrictIn):
    """Demande de pièces, datée du jour de l'appel (horloge du portail)."""

    pieces: str = Field(description="Les pièces manquantes demandées au candidat.")


DECISION_DELAY = wording_of(ids.ADMISSIBILITY_DECISION_DUE).durations["admissibility.decision_delay"]


class ReceiptIn(StrictIn):
    # The docstring is the OpenAPI description; the delay is worded from the rule's wording file.
    __doc__ = (
        "Réception du dossier complet, datée du jour de l'appel (horloge du portail) : c'est la date certaine "
        f"d'où\n    court le délai de décision de {DECISION_DELAY} (R6412-4). Elle ne se saisit pas."
    )


class FeasibilityDecisionIn(StrictIn):
    kind: str = Field(description="`admissible` (recevable) ou `not_admissible` (non recevable).")
    gaps: str = Field("", description="Écarts avec le référentiel (obligatoires pour un dossier non recevable).")
    recommendations: str = Field("", description="Préconisations au candidat.")


class JuryMemberIn(StrictIn):
    name: str
    sex: str = Field(description="`F` ou `M` (représentation équilibrée, D6412-6).")
    qualified: bool = Field(False, description="Qualifié au regard de la certification.")
    has_link_with_candidate: bool = False
    is_accompanier: bool = Field(False, description="A accompagné le candidat dans sa démarche.")
    is_chair: bool = Field(False, description="Président (voix prépondérante).")


class JuryIn(StrictIn):
    held_on: IsoDate = Field(description="Date du jury : au plus tard `jury.latest_date` (R6412-5).")
    held_at: IsoTime | None = Field(
        None, description="Heure du jury (HH:MM, heure locale du lieu), dite au candidat avec la date."
    )
    place: str = ""
    members: list[JuryMemberIn]


class JuryResultIn(StrictIn):
    kind: str = Field(description="`full` (totale), `partial` (partielle, avec `blocks`) ou `refused`.")
    blocks: list[str] = Field([], description="Codes des blocs de compétences acquis (validation partielle).")
    comment: str = ""


class OpinionIn(StrictIn):
    opinion: str = Field(description="`favourable` ou `unfavourable`.")
    text: str = Field(description="Motivation de l'avis sur l'adéquation de l'expérience à la certification.")
    on: IsoDate | None = Field(None, description="Date de l'avis (par défaut : aujourd'hui).")


class ViolationOut(Schema):
    code: str
    label: str


class ProblemOut(BaseProblemOut):
    """Problème RFC 9457 ; un refus fondé sur une règle cite ses sources."""

    violations: list[ViolationOut] | None = Field(None, description="Manquements de la composition (D6412-6).")
    sources: list[SourceOut] | None = Field(None, description="Articles et phrases qui fondent le refus.")


# --- inputs of the candidate's side and of the lifecycle ------------------------------------------------------
# Closed vocabularies stay plain strings: the services refuse an unknown value with their own code (422), which
# the route's description lists.


class ExperienceIn(StrictIn):
    title: str = Field(description="Intitulé : emploi, mission, activité bénévole…")
    started_on: IsoDate = Field(description="Date de début (AAAA-MM-JJ).")
    ended_on: IsoDate | None = Field(None, description="Date de fin ; null : en cours.")
    hours: int = Field(description="Durée en heures (entier supérieur à zéro).")
    employment_status: str = Field(
        description="`employee`, `public_servant`, `self_employed`, `job_seeker`, `volunteer` ou `other`."
    )


class TrainingIn(StrictIn):
    title: str
    completed_on: IsoDate | None = None
    hours: int | None = None


class RegistrationIn(StrictIn):
    candidate_email: str | None = Field(
        None,
        description="Courriel du candidat, pour une inscription pour son compte (accompagnateur, équipe du GIP) : "
        "la personne reçoit une invitation et la candidature n'est créée que si elle l'accepte. Omis : l'appelant "
        "s'inscrit lui-même (rôle candidat).",
    )
    certification: str = Field(description="Numéro de fiche RNCP ou RS visée (p. ex. `RNCP35506`).")
    blocks: list[str] = Field([], description="Codes des blocs de compétences visés (vide : la certification).")
    department: str = Field(description="Code du département du candidat (p. ex. `31`, `2A`, `974`).")
    qualification_level: int = Field(description="Plus haut niveau de qualification atteint (1 à 8).")
    started_on: IsoDate | None = Field(
        None, description="Début du parcours (par défaut : aujourd'hui) : la date qui gouverne les règles."
    )
    accompaniment_mode: str = Field(description="`autonomous` (autonome) ou `accompanied` (accompagné).")
    accompanier_siret: str | None = Field(
        None,
        description="SIRET de l'accompagnateur choisi sur la liste du GIP. Par défaut, un accompagnateur qui "
        "inscrit un candidat en parcours accompagné l'accompagne (son organisme).",
    )
    in_initial_training: bool = Field(
        description="Déclaration : le candidat suit une formation initiale préparant à cette certification "
        "(refusé : R6412-2)."
    )
    job_threatened: bool = Field(False, description="Emploi menacé (aide au dépôt du dossier, 2019-2023).")
    experiences: list[ExperienceIn] = []
    trainings: list[TrainingIn] = []


class AccompanierChoiceIn(StrictIn):
    siret: str = Field(description="SIRET d'un organisme de la liste des accompagnateurs tenue par le GIP.")
    on: IsoDate | None = Field(None, description="Date du choix (par défaut : aujourd'hui).")


class ProgrammeEnrolIn(StrictIn):
    enrolment_code: str = Field(description="Code d'inscription de l'accompagnement collectif.")
    on: IsoDate | None = Field(None, description="Date d'inscription (par défaut : aujourd'hui).")


class FeasibilitySubmitIn(StrictIn):
    """Dépôt du dossier de faisabilité, daté du jour de l'appel (horloge du portail, date certaine R6412-4)."""


class ValidationFileIn(StrictIn):
    """Dépôt du dossier de validation, daté du jour de l'appel (horloge du portail)."""

    summary: str = Field("", description="Présentation du dossier de validation.")


class StepIn(StrictIn):
    description: str = Field(description="La démarche accomplie (entretien, atelier, mise en situation…).")
    recorded_on: IsoDate | None = Field(None, description="Date de la démarche (par défaut : aujourd'hui).")


class LegitimateReasonIn(StrictIn):
    reason: str = Field(description="Le motif légitime (R6412-4) : la recevabilité ne devient pas caduque.")
    recorded_on: IsoDate | None = Field(None, description="Date du motif (par défaut : aujourd'hui).")


class AttestationIn(StrictIn):
    kind: str = Field(description="`result` (résultat du jury) ou `blocks` (blocs acquis, validation partielle).")


class AttestationIssueIn(StrictIn):
    """Délivrance datée du jour de l'appel (horloge du portail)."""


class NotificationIn(StrictIn):
    """Notification du résultat au candidat, datée du jour de l'appel (horloge du portail)."""


class ObservationsRequestIn(StrictIn):
    reason: str = Field(description="Les faits reprochés au candidat (fraude).")
    requested_on: IsoDate | None = Field(None, description="Date de l'invitation (par défaut : aujourd'hui).")


class WithdrawalIn(StrictIn):
    observations: str = Field("", description="Les observations présentées par le candidat.")
    withdrawn_on: IsoDate | None = Field(None, description="Date du retrait (par défaut : aujourd'hui).")


class DropOutIn(StrictIn):
    reason: str = Field(
        description="`personal`, `professional`, `funding`, `workload`, `not_admissible`, `lapsed`, "
        "`obtained_otherwise` ou `other` (avec `note`)."
    )
    note: str = ""
    on: IsoDate | None = Field(None, description="Date de l'abandon (par défaut : aujourd'hui).")


class ArchiveIn(StrictIn):
    reason: str = Field(description="`inactivity`, `duplicate`, `funding`, `requested_by_candidate` ou `other`.")
    note: str = ""
    on: IsoDate | None = Field(None, description="Date de l'archivage (par défaut : aujourd'hui).")


class ReorientationIn(StrictIn):
    certification: str = Field(description="Numéro de fiche de la nouvelle certification visée.")
    blocks: list[str] = Field([], description="Codes des blocs visés dans la nouvelle certification.")
    note: str = ""
    on: IsoDate | None = Field(
        None, description="Date de la réorientation (par défaut : aujourd'hui) : le nouveau parcours commence ce jour."
    )


class LitigationIn(StrictIn):
    pending: bool = Field(description="`true` : un contentieux est en cours (conservation suspendue, R6411-6).")
    note: str = Field("", description="Référence du contentieux (obligatoire quand `pending` est vrai).")
