"""The certifier's actions: missing pieces, receipt of the complete file, the admissibility decision, the
jury, its result, the result's notification, its withdrawal for fraud, and issuing attestations."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404

from acquis.accounts.permissions import Action
from acquis.api.pathways.common import _act, _file, _result, _session, write_route
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
from acquis.rules import ids
from acquis.rules.wording import wording_of


@write_route(
    "/{int:candidacy_id}/feasibility/pieces-request",
    summary="Demander des pièces manquantes (certificateur)",
    description=(
        "Avant de confirmer la réception du dossier de faisabilité complet. Refus : 409 `feasibility_not_filed`, "
        "`receipt_already_acknowledged` ; 422 `pieces_required`. La demande est datée du jour de l'appel. "
    ),
)
def feasibility_pieces_request(request, candidacy_id: int, payload: PiecesRequestIn):
    def write(candidacy):
        services.feasibility_pieces_request(actor=request.auth, file=_file(candidacy), pieces=payload.pieces)

    return _act(request, candidacy_id, Action.INSTRUCT_FEASIBILITY, write)


DECISION_DELAY = wording_of(ids.ADMISSIBILITY_DECISION_DUE).durations["admissibility.decision_delay"]


@write_route(
    "/{int:candidacy_id}/feasibility/receipt",
    summary="Confirmer la réception du dossier complet (certificateur)",
    description=(
        "Le jour de l'appel (horloge du portail, jamais une date saisie) est la date certaine de réception du "
        f"dossier complet : le délai de décision de {DECISION_DELAY} "
        "(R6412-4, règle `admissibility.decision_due`) court "
        "à partir de lui ; à son terme sans décision, le dossier est réputé recevable. Une date erronée se "
        "corrige par le GIP, motif à l'appui. Refus : 409 `feasibility_not_filed`, "
        "`receipt_already_acknowledged`. "
    ),
)
def feasibility_receipt(request, candidacy_id: int, payload: ReceiptIn):
    def write(candidacy):
        services.feasibility_receipt_acknowledge(actor=request.auth, file=_file(candidacy))

    return _act(request, candidacy_id, Action.INSTRUCT_FEASIBILITY, write)


@write_route(
    "/{int:candidacy_id}/feasibility/decision",
    summary="Décider de la recevabilité (certificateur)",
    description=(
        "`admissible` ou `not_admissible` (avec les écarts au référentiel, `gaps`) et des préconisations. Après "
        f"le délai de {DECISION_DELAY}, le dossier est réputé recevable : **422** `decision_delay_expired`, "
        "le message "
        "cite l'article R6412-4 et `sources` en donne la version. Autres refus : 409 `feasibility_not_filed`, "
        "`receipt_not_acknowledged`, `decision_already_recorded` ; 422 `invalid_decision_kind`, `gaps_required`. "
        "La décision est datée du jour de l'appel. "
    ),
)
def feasibility_decision(request, candidacy_id: int, payload: FeasibilityDecisionIn):
    def write(candidacy):
        services.feasibility_decide(
            actor=request.auth,
            file=_file(candidacy),
            kind=payload.kind,
            gaps=payload.gaps,
            recommendations=payload.recommendations,
        )

    return _act(request, candidacy_id, Action.INSTRUCT_FEASIBILITY, write)


@write_route(
    "/{int:candidacy_id}/jury",
    summary="Programmer le jury (certificateur)",
    description=(
        "Date et membres du jury, pour le dossier de validation en cours. Une date postérieure au dernier jour "
        "(`jury.latest_date`, fin du troisième mois après le dépôt) répond **422** `jury_after_latest_date` en "
        "citant l'article R6412-5. Pour les parcours commencés depuis le 13 avril 2024, une composition contraire "
        "à l'article D6412-6 répond **422** `jury_composition_invalid` avec `violations` (codes "
        f"{', '.join(f'`{code}`' for code in VIOLATION_LABELS)}) et `sources` (les phrases de l'article). "
        "Autres refus : 409 `jury_not_expected` ; 422 `jury_before_filing`, `jury_member_incomplete`. "
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


@write_route(
    "/{int:candidacy_id}/jury/result",
    summary="Enregistrer le résultat du jury (certificateur)",
    description=(
        "`full` (validation totale), `partial` (avec `blocks`, les codes des blocs acquis) ou `refused`, à partir "
        "du jour du jury ; la date de notification due (R6412-7) est décidée et conservée. Refus : 409 "
        "`jury_not_scheduled`, `result_already_recorded` ; 422 `jury_not_held_yet`, `invalid_result_kind`, "
        "`blocks_required`, `blocks_not_allowed`, `blocks_outside_certification`, `unknown_block`. "
    ),
)
def jury_result(request, candidacy_id: int, payload: JuryResultIn):
    def write(candidacy):
        session = _session(candidacy)
        blocks = skill_blocks_by_code(codes=payload.blocks)
        unknown = sorted(set(payload.blocks) - {block.code for block in blocks})
        if unknown:
            raise ValidationError(
                {"blocks": ValidationError(f"Blocs inconnus : {', '.join(unknown)}.", code="unknown_block")}
            )
        services.jury_result_record(
            actor=request.auth, session=session, kind=payload.kind, blocks_acquired=blocks, comment=payload.comment
        )

    return _act(request, candidacy_id, Action.MANAGE_JURY, write)


@write_route(
    "/{int:candidacy_id}/jury/result/notification",
    summary="Enregistrer la notification du résultat du jury (certificateur)",
    description=(
        "Le résultat est notifié au candidat le jour de l'appel ; une notification tardive se lit face à la date due "
        "(R6412-7, `notification_due_decision`). Refus : 409 `jury_not_scheduled`, `result_not_recorded`, "
        "`result_already_notified`. "
    ),
)
def jury_result_notify(request, candidacy_id: int, payload: NotificationIn):
    def write(candidacy):
        services.jury_result_notify(actor=request.auth, result=_result(candidacy))

    return _act(request, candidacy_id, Action.MANAGE_JURY, write)


@write_route(
    "/{int:candidacy_id}/jury/result/observations-request",
    summary="Inviter le candidat à présenter ses observations avant un retrait pour fraude (jury)",
    description=(
        "Avant de retirer un résultat pour fraude, le candidat est invité à présenter ses observations sur les "
        "faits reprochés (`reason`). Refus : 409 `result_not_recorded`, `result_already_withdrawn` ; 422 "
        "`reason_required`. "
    ),
)
def jury_result_observations_request(request, candidacy_id: int, payload: ObservationsRequestIn):
    def write(candidacy):
        services.jury_result_observations_request(
            actor=request.auth, result=_result(candidacy), reason=payload.reason, requested_on=payload.requested_on
        )

    return _act(request, candidacy_id, Action.MANAGE_JURY, write)


@write_route(
    "/{int:candidacy_id}/jury/result/withdrawal",
    summary="Retirer le résultat du jury pour fraude (certificateur)",
    description=(
        "Après l'invitation à présenter des observations (`observations` : celles du candidat) ; le statut devient "
        "`result_withdrawn`. Refus : 409 `result_not_recorded`, `observations_not_requested`, "
        "`result_already_withdrawn` ; 422 `withdrawal_before_request`. "
    ),
)
def jury_result_withdraw(request, candidacy_id: int, payload: WithdrawalIn):
    def write(candidacy):
        services.jury_result_withdraw(
            actor=request.auth,
            result=_result(candidacy),
            observations=payload.observations,
            withdrawn_on=payload.withdrawn_on,
        )

    return _act(request, candidacy_id, Action.MANAGE_JURY, write)


@write_route(
    "/{int:candidacy_id}/attestations/{int:attestation_id}/issue",
    summary="Délivrer une attestation du résultat du jury demandée par le candidat (certificateur)",
    description=(
        "Le certificateur délivre l'attestation (du résultat ou des blocs acquis) que le candidat a demandée : "
        "elle reçoit sa référence (`ATT-année-candidature-n`), son PDF devient disponible (`attestations[].pdf_url`) "
        "et le candidat en est informé par courriel. Possible aussi sur une candidature archivée après son jury. "
        "Refus : 404 attestation inconnue sur cette candidature ; 409 `attestation_already_issued`, "
        "`result_withdrawn` (résultat retiré pour fraude depuis la demande), `candidacy_anonymised`. Elle est "
        "datée du jour de l'appel. "
    ),
)
def attestation_issue(request, candidacy_id: int, attestation_id: int, payload: AttestationIssueIn):
    def write(candidacy):
        attestation = selectors.attestation_of(candidacy=candidacy, attestation_id=attestation_id)
        if attestation is None:
            raise Http404(f"Aucune attestation n° {attestation_id} sur la candidature n° {candidacy_id}.")
        services.attestation_issue(actor=request.auth, attestation=attestation)

    return _act(request, candidacy_id, Action.ISSUE_ATTESTATION, write, closed_ok=True)
