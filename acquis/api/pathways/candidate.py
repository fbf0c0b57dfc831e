"""The candidate's side of the pathway: the candidate, and the accompanier acting with them — experiences, the
choice of an accompanier, a collective programme, the admissibility file and its pieces, the validation file,
steps and legitimate reasons that keep the admissibility from lapsing, attestations, the accompanier's opinion.
These are people's actions (EDIT_CANDIDACY and the like): a certifier's or funder's token reads the candidacy
but gets 403 here."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from ninja import File, Form, UploadedFile

from acquis.accounts.permissions import Action
from acquis.api.pathways.common import _act, _file, write_route
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

EXPERIENCE_REFUSALS = (
    "`experience_title_required`, `experience_start_required`, `experience_end_before_start`, "
    "`experience_hours_invalid`, `invalid_employment_status`"
)


@write_route(
    "/{int:candidacy_id}/opinion",
    summary="Donner l'avis de l'accompagnateur",
    description=(
        "Avis `favourable` ou `unfavourable` sur l'adéquation de l'expérience à la certification visée, motivé "
        "(`text`) ; un nouvel avis remplace le précédent. Il peut suivre le dépôt du dossier de faisabilité "
        "jusqu'à la réception du dossier complet : il est alors ajouté au dossier déposé. Refus : 409 "
        "`no_accompanier`, `opinion_after_receipt` ; 422 `invalid_opinion`, "
        "`opinion_text_required`. "
    ),
)
def opinion_give(request, candidacy_id: int, payload: OpinionIn):
    def write(candidacy):
        services.candidacy_opinion_give(
            actor=request.auth, candidacy=candidacy, opinion=payload.opinion, text=payload.text, on=payload.on
        )

    return _act(request, candidacy_id, Action.GIVE_ACCOMPANIER_OPINION, write)


@write_route(
    "/{int:candidacy_id}/experiences",
    summary="Ajouter une expérience à la candidature",
    description=(
        "Tant que le dossier de faisabilité n'est pas déposé (il contient alors les expériences). Refus : 409 "
        f"`feasibility_already_filed` ; 422 {EXPERIENCE_REFUSALS}. "
    ),
)
def experience_add(request, candidacy_id: int, payload: ExperienceIn):
    def write(candidacy):
        services.candidacy_experience_add(actor=request.auth, candidacy=candidacy, **payload.model_dump())

    return _act(request, candidacy_id, Action.EDIT_CANDIDACY, write)


@write_route(
    "/{int:candidacy_id}/accompanier",
    summary="Choisir l'accompagnateur de la candidature",
    description=(
        "Un organisme de la liste tenue par le GIP (certification Qualiopi en cours de validité, R6412-2), désigné "
        "par son SIRET ; le parcours devient accompagné. Refus : 422 `unknown_accompanier`, "
        "`accompanier_not_listed`. "
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

    return _act(request, candidacy_id, Action.EDIT_CANDIDACY, write)


@write_route(
    "/{int:candidacy_id}/programme",
    summary="Inscrire la candidature à un accompagnement collectif",
    description=(
        "Par le code d'inscription de l'accompagnement (cohorte d'un commanditaire ; de 2019 à 2023, "
        "accompagnement de l'État ou d'une région, R6423-3-1). L'aide au dépôt du dossier est décidée ce jour par "
        "la règle `support.admissibility_filing_assistance`. Refus : 422 `unknown_enrolment_code`, "
        "`programme_not_open`, `programme_other_certification`. "
    ),
)
def programme_enrol(request, candidacy_id: int, payload: ProgrammeEnrolIn):
    def write(candidacy):
        services.candidacy_programme_enrol(
            actor=request.auth, candidacy=candidacy, enrolment_code=payload.enrolment_code, on=payload.on
        )

    return _act(request, candidacy_id, Action.EDIT_CANDIDACY, write)


@write_route(
    "/{int:candidacy_id}/feasibility",
    summary="Déposer le dossier de faisabilité",
    description=(
        "Le dossier (certification ou blocs, candidat, expériences, formations, avis de l'accompagnateur) est "
        "adressé au certificateur ; les pièces s'ajoutent ensuite par `…/feasibility/attachments`. Le quota "
        "annuel (R6412-3, règle `admissibility.annual_quota`) est décidé pour le jour du dépôt : un refus répond "
        "**422** avec la raison de la règle pour code — `same_certification_this_year` ou "
        "`too_many_certifications_this_year` —, cite l'article et donne `sources`. Autres refus : 409 "
        "`feasibility_already_filed`, `experiences_required`. "
    ),
)
def feasibility_submit(request, candidacy_id: int, payload: FeasibilitySubmitIn):
    def write(candidacy):
        services.feasibility_file_submit(actor=request.auth, candidacy=candidacy)

    return _act(request, candidacy_id, Action.EDIT_CANDIDACY, write)


@write_route(
    "/{int:candidacy_id}/feasibility/attachments",
    summary="Ajouter une pièce au dossier de faisabilité",
    description=(
        "Envoi `multipart/form-data` : `kind` (`identity`, `experience_proof`, `training_proof`, `other`) et "
        "`document` (PDF, PNG ou JPEG, reconnu à son contenu, 20 Mo au plus), typiquement une pièce que le "
        "certificateur a demandée, tant que le dossier n'est pas complet. Refus : 409 `feasibility_not_filed`, "
        "`feasibility_complete` ; 422 `invalid_attachment_kind`, `file_empty`, `file_too_large`, "
        "`file_type_refused`. "
    ),
)
def feasibility_attachment_add(request, candidacy_id: int, kind: Form[str], document: File[UploadedFile]):
    refuse_unknown_form_fields(request, fields=frozenset({"kind"}), files=frozenset({"document"}))

    def write(candidacy):
        services.feasibility_attachment_add(actor=request.auth, file=_file(candidacy), kind=kind, document=document)

    return _act(request, candidacy_id, Action.EDIT_CANDIDACY, write)


@write_route(
    "/{int:candidacy_id}/validation-file",
    summary="Déposer le dossier de validation",
    description=(
        "Une fois le dossier de faisabilité recevable (explicitement ou par silence) et non caduc ; de nouveau "
        "après une validation partielle ou un refus. Le dernier jour du jury (`jury.latest_date`, R6412-5) est "
        "décidé et conservé. Refus : 409 `validation_not_expected`, `feasibility_not_admissible`. "
    ),
)
def validation_file_submit(request, candidacy_id: int, payload: ValidationFileIn):
    def write(candidacy):
        services.validation_file_submit(actor=request.auth, candidacy=candidacy, summary=payload.summary)

    return _act(request, candidacy_id, Action.EDIT_CANDIDACY, write)


@write_route(
    "/{int:candidacy_id}/steps",
    summary="Enregistrer une démarche du parcours (candidature)",
    description=(
        "Une démarche accomplie après la recevabilité l'empêche de devenir caduque (R6412-4, règle "
        "`admissibility.lapse_date`). Refus : 422 `description_required`. "
    ),
)
def step_record(request, candidacy_id: int, payload: StepIn):
    def write(candidacy):
        services.candidacy_step_record(
            actor=request.auth, candidacy=candidacy, description=payload.description, recorded_on=payload.recorded_on
        )

    return _act(request, candidacy_id, Action.EDIT_CANDIDACY, write)


@write_route(
    "/{int:candidacy_id}/legitimate-reason",
    summary="Enregistrer un motif légitime (recevabilité)",
    description=(
        "Un motif légitime (R6412-4) : la recevabilité ne devient pas caduque faute de démarche. Refus : 422 "
        "`reason_required`. "
    ),
)
def legitimate_reason_record(request, candidacy_id: int, payload: LegitimateReasonIn):
    def write(candidacy):
        services.candidacy_legitimate_reason_record(
            actor=request.auth, candidacy=candidacy, reason=payload.reason, recorded_on=payload.recorded_on
        )

    return _act(request, candidacy_id, Action.EDIT_CANDIDACY, write)


@write_route(
    "/{int:candidacy_id}/attestations",
    summary="Demander une attestation du résultat du jury (candidat)",
    description=(
        "`result` (résultat du jury) ou `blocks` (blocs acquis, après une validation partielle) ; le candidat "
        "seul. Refus : 409 `no_jury_result` (pas de résultat, ou résultat retiré), `no_blocks_acquired` ; 422 "
        "`invalid_attestation_kind`. "
    ),
)
def attestation_request(request, candidacy_id: int, payload: AttestationIn):
    def write(candidacy):
        services.attestation_request(actor=request.auth, candidacy=candidacy, kind=payload.kind)

    return _act(request, candidacy_id, Action.REQUEST_ATTESTATION, write)
