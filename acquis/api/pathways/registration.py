"""Registration of a candidacy (R6412-2): a candidate for themselves, an accompanier or the GIP on a candidate's
behalf. People only: a machine client has no candidacy of its own and registers no one (403)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.http import HttpRequest
from django.utils import timezone

from acquis.accounts.actors import Actor
from acquis.accounts.enums import Role
from acquis.accounts.models import Organisation
from acquis.accounts.permissions import can, has_role
from acquis.api.auth import audit_scope
from acquis.api.pathways.common import is_gip, json_response, refusal, router, target_of
from acquis.api.pathways.detail import candidacy_detail_out
from acquis.api.pathways.schemas import CandidacyDetailOut, InvitationOut, ProblemOut, RegistrationIn
from acquis.pathways import selectors, services
from acquis.pathways.enums import AccompanimentMode
from acquis.pathways.permissions import PathwayAction


def _refused(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _on_behalf(actor: Actor, email: str | None) -> str | None:
    """The address of the person registered on their behalf (an accompanier or the GIP inviting them), or None
    when the caller registers themselves."""
    if email is None or email.strip().lower() == actor.email.lower():
        if not has_role(actor, Role.CANDIDATE):
            raise _refused(
                "candidate_email",
                "Indiquez le courriel du candidat que vous inscrivez.",
                "candidate_email_required",
            )
        return None
    if not (has_role(actor, Role.ACCOMPANIER) or is_gip(actor)):
        raise PermissionDenied("Un candidat ne peut inscrire que lui-même.")
    try:
        validate_email(email.strip())
    except ValidationError:
        raise _refused("candidate_email", "Saisissez une adresse électronique valide.", "invalid_email") from None
    return email.strip().lower()


def _references(actor: Actor, payload: RegistrationIn, on_behalf: bool) -> dict[str, Any]:
    """The objects the service takes, from the codes the input names; every unknown code at once."""
    certification, blocks, errors = target_of(payload.certification, payload.blocks)
    department = selectors.department_by_code(code=payload.department)
    if department is None:
        errors["department"] = ValidationError("Ce numéro de département n'existe pas.", code="unknown_department")
    accompanier: Organisation | None = None
    if payload.accompanier_siret:
        accompanier = selectors.organisation_by_siret(siret=payload.accompanier_siret)
        if accompanier is None:
            errors["accompanier_siret"] = ValidationError(
                "Aucune organisation n'a ce SIRET dans Acquis.", code="unknown_accompanier"
            )
    elif on_behalf and payload.accompaniment_mode == AccompanimentMode.ACCOMPANIED:
        # An accompanier registering a candidate accompanies them, as on the registration page.
        accompanier = selectors.own_organisation(actor=actor, role=Role.ACCOMPANIER)
    if errors:
        raise ValidationError(errors)
    return {"certification": certification, "blocks": blocks, "department": department, "accompanier": accompanier}


@router.post(
    "",
    response={201: CandidacyDetailOut, 202: InvitationOut, 401: ProblemOut, 403: ProblemOut, 422: ProblemOut},
    by_alias=True,
    summary="Inscrire une candidature",
    description=(
        "Un candidat s'inscrit lui-même (`candidate_email` omis) : réponse **201**, la candidature créée. Un "
        "accompagnateur ou l'équipe du GIP propose l'inscription d'une personne nommée par son courriel (un "
        'accompagnateur qui inscrit en parcours accompagné l\'accompagne) : réponse **202** `{"invitation": '
        '"sent", "email": …}`, la même que la personne ait un compte ou non ; elle reçoit un lien et la '
        "candidature n'est créée que si elle accepte. Un jeton d'API n'inscrit personne (403). Refus "
        "(422, rien n'est enregistré ni envoyé) : `in_initial_training` — la VAE n'est pas ouverte à une personne en "
        "formation initiale préparant cette certification (R6412-2) ; `candidate_email_required`, "
        "`invalid_email`, `unknown_certification`, `unknown_block`, `unknown_department`, "
        "`unknown_accompanier`, `accompanier_not_listed` (hors de la liste du GIP, Qualiopi expiré), "
        "`certification_not_vae_accessible`, `invalid_qualification_level`, `invalid_accompaniment_mode`, "
        "`accompanier_not_allowed`, `started_after_registration`, `blocks_outside_certification`, "
        "`experience_title_required`, `experience_start_required`, `experience_end_before_start`, "
        "`experience_hours_invalid`, `invalid_employment_status`, `date_in_future`. Le quota annuel de dépôts "
        "(R6412-3) s'applique au dépôt du dossier de faisabilité."
    ),
)
def candidacy_register(request: HttpRequest, payload: RegistrationIn):
    actor = request.auth
    if not can(actor, PathwayAction.REGISTER_CANDIDACY):
        raise PermissionDenied("Seuls un candidat, un accompagnateur ou l'équipe du GIP inscrivent une candidature.")
    try:
        email = _on_behalf(actor, payload.candidate_email)
        registration = {
            "qualification_level": payload.qualification_level,
            "started_on": payload.started_on or timezone.localdate(),
            "accompaniment_mode": payload.accompaniment_mode,
            "in_initial_training": payload.in_initial_training,
            "job_threatened": payload.job_threatened,
            "experiences": [experience.model_dump() for experience in payload.experiences],
            "trainings": [training.model_dump() for training in payload.trainings],
            **_references(actor, payload, on_behalf=email is not None),
        }
        with audit_scope(request):
            if email is not None:
                # Never registered without consent, never told whether the address has an account (M4).
                services.registration_invite(actor=actor, email=email, registration=registration)
                return json_response({"invitation": "sent", "email": email}, status=202)
            candidacy = services.candidacy_register(actor=actor, candidate=actor, **registration)
    except ValidationError as exc:
        return refusal(request, exc)
    return json_response(candidacy_detail_out(candidacy.pk, timezone.localdate()), status=201)
