"""The certifier's actions: missing pieces, receipt of the complete file, the admissibility decision, the
jury, its result, the result's notification, its withdrawal for fraud, and issuing attestations."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404

from acquis.api.pathways.common import act, write_route
from acquis.api.pathways.schemas import (
    AttestationIssueIn,
    FeasibilityDecisionIn,
    JuryIn,
    JuryResultIn,
    NotificationIn,
    ObservationsRequestIn,
    PiecesRequestIn,
    ReceiptIn,
    WithdrawalIn,
)
from acquis.certifications.selectors import skill_blocks_by_code
from acquis.pathways import selectors, services
from acquis.pathways.services.jury import VIOLATION_LABELS
from acquis.pathways.transitions import TRANSITIONS, target_file, target_result, target_session
from acquis.rules import ids
from acquis.rules.wording import wording_of


@write_route(
    "/{int:candidacy_id}/feasibility/pieces-request",
    transition="feasibility_pieces_request",
    summary="Demander des pièces manquantes (certificateur)",
    description=(
        "Avant de confirmer la réception du dossier de faisabilité complet. La demande est datée du jour de l'appel. "
    ),
)
def feasibility_pieces_request(request, candidacy_id: int, payload: PiecesRequestIn):
    def write(candidacy):
        services.feasibility_pieces_request(actor=request.auth, file=target_file(candidacy), pieces=payload.pieces)

    return act(request, candidacy_id, "feasibility_pieces_request", write)


DECISION_DELAY = wording_of(ids.ADMISSIBILITY_DECISION_DUE).durations["admissibility.decision_delay"]


@write_route(
    "/{int:candidacy_id}/feasibility/receipt",
    transition="feasibility_receipt_acknowledge",
    summary="Confirmer la réception du dossier complet (certificateur)",
    description=(
        "Le jour de l'appel (horloge du portail, jamais une date saisie) est la date certaine de réception du "
        f"dossier complet : le délai de décision de {DECISION_DELAY} "
        "(R6412-4, règle `admissibility.decision_due`) court "
        "à partir de lui ; à son terme sans décision, le dossier est réputé recevable. Une date erronée se "
        "corrige par le GIP, motif à l'appui. "
    ),
)
def feasibility_receipt(request, candidacy_id: int, payload: ReceiptIn):
    def write(candidacy):
        services.feasibility_receipt_acknowledge(actor=request.auth, file=target_file(candidacy))

    return act(request, candidacy_id, "feasibility_receipt_acknowledge", write)


@write_route(
    "/{int:candidacy_id}/feasibility/decision",
    transition="feasibility_decide",
    summary="Décider de la recevabilité (certificateur)",
    description=(
        "`admissible` ou `not_admissible` (avec les écarts au référentiel, `gaps`) et des préconisations. Après "
        f"le délai de {DECISION_DELAY}, le dossier est réputé recevable : **422** `decision_delay_expired`, "
        "le message cite l'article R6412-4 et `sources` en donne la version. "
        "La décision est datée du jour de l'appel. "
    ),
)
def feasibility_decision(request, candidacy_id: int, payload: FeasibilityDecisionIn):
    def write(candidacy):
        services.feasibility_decide(
            actor=request.auth,
            file=target_file(candidacy),
            kind=payload.kind,
            gaps=payload.gaps,
            recommendations=payload.recommendations,
        )

    return act(request, candidacy_id, "feasibility_decide", write)


@write_route(
    "/{int:candidacy_id}/jury",
    transition="jury_schedule",
    summary="Programmer le jury (certificateur)",
    description=(
        "Date et membres du jury, pour le dossier de validation en cours. Une date postérieure au dernier jour "
        "(`jury.latest_date`, fin du troisième mois après le dépôt) répond **422** `jury_after_latest_date` en "
        "citant l'article R6412-5. Pour les parcours commencés depuis le 13 avril 2024, une composition contraire "
        "à l'article D6412-6 répond **422** `jury_composition_invalid` avec `violations` (codes "
        f"{', '.join(f'`{code}`' for code in VIOLATION_LABELS)}) et `sources` (les phrases de l'article). "
    ),
)
def jury_schedule(request, candidacy_id: int, payload: JuryIn):
    def write(candidacy):
        validation = TRANSITIONS["jury_schedule"].resolve(candidacy)
        services.jury_schedule(
            actor=request.auth,
            validation_file=validation,
            held_on=payload.held_on,
            held_at=payload.held_at,
            members=[member.model_dump() for member in payload.members],
            place=payload.place,
        )

    return act(request, candidacy_id, "jury_schedule", write)


@write_route(
    "/{int:candidacy_id}/jury/result",
    transition="jury_result_record",
    summary="Enregistrer le résultat du jury (certificateur)",
    description=(
        "`full` (validation totale), `partial` (avec `blocks`, les codes des blocs acquis) ou `refused`, à partir "
        "du jour du jury ; la date de notification due (R6412-7) est décidée et conservée. "
    ),
)
def jury_result(request, candidacy_id: int, payload: JuryResultIn):
    def write(candidacy):
        session = target_session(candidacy)
        blocks = skill_blocks_by_code(codes=payload.blocks)
        unknown = sorted(set(payload.blocks) - {block.code for block in blocks})
        if unknown:
            raise ValidationError(
                {"blocks": ValidationError(f"Blocs inconnus : {', '.join(unknown)}.", code="unknown_block")}
            )
        services.jury_result_record(
            actor=request.auth, session=session, kind=payload.kind, blocks_acquired=blocks, comment=payload.comment
        )

    return act(request, candidacy_id, "jury_result_record", write)


@write_route(
    "/{int:candidacy_id}/jury/result/notification",
    transition="jury_result_notify",
    summary="Enregistrer la notification du résultat du jury (certificateur)",
    description=(
        "Le résultat est notifié au candidat le jour de l'appel ; une notification tardive se lit face à la date due "
        "(R6412-7, `notification_due_decision`). "
    ),
)
def jury_result_notify(request, candidacy_id: int, payload: NotificationIn):
    def write(candidacy):
        services.jury_result_notify(actor=request.auth, result=target_result(candidacy))

    return act(request, candidacy_id, "jury_result_notify", write)


@write_route(
    "/{int:candidacy_id}/jury/result/observations-request",
    transition="jury_result_observations_request",
    summary="Inviter le candidat à présenter ses observations avant un retrait pour fraude (jury)",
    description=(
        "Avant de retirer un résultat pour fraude, le candidat est invité à présenter ses observations sur les "
        "faits reprochés (`reason`). "
    ),
)
def jury_result_observations_request(request, candidacy_id: int, payload: ObservationsRequestIn):
    def write(candidacy):
        services.jury_result_observations_request(
            actor=request.auth,
            result=target_result(candidacy),
            reason=payload.reason,
            requested_on=payload.requested_on,
        )

    return act(request, candidacy_id, "jury_result_observations_request", write)


@write_route(
    "/{int:candidacy_id}/jury/result/withdrawal",
    transition="jury_result_withdraw",
    summary="Retirer le résultat du jury pour fraude (certificateur)",
    description=(
        "Après l'invitation à présenter des observations (`observations` : celles du candidat) ; le statut devient "
        "`result_withdrawn`. "
    ),
)
def jury_result_withdraw(request, candidacy_id: int, payload: WithdrawalIn):
    def write(candidacy):
        services.jury_result_withdraw(
            actor=request.auth,
            result=target_result(candidacy),
            observations=payload.observations,
            withdrawn_on=payload.withdrawn_on,
        )

    return act(request, candidacy_id, "jury_result_withdraw", write)


@write_route(
    "/{int:candidacy_id}/attestations/{int:attestation_id}/issue",
    transition="attestation_issue",
    summary="Délivrer une attestation du résultat du jury demandée par le candidat (certificateur)",
    description=(
        "Le certificateur délivre l'attestation (du résultat ou des blocs acquis) que le candidat a demandée : "
        "elle reçoit sa référence (`ATT-année-candidature-n`), son PDF devient disponible (`attestations[].pdf_url`) "
        "et le candidat en est informé par courriel. Possible aussi sur une candidature archivée après son jury. "
        "Une attestation inconnue sur cette candidature répond 404. Elle est "
        "datée du jour de l'appel. "
    ),
)
def attestation_issue(request, candidacy_id: int, attestation_id: int, payload: AttestationIssueIn):
    def write(candidacy):
        attestation = selectors.attestation_of(candidacy=candidacy, attestation_id=attestation_id)
        if attestation is None:
            raise Http404(f"Aucune attestation n° {attestation_id} sur la candidature n° {candidacy_id}.")
        services.attestation_issue(actor=request.auth, attestation=attestation)

    return act(request, candidacy_id, "attestation_issue", write)
