"""/api/v1/candidacies: the VAE pathway for certifiers' and accompaniers' information systems (issue 6).

Who sees what (R6411-5, recipients by purpose): a certifier — a person with the certifier role or the
organisation's API token — the files addressed to it; an accompanier the candidacies that chose it; a
candidate their own; the GIP all; a funder the candidacies of the programmes it sponsors, in a **funding
view** without the candidate's personal data. Statisticians read aggregates elsewhere, never a candidacy.

404 or 403: a candidacy the caller may neither read nor act on answers **404**, with the very body a
candidacy that does not exist gets (ids are sequential). One the caller reads but may not act on answers 403.
A refusal by the services answers **409** when the candidacy's state forbids the action (already decided,
closed, wrong step) and **422** when the input is refused (a rule's refusal cites its article and sentence).

Statuses and deadlines are computed when read (acquis.pathways.status), never stored.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Query, Router

from acquis.accounts.enums import Role
from acquis.accounts.models import ApiToken, Organisation
from acquis.accounts.permissions import Action, can, grants_of, is_user
from acquis.api.auth import audit_scope
from acquis.api.errors import validation_codes, validation_problem
from acquis.api.pathways_schemas import (
    CandidacyDetailOut,
    CandidacyFundingOut,
    CandidacyListOut,
    CandidacyListQuery,
    FeasibilityDecisionIn,
    JuryIn,
    JuryResultIn,
    OpinionIn,
    PiecesRequestIn,
    ProblemOut,
    ReceiptIn,
)
from acquis.certifications.models import SkillBlock
from acquis.pathways import selectors, services
from acquis.pathways.models import Candidacy, FeasibilityFile, JurySession
from acquis.pathways.services.common import require_open
from acquis.pathways.services.jury import VIOLATION_LABELS
from acquis.pathways.status import Status

router = Router(tags=["parcours VAE"])

ERRORS = {401: ProblemOut, 403: ProblemOut, 404: ProblemOut}
WRITE_ERRORS = {**ERRORS, 409: ProblemOut, 422: ProblemOut}
VISIBILITY = (
    "Une candidature que vous ne pouvez ni lire ni traiter répond 404, comme une candidature inexistante ; une "
    "candidature que vous lisez sans pouvoir faire cette action répond 403. Une candidature clôturée ou anonymisée "
    "répond 409 (`candidacy_closed`, `candidacy_anonymised`). Une date postérieure à aujourd'hui répond 422 "
    "(`date_in_future`). Rien n'est enregistré en cas de refus ; la réponse est la candidature à jour."
)
# Codes of the services' refusals that come from the candidacy's state rather than from the input.
CONFLICTS = frozenset(
    {
        "candidacy_closed",
        "candidacy_anonymised",
        "feasibility_not_filed",
        "receipt_already_acknowledged",
        "receipt_not_acknowledged",
        "decision_already_recorded",
        "jury_not_expected",
        "jury_not_scheduled",
        "result_already_recorded",
        "no_accompanier",
    }
)
SCOPE_ROLES = {"certifier": Role.CERTIFIER, "accompanier": Role.ACCOMPANIER, "funder": Role.FUNDER}
WORKLIST_ACTIONS = {
    "certifier": Action.VIEW_CERTIFIER_WORKLIST,
    "accompanier": Action.VIEW_ACCOMPANIER_WORKLIST,
    "funder": Action.VIEW_FUNDER_WORKLIST,
}


def _is_gip(actor: Any) -> bool:
    # With no candidacy in hand, only the GIP reads every candidacy (the VIEW_CANDIDACY predicate).
    return can(actor, Action.VIEW_CANDIDACY, None)


def _not_found(pk: int) -> Http404:
    return Http404(f"Aucune candidature n° {pk} ne vous est accessible.")


def _reads(actor: Any, candidacy: Candidacy) -> bool:
    return can(actor, Action.VIEW_CANDIDACY, candidacy) or can(actor, Action.VIEW_CANDIDACY_FUNDING, candidacy)


def _load(request: HttpRequest, pk: int, action: Action | None = None) -> Candidacy:
    """The candidacy if the caller may read it (and do ``action``): 404 if it may not even read it, 409 if it
    is closed, else 403."""
    actor = request.auth
    candidacy = Candidacy.objects.select_related("programme").filter(pk=pk).first()
    if candidacy is None or not (_reads(actor, candidacy) or (action and can(actor, action, candidacy))):
        raise _not_found(pk)
    if action is not None and not can(actor, action, candidacy):
        require_open(candidacy)  # a closed candidacy refuses every action: say so rather than 403
        raise PermissionDenied("Votre compte ou votre jeton ne permet pas cette action sur cette candidature.")
    return candidacy


def _json(body: dict[str, Any], status: int = 200) -> HttpResponse:
    # Serialised here so that each Decision keeps the engine's own JSON (acquis.rules.decision/1) byte for byte;
    # tests check the body against CandidacyDetailOut / CandidacyFundingOut.
    return HttpResponse(
        json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False), status=status, content_type="application/json"
    )


def _status(status: Status) -> dict[str, Any]:
    return {
        "code": status.code,
        "label": status.label,
        "deadline": status.deadline,
        "deadline_label": status.deadline_label,
        "note": status.note,
    }


def _organisation(organisation: Organisation | None) -> dict[str, str] | None:
    return None if organisation is None else {"siret": organisation.siret, "name": organisation.name}


def _feasibility(file: FeasibilityFile | None) -> dict[str, Any] | None:
    if file is None:
        return None
    return {
        "filed_on": file.filed_on,
        "is_block": file.is_block,
        "quota_decision": file.quota_decision,
        "pieces_requests": [{"requested_on": r.requested_on, "pieces": r.pieces} for r in file.pieces_requests.all()],
        "pieces_requested_on": file.pieces_requested_on,
        "complete_on": file.complete_on,
        "decision_due_on": file.decision_due_on,
        "decision_kind": file.decision_kind or None,
        "decided_on": file.decided_on,
        "gaps": file.gaps,
        "recommendations": file.recommendations,
        "lapse_on": file.lapse_on,
        "attachments": [
            {
                "id": a.pk,
                "kind": a.kind,
                "original_name": a.original_name,
                "content_type": a.content_type,
                "size": a.size,
                "sha256": a.checksum,
            }
            for a in file.attachments.all()
        ],
    }


def _jury(session: JurySession | None) -> dict[str, Any] | None:
    if session is None:
        return None
    result = getattr(session, "result", None)
    return {
        "held_on": session.held_on,
        "place": session.place,
        "members": [
            {
                "name": m.name,
                "sex": m.sex,
                "qualified": m.qualified,
                "has_link_with_candidate": m.has_link_with_candidate,
                "is_accompanier": m.is_accompanier,
                "is_chair": m.is_chair,
            }
            for m in session.members.all()
        ],
        "composition_decision": session.composition_decision,
        "composition_error": session.composition_error,
        "result": None
        if result is None
        else {
            "kind": result.kind,
            "kind_label": result.get_kind_display(),
            "blocks_acquired": [b.code for b in result.blocks_acquired.all()],
            "notification_due_decision": result.notification_due_decision,
            "notification_due_error": result.notification_due_error,
            "notified_on": result.notified_on,
            "withdrawn_on": result.withdrawn_on,
        },
    }


def _detail(pk: int, on: dt.date) -> dict[str, Any]:
    candidacy = selectors.candidacy_detail(pk=pk)
    file = getattr(candidacy, "feasibility", None)
    candidate = candidacy.candidate
    return {
        "view": "full",
        "id": candidacy.pk,
        "on": on,
        "status": _status(selectors.candidacy_status(candidacy, on=on)),
        "stage": candidacy.stage,
        "closure": candidacy.closure,
        "candidate": None if candidate is None else {"name": candidate.get_full_name(), "email": candidate.email},
        "certification": {"code": candidacy.certification.code, "title": candidacy.certification.title},
        "blocks": [{"code": b.code, "title": b.title} for b in candidacy.blocks.all()],
        "certifier": _organisation(candidacy.certifier),
        "accompanier": _organisation(candidacy.accompanier),
        "department": candidacy.department.code,
        "qualification_level": candidacy.qualification_level,
        "started_on": candidacy.started_on,
        "registered_on": candidacy.registered_on,
        "accompaniment_mode": candidacy.accompaniment_mode,
        "programme": candidacy.programme.enrolment_code if candidacy.programme else None,
        "accompanier_opinion": {
            "opinion": candidacy.accompanier_opinion,
            "text": candidacy.accompanier_opinion_text,
            "on": candidacy.accompanier_opinion_on,
        }
        if candidacy.accompanier_opinion
        else None,
        "experiences": [
            {
                "title": e.title,
                "started_on": e.started_on,
                "ended_on": e.ended_on,
                "hours": e.hours,
                "employment_status": e.employment_status,
            }
            for e in candidacy.experiences.all()
        ],
        "trainings": [
            {"title": t.title, "completed_on": t.completed_on, "hours": t.hours} for t in candidacy.trainings.all()
        ],
        "feasibility": _feasibility(file),
        "validation_files": [
            {
                "id": v.pk,
                "filed_on": v.filed_on,
                "latest_jury_decision": v.latest_jury_decision,
                "latest_jury_error": v.latest_jury_error,
                "jury": _jury(getattr(v, "jury", None)),
            }
            for v in candidacy.validation_files.all()
        ],
        "decisions": [
            {
                "rule_id": answer.rule_id,
                "decision": answer.decision.to_dict() if answer.decision else None,
                "error": answer.error,
            }
            for answer in selectors.candidacy_decisions(candidacy, on=on)
        ],
        "timeline": [
            {
                "at": entry.at,
                "kind": entry.kind,
                "label": entry.label,
                "actor": entry.actor,
                "decision": entry.decision.to_dict() if entry.decision else None,
                "error": entry.error,
                "payload": entry.payload,
            }
            for entry in selectors.candidacy_timeline(candidacy, on=on)
        ],
    }


def _funding(candidacy: Candidacy, on: dt.date) -> dict[str, Any]:
    """What a sponsor's funding needs (the same fields as selectors.funder_candidacies)."""
    return {
        "view": "funding",
        "id": candidacy.pk,
        "on": on,
        "status": _status(selectors.candidacy_status(candidacy, on=on)),
        "programme": candidacy.programme.enrolment_code,
        "certification_code": candidacy.certification.code,
        "department": candidacy.department.code,
        "enrolled_on": candidacy.enrolled_on,
    }


