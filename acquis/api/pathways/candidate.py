"""The candidate's side of the pathway: the candidate, and the accompanier acting with them — experiences, the
choice of an accompanier, a collective programme, the admissibility file and its pieces, the validation file,
steps and legitimate reasons that keep the admissibility from lapsing, attestations, the accompanier's opinion.
These are people's actions (EDIT_CANDIDACY and the like): a certifier's or funder's token reads the candidacy
but gets 403 here."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from ninja import File, Form, UploadedFile

from acquis.api.pathways.common import act, write_route
from acquis.api.pathways.schemas import (
    AccompanierChoiceIn,
    AttestationIn,
    ExperienceIn,
    FeasibilitySubmitIn,
    LegitimateReasonIn,
    OpinionIn,
    ProgrammeEnrolIn,
    StepIn,
    ValidationFileIn,
)
from acquis.api.schemas import refuse_unknown_form_fields
from acquis.pathways import selectors, services
from acquis.pathways.transitions import target_file


@write_route(
    "/{int:candidacy_id}/opinion",
    transition="candidacy_opinion_give",
    summary="Donner l'avis de l'accompagnateur",
    description=(
        "Avis `favourable` ou `unfavourable` sur l'adéquation de l'expérience à la certification visée, motivé "
        "(`text`) ; un nouvel avis remplace le précédent. Il peut suivre le dépôt du dossier de faisabilité "
        "jusqu'à la réception du dossier complet : il est alors ajouté au dossier déposé. "
    ),
)
def opinion_give(request, candidacy_id: int, payload: OpinionIn):
    def write(candidacy):
        services.candidacy_opinion_give(
            actor=request.auth, candidacy=candidacy, opinion=payload.opinion, text=payload.text, on=payload.on
        )

    return act(request, candidacy_id, "candidacy_opinion_give", write)


@write_route(
    "/{int:candidacy_id}/experiences",
    transition="candidacy_experience_add",
    summary="Ajouter une expérience à la candidature",
    description=("Tant que le dossier de faisabilité n'est pas déposé (il contient alors les expériences). "),
)
def experience_add(request, candidacy_id: int, payload: ExperienceIn):
    def write(candidacy):
        services.candidacy_experience_add(actor=request.auth, candidacy=candidacy, **payload.model_dump())

    return act(request, candidacy_id, "candidacy_experience_add", write)


@write_route(
    "/{int:candidacy_id}/accompanier",
    transition="candidacy_accompanier_choose",
    summary="Choisir l'accompagnateur de la candidature",
    description=(
        "Un organisme de la liste tenue par le GIP (certification Qualiopi en cours de validité, R6412-2), désigné "
        "par son SIRET ; le parcours devient accompagné. "
    ),
)
def accompanier_choose(request, candidacy_id: int, payload: AccompanierChoiceIn):
    def write(candidacy):
        accompanier = selectors.organisation_by_siret(siret=payload.siret)
        if accompanier is None:
            raise ValidationError(
                {"siret": ValidationError("Aucune organisation n'a ce SIRET dans Acquis.", code="unknown_accompanier")}
            )
        services.candidacy_accompanier_choose(
            actor=request.auth, candidacy=candidacy, accompanier=accompanier, on=payload.on
        )

    return act(request, candidacy_id, "candidacy_accompanier_choose", write)


@write_route(
    "/{int:candidacy_id}/programme",
    transition="candidacy_programme_enrol",
    summary="Inscrire la candidature à un accompagnement collectif",
    description=(
        "Par le code d'inscription de l'accompagnement (cohorte d'un commanditaire ; de 2019 à 2023, "
        "accompagnement de l'État ou d'une région, R6423-3-1). L'aide au dépôt du dossier est décidée ce jour par "
        "la règle `support.admissibility_filing_assistance`. "
    ),
)
def programme_enrol(request, candidacy_id: int, payload: ProgrammeEnrolIn):
    def write(candidacy):
        services.candidacy_programme_enrol(
            actor=request.auth, candidacy=candidacy, enrolment_code=payload.enrolment_code, on=payload.on
        )

    return act(request, candidacy_id, "candidacy_programme_enrol", write)


@write_route(
    "/{int:candidacy_id}/feasibility",
    transition="feasibility_file_submit",
    summary="Déposer le dossier de faisabilité",
    description=(
        "Le dossier (certification ou blocs, candidat, expériences, formations, avis de l'accompagnateur) est "
        "adressé au certificateur ; les pièces s'ajoutent ensuite par `…/feasibility/attachments`. Le quota "
        "annuel (R6412-3, règle `admissibility.annual_quota`) est décidé pour le jour du dépôt : un refus répond "
        "**422** avec la raison de la règle pour code — `same_certification_this_year` ou "
        "`too_many_certifications_this_year` —, cite l'article et donne `sources`. "
    ),
)
def feasibility_submit(request, candidacy_id: int, payload: FeasibilitySubmitIn):
    def write(candidacy):
        services.feasibility_file_submit(actor=request.auth, candidacy=candidacy)

    return act(request, candidacy_id, "feasibility_file_submit", write)


@write_route(
    "/{int:candidacy_id}/feasibility/attachments",
    transition="feasibility_attachment_add",
    summary="Ajouter une pièce au dossier de faisabilité",
    description=(
        "Envoi `multipart/form-data` : `kind` (`identity`, `experience_proof`, `training_proof`, `other`) et "
        "`document` (PDF, PNG ou JPEG, reconnu à son contenu, 20 Mo au plus), typiquement une pièce que le "
        "certificateur a demandée, tant que le dossier n'est pas complet. "
    ),
)
def feasibility_attachment_add(request, candidacy_id: int, kind: Form[str], document: File[UploadedFile]):
    refuse_unknown_form_fields(request, fields=frozenset({"kind"}), files=frozenset({"document"}))

    def write(candidacy):
        services.feasibility_attachment_add(
            actor=request.auth, file=target_file(candidacy), kind=kind, document=document
        )

    return act(request, candidacy_id, "feasibility_attachment_add", write)


@write_route(
    "/{int:candidacy_id}/validation-file",
    transition="validation_file_submit",
    summary="Déposer le dossier de validation",
    description=(
        "Une fois le dossier de faisabilité recevable (explicitement ou par silence) et non caduc ; de nouveau "
        "après une validation partielle ou un refus. Le dernier jour du jury (`jury.latest_date`, R6412-5) est "
        "décidé et conservé. "
    ),
)
def validation_file_submit(request, candidacy_id: int, payload: ValidationFileIn):
    def write(candidacy):
        services.validation_file_submit(actor=request.auth, candidacy=candidacy, summary=payload.summary)

    return act(request, candidacy_id, "validation_file_submit", write)


@write_route(
    "/{int:candidacy_id}/steps",
    transition="candidacy_step_record",
    summary="Enregistrer une démarche du parcours (candidature)",
    description=(
        "Une démarche accomplie après la recevabilité l'empêche de devenir caduque (R6412-4, règle "
        "`admissibility.lapse_date`). "
    ),
)
def step_record(request, candidacy_id: int, payload: StepIn):
    def write(candidacy):
        services.candidacy_step_record(
            actor=request.auth, candidacy=candidacy, description=payload.description, recorded_on=payload.recorded_on
        )

    return act(request, candidacy_id, "candidacy_step_record", write)


@write_route(
    "/{int:candidacy_id}/legitimate-reason",
    transition="candidacy_legitimate_reason_record",
    summary="Enregistrer un motif légitime (recevabilité)",
    description=("Un motif légitime (R6412-4) : la recevabilité ne devient pas caduque faute de démarche. "),
)
def legitimate_reason_record(request, candidacy_id: int, payload: LegitimateReasonIn):
    def write(candidacy):
        services.candidacy_legitimate_reason_record(
            actor=request.auth, candidacy=candidacy, reason=payload.reason, recorded_on=payload.recorded_on
        )

    return act(request, candidacy_id, "candidacy_legitimate_reason_record", write)


@write_route(
    "/{int:candidacy_id}/attestations",
    transition="attestation_request",
    summary="Demander une attestation du résultat du jury (candidat)",
    description=(
        "`result` (résultat du jury) ou `blocks` (blocs acquis, après une validation partielle) ; le candidat seul. "
    ),
)
def attestation_request(request, candidacy_id: int, payload: AttestationIn):
    def write(candidacy):
        services.attestation_request(actor=request.auth, candidacy=candidacy, kind=payload.kind)

    return act(request, candidacy_id, "attestation_request", write)
