"""What every pathway route shares: the router, loading a candidacy the caller may read (404) or act on
(403), answering the service's refusal as a problem (409 or 422), and the audited write."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Router

from acquis.accounts.actors import Actor
from acquis.accounts.permissions import Action, can, load_for
from acquis.api.auth import audit_scope
from acquis.api.errors import validation_codes, validation_problem
from acquis.api.pathways.detail import candidacy_detail_out
from acquis.api.pathways.schemas import CandidacyDetailOut, ProblemOut
from acquis.certifications.models import Certification, SkillBlock
from acquis.certifications.selectors import certification_by_code, skill_blocks_by_code
from acquis.pathways.models import Candidacy
from acquis.pathways.permissions import PathwayAction
from acquis.pathways.services.common import require_open
from acquis.pathways.services.jury import VIOLATION_LABELS
from acquis.pathways.transitions import CONFLICTS, TRANSITIONS, refusals_text

router = Router(tags=["parcours VAE"])

ERRORS = {401: ProblemOut, 403: ProblemOut, 404: ProblemOut}
WRITE_ERRORS = {**ERRORS, 409: ProblemOut, 422: ProblemOut}
VISIBILITY = (
    "Une candidature que vous ne pouvez ni lire ni traiter répond 404, comme une candidature inexistante ; une "
    "candidature que vous lisez sans pouvoir faire cette action répond 403. Une candidature clôturée ou anonymisée "
    "répond 409 (`candidacy_closed`, `candidacy_anonymised`). Dépôts, réceptions, décisions et notifications sont "
    "datés par l'horloge du portail ; une date saisie (démarche, motif) postérieure à aujourd'hui répond 422 "
    "(`date_in_future`). Rien n'est enregistré en cas de refus ; la réponse est la candidature à jour."
)


def write_route(path: str, *, transition: str, summary: str, description: str) -> Callable:
    """A write on one candidacy: answers its full view (200), or a refusal; the description ends with the
    refusals of its row in the workflow table and what every such route shares (VISIBILITY)."""
    return router.post(
        path,
        response={200: CandidacyDetailOut, **WRITE_ERRORS},
        by_alias=True,
        summary=summary,
        description=description + refusals_text(transition) + VISIBILITY,
    )


def is_gip(actor: Actor) -> bool:
    # With no candidacy in hand, only the GIP reads every candidacy (the VIEW_CANDIDACY predicate).
    return can(actor, PathwayAction.VIEW_CANDIDACY, None)


def _not_found(pk: int) -> Http404:
    return Http404(f"Aucune candidature n° {pk} ne vous est accessible.")


def load(request: HttpRequest, pk: int, action: Action | None = None, *, closed_ok: bool = False) -> Candidacy:
    """The candidacy if the caller may read it (and do ``action``): 404 if it may not even read it, 409 if it
    is closed, else 403. ``closed_ok``: the action is meant for closed candidacies too (reopening, litigation),
    so a caller who may not do it gets 403 whatever the candidacy's state (409 once anonymised)."""
    candidacy = Candidacy.objects.select_related("programme").filter(pk=pk).first()
    try:
        return load_for(request.auth, action, candidacy, missing=_not_found(pk).args[0])
    except PermissionDenied:
        if not closed_ok or candidacy.anonymised_on is not None:
            require_open(candidacy)  # a closed candidacy refuses every action: say so rather than 403
        raise PermissionDenied(
            "Votre compte ou votre jeton ne permet pas cette action sur cette candidature."
        ) from None


def json_response(body: dict[str, Any], status: int = 200) -> HttpResponse:
    # Serialised here so that each Decision keeps the engine's own JSON (acquis.rules.decision/1) byte for byte;
    # tests check the body against CandidacyDetailOut / CandidacyFundingOut.
    return HttpResponse(
        json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False), status=status, content_type="application/json"
    )


def refusal(request: HttpRequest, exc: ValidationError) -> HttpResponse:
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


def act(
    request: HttpRequest,
    pk: int,
    transition: str,
    write: Callable[[Candidacy], Any],
    *,
    created: bool = False,
) -> HttpResponse:
    """Load, check the ``transition``'s permission (acquis/pathways/transitions.py), write through its service
    in the API's audit scope; answer the candidacy as it now is, or (``created``: the write returns a new
    candidacy, as a reorientation does) the new one with 201."""
    row = TRANSITIONS[transition]
    try:
        candidacy = load(request, pk, row.action, closed_ok=row.closed_ok)
        with audit_scope(request):
            written = write(candidacy)
    except ValidationError as exc:
        return refusal(request, exc)
    if created:
        return json_response(candidacy_detail_out(written.pk, timezone.localdate()), status=201)
    return json_response(candidacy_detail_out(pk, timezone.localdate()))


def target_of(
    certification: str, blocks: list[str]
) -> tuple[Certification | None, list[SkillBlock], dict[str, ValidationError]]:
    """The certification and blocks a registration or a reorientation names by code, and the refusal of each
    code the registry lacks (the service then checks that the blocks belong to the certification)."""
    errors: dict[str, ValidationError] = {}
    found = certification_by_code(code=certification)
    if found is None:
        errors["certification"] = ValidationError(
            f"La fiche {certification} n'est pas dans le répertoire.", code="unknown_certification"
        )
    codes = sorted({code.strip().upper() for code in blocks})
    skill_blocks = skill_blocks_by_code(codes=codes)
    unknown = sorted(set(codes) - {block.code for block in skill_blocks})
    if unknown:
        errors["blocks"] = ValidationError(f"Blocs inconnus : {', '.join(unknown)}.", code="unknown_block")
    return found, skill_blocks, errors