def _refusal(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """409 when the candidacy's state forbids the action, else 422; a rule's refusal carries its sources and,
    for the jury's composition, the D6412-6 violations."""
    codes = {code for field_codes in validation_codes(exc).values() for code in field_codes}
    extra: dict[str, Any] = {}
    groups = exc.error_dict.values() if hasattr(exc, "error_dict") else [exc.error_list]
    for error in (error for group in groups for error in group):
        decision = (error.params or {}).get("decision")
        if decision is None:
            continue
        extra["sources"] = decision["sources"]
        if error.code == "jury_composition_invalid":
            extra["violations"] = [
                {"code": code, "label": VIOLATION_LABELS[code]} for code in decision["value"]["violations"]
            ]
    return validation_problem(request, exc, status=409 if codes & CONFLICTS else 422, **extra)


def _act(request: HttpRequest, pk: int, action: Action, write: Callable[[Candidacy], Any]) -> HttpResponse:
    """Load, check, write through the service in the API's audit scope; answer the candidacy as it now is."""
    try:
        candidacy = _load(request, pk, action)
        with audit_scope(request):
            write(candidacy)
    except ValidationError as exc:
        return _refusal(request, exc)
    return _json(_detail(pk, timezone.localdate()))


def _file(candidacy: Candidacy) -> FeasibilityFile:
    file = FeasibilityFile.objects.filter(candidacy=candidacy).first()
    if file is None:
        raise ValidationError("Le dossier de faisabilité n'est pas encore déposé.", code="feasibility_not_filed")
    return file


def _session(candidacy: Candidacy) -> JurySession:
    session = JurySession.objects.filter(validation_file__candidacy=candidacy).order_by("-held_on", "-id").first()
    if session is None:
        raise ValidationError("Aucun jury n'est programmé pour cette candidature.", code="jury_not_scheduled")
    return session


# --- reads --------------------------------------------------------------------------------------------------


def _scope(request: HttpRequest, wanted: str | None, siret: str | None) -> tuple[str, Organisation | None]:
    """The list the caller asked for (or its default) and the organisation it is read for; 403 otherwise."""
    actor = request.auth
    grants = grants_of(actor)
    scope = wanted
    if scope is None:
        scope = next((role for role, granted in SCOPE_ROLES.items() if any(g.role == granted for g in grants)), None)
        if scope is None:
            scope = "all" if _is_gip(actor) else "candidate"
    if scope == "candidate":
        if not is_user(actor):
            raise PermissionDenied("Un jeton d'API n'a pas de candidatures à son nom.")
        return scope, None
    if scope == "all":
        if not _is_gip(actor):
            raise PermissionDenied("Seule l'équipe du GIP lit toutes les candidatures.")
        return scope, None
    if siret:
        organisation = Organisation.objects.filter(siret=siret).first()
    else:
        ids = [g.organisation_id for g in grants if g.role == SCOPE_ROLES[scope] and g.organisation_id]
        organisation = Organisation.objects.filter(pk__in=ids[:1]).first()
    if organisation is None or not can(actor, WORKLIST_ACTIONS[scope], organisation):
        raise PermissionDenied("Votre compte ou votre jeton ne donne pas accès à cette liste de candidatures.")
    if isinstance(actor, ApiToken) and actor.role != SCOPE_ROLES[scope]:
        raise PermissionDenied("Votre jeton ne donne pas accès à cette liste de candidatures.")
    return scope, organisation


@router.get(
    "",
    response={200: CandidacyListOut, **ERRORS, 422: ProblemOut},
    summary="Lister les candidatures (liste de travail)",
    description=(
        "La liste de travail de l'appelant : dossiers adressés à l'organisme certificateur, candidatures qui ont "
        "choisi l'accompagnateur, candidatures des accompagnements collectifs financés (sans nom du candidat), "
        "ses propres candidatures (candidat), toutes (équipe du GIP). Chaque candidature porte son **statut "
        "calculé ce jour** par les règles, sa prochaine échéance et ce qu'elle fixe ; `counts_by_status` compte le "
        "périmètre par statut et `due_soon` les échéances proches. Filtres : `status` (répétable), `due_within` "
        "(jours). Les candidatures anonymisées sont exclues. Un jeton d'employeur n'a pas de liste (403)."
    ),
)
def candidacy_list(request, filters: Query[CandidacyListQuery]):
    actor = request.auth
    scope, organisation = _scope(request, filters.scope, filters.siret)
    on = timezone.localdate()
    options = {
        "on": on,
        "statuses": [status.value for status in filters.status] if filters.status else None,
        "due_within": dt.timedelta(days=filters.due_within) if filters.due_within is not None else None,
        "page": filters.page,
        "page_size": filters.page_size,
    }
    if organisation is not None:
        worklist = selectors.worklist(scope=scope, organisation=organisation, **options)
    else:
        worklist = selectors.candidacies_page(condition=Q(candidate=actor) if scope == "candidate" else Q(), **options)
    return {
        "on": on,
        "scope": scope,
        "organisation_siret": organisation.siret if organisation else None,
        "total": worklist.total,
        "page": worklist.page,
        "page_size": worklist.page_size,
        "counts_by_status": worklist.counts,
        "due_soon": worklist.due_soon,
        "items": [
            {
                "id": row.pk,
                "status": row.status,
                "status_label": row.status_label,
                "deadline": row.deadline,
                "deadline_label": row.deadline_label,
                "note": row.note,
                "stage": row.stage,
                "certification_code": row.certification_code,
                "certification_title": row.certification_title,
                "department": row.department_code,
                "candidate_name": None if scope == "funder" else row.candidate_name,
                "updated_at": row.updated_at,
            }
            for row in worklist.rows
        ],
    }


@router.get(
    "/{int:candidacy_id}",
    response={200: CandidacyDetailOut | CandidacyFundingOut, **ERRORS},
    by_alias=True,
    summary="Lire une candidature",
    description=(
        "Vue complète (`view: full`) pour le candidat, l'accompagnateur choisi, le certificateur destinataire et "
        "l'équipe du GIP : candidature, expériences, dossier de faisabilité, dossiers de validation, jury, "
        "résultat, le statut calculé ce jour, les **décisions complètes** qui valent ce jour (valeur, version, "
        "sources : article, identifiant LEGIARTI, phrase ; trace) et la chronologie (événements et décisions). "
        "Vue de financement (`view: funding`, R6411-5) pour le financeur d'un accompagnement collectif : statut, "
        "accompagnement, certification, département, date d'inscription — aucune donnée personnelle. " + VISIBILITY
    ),
)
def candidacy_read(request, candidacy_id: int):
    candidacy = _load(request, candidacy_id)
    on = timezone.localdate()
    if can(request.auth, Action.VIEW_CANDIDACY, candidacy):
        return _json(_detail(candidacy_id, on))
    return _json(_funding(candidacy, on))


# --- certifier ------------------------------------------------------------------------------------------------


@router.post(
    "/{int:candidacy_id}/feasibility/pieces-request",
    response={200: CandidacyDetailOut, **WRITE_ERRORS},
    by_alias=True,
    summary="Demander des pièces manquantes (certificateur)",
    description=(
        "Avant de confirmer la réception du dossier de faisabilité complet. Refus : 409 `feasibility_not_filed`, "
        "`receipt_already_acknowledged` ; 422 `pieces_required`, `date_before_filing`. " + VISIBILITY
    ),
)
def feasibility_pieces_request(request, candidacy_id: int, payload: PiecesRequestIn):
    def write(candidacy):
        services.feasibility_pieces_request(
            actor=request.auth, file=_file(candidacy), pieces=payload.pieces, requested_on=payload.requested_on
        )

    return _act(request, candidacy_id, Action.INSTRUCT_FEASIBILITY, write)


@router.post(
    "/{int:candidacy_id}/feasibility/receipt",
    response={200: CandidacyDetailOut, **WRITE_ERRORS},
    by_alias=True,
    summary="Confirmer la réception du dossier complet (certificateur)",
    description=(
        "`complete_on` est la date certaine de réception du dossier complet : le délai de décision de deux mois "
        "(R6412-4, règle `admissibility.decision_due`) court à partir d'elle ; à son terme sans décision, le "
        "dossier est réputé recevable. Refus : 409 `feasibility_not_filed`, `receipt_already_acknowledged` ; "
        "422 `complete_before_filing`. " + VISIBILITY
    ),
)
def feasibility_receipt(request, candidacy_id: int, payload: ReceiptIn):
    def write(candidacy):
        services.feasibility_receipt_acknowledge(
            actor=request.auth, file=_file(candidacy), complete_on=payload.complete_on
        )

    return _act(request, candidacy_id, Action.INSTRUCT_FEASIBILITY, write)


@router.post(
    "/{int:candidacy_id}/feasibility/decision",
    response={200: CandidacyDetailOut, **WRITE_ERRORS},
    by_alias=True,
    summary="Décider de la recevabilité (certificateur)",
    description=(
        "`admissible` ou `not_admissible` (avec les écarts au référentiel, `gaps`) et des préconisations. Après "
        "le délai de deux mois, le dossier est réputé recevable : **422** `decision_delay_expired`, le message "
        "cite l'article R6412-4 et `sources` en donne la version. Autres refus : 409 `feasibility_not_filed`, "
        "`receipt_not_acknowledged`, `decision_already_recorded` ; 422 `invalid_decision_kind`, `gaps_required`, "
        "`decision_before_receipt`. " + VISIBILITY
    ),
)
def feasibility_decision(request, candidacy_id: int, payload: FeasibilityDecisionIn):
    def write(candidacy):
        services.feasibility_decide(
            actor=request.auth,
            file=_file(candidacy),
            kind=payload.kind,
            decided_on=payload.decided_on,
            gaps=payload.gaps,
            recommendations=payload.recommendations,
        )

    return _act(request, candidacy_id, Action.INSTRUCT_FEASIBILITY, write)


@router.post(
    "/{int:candidacy_id}/jury",
    response={200: CandidacyDetailOut, **WRITE_ERRORS},
    by_alias=True,
    summary="Programmer le jury (certificateur)",
    description=(
        "Date et membres du jury, pour le dossier de validation en cours. Une date postérieure au dernier jour "
        "(`jury.latest_date`, fin du troisième mois après le dépôt) répond **422** `jury_after_latest_date` en "
        "citant l'article R6412-5. Pour les parcours commencés depuis le 13 avril 2024, une composition contraire "
        "à l'article D6412-6 répond **422** `jury_composition_invalid` avec `violations` (codes "
        f"{', '.join(f'`{code}`' for code in VIOLATION_LABELS)}) et `sources` (les phrases de l'article). "
        "Autres refus : 409 `jury_not_expected` ; 422 `jury_before_filing`, `jury_member_incomplete`. " + VISIBILITY
    ),
)
def jury_schedule(request, candidacy_id: int, payload: JuryIn):
    def write(candidacy):
        validation = candidacy.validation_files.order_by("-filed_on", "-id").first()
        if validation is None:
            raise ValidationError("Aucun dossier de validation n'attend de jury.", code="jury_not_expected")
        services.jury_schedule(
            actor=request.auth,
            validation_file=validation,
            held_on=payload.held_on,
            members=[member.model_dump() for member in payload.members],
            place=payload.place,
        )

    return _act(request, candidacy_id, Action.MANAGE_JURY, write)


@router.post(
    "/{int:candidacy_id}/jury/result",
    response={200: CandidacyDetailOut, **WRITE_ERRORS},
    by_alias=True,
    summary="Enregistrer le résultat du jury (certificateur)",
    description=(
        "`full` (validation totale), `partial` (avec `blocks`, les codes des blocs acquis) ou `refused`, à partir "
        "du jour du jury ; la date de notification due (R6412-7) est décidée et conservée. Refus : 409 "
        "`jury_not_scheduled`, `result_already_recorded` ; 422 `jury_not_held_yet`, `invalid_result_kind`, "
        "`blocks_required`, `blocks_not_allowed`, `blocks_outside_certification`, `unknown_block`. " + VISIBILITY
    ),
)
def jury_result(request, candidacy_id: int, payload: JuryResultIn):
    def write(candidacy):
        session = _session(candidacy)
        blocks = list(SkillBlock.objects.filter(code__in=payload.blocks))
        unknown = sorted(set(payload.blocks) - {block.code for block in blocks})
        if unknown:
            raise ValidationError(
                {"blocks": ValidationError(f"Blocs inconnus : {', '.join(unknown)}.", code="unknown_block")}
            )
        services.jury_result_record(
            actor=request.auth, session=session, kind=payload.kind, blocks_acquired=blocks, comment=payload.comment
        )

    return _act(request, candidacy_id, Action.MANAGE_JURY, write)


# --- accompanier ----------------------------------------------------------------------------------------------


@router.post(
    "/{int:candidacy_id}/opinion",
    response={200: CandidacyDetailOut, **WRITE_ERRORS},
    by_alias=True,
    summary="Donner l'avis de l'accompagnateur",
    description=(
        "Avis `favourable` ou `unfavourable` sur l'adéquation de l'expérience à la certification visée, motivé "
        "(`text`) ; un nouvel avis remplace le précédent, le dossier de faisabilité déjà déposé garde celui qu'il "
        "contenait. Refus : 409 `no_accompanier` ; 422 `invalid_opinion`, "
        "`opinion_text_required`. " + VISIBILITY
    ),
)
def opinion_give(request, candidacy_id: int, payload: OpinionIn):
    def write(candidacy):
        services.candidacy_opinion_give(
            actor=request.auth, candidacy=candidacy, opinion=payload.opinion, text=payload.text, on=payload.on
        )

    return _act(request, candidacy_id, Action.GIVE_ACCOMPANIER_OPINION, write)
