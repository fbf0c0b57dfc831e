"""The candidate's side of the pathway: the candidate, and the accompanier acting with them (its opinion)."""

from __future__ import annotations

from acquis.accounts.permissions import Action
from acquis.api.pathways.common import VISIBILITY, WRITE_ERRORS, _act, router
from acquis.api.pathways.schemas import CandidacyDetailOut, OpinionIn
from acquis.pathways import services


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
