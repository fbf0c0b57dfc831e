"""VAE pathway pages (included in acquis.web.urls, namespace ``web``), all under /parcours/."""

from django.urls import path

from acquis.web.pathways import candidate, funder, gip, lifecycle, organisations, programmes, verification

urlpatterns = [
    # Public: an attestation checked by the code printed on it (no account needed).
    path("verifier/", verification.attestation_verify_form, name="attestation_verify_form"),
    path("verifier/<str:code>/", verification.attestation_verify, name="attestation_verify"),
    path("parcours/", candidate.pathway_list, name="pathway_list"),
    path("parcours/inscription/", candidate.pathway_register, name="pathway_register"),
    path("parcours/invitation/<str:key>/", candidate.pathway_invitation, name="pathway_invitation"),
    path("parcours/accompagnateur/", organisations.pathway_accompanier_worklist, name="pathway_accompanier_worklist"),
    path("parcours/certificateur/", organisations.pathway_certifier_worklist, name="pathway_certifier_worklist"),
    path("parcours/accompagnateurs/", gip.pathway_accompaniers, name="pathway_accompaniers"),
    path(
        "parcours/accompagnateurs/<int:listing_id>/retrait/",
        gip.pathway_accompanier_remove,
        name="pathway_accompanier_remove",
    ),
    path("parcours/conservation/", lifecycle.pathway_retention, name="pathway_retention"),
    path("parcours/accompagnements-collectifs/", programmes.pathway_programmes, name="pathway_programmes"),
    path("parcours/financeur/", funder.pathway_funder_worklist, name="pathway_funder_worklist"),
    path("parcours/<int:pk>/", candidate.pathway_detail, name="pathway_detail"),
    path("parcours/<int:pk>/experiences/", candidate.pathway_experience_add, name="pathway_experience_add"),
    path("parcours/<int:pk>/accompagnateur/", candidate.pathway_accompanier_choose, name="pathway_accompanier_choose"),
    path("parcours/<int:pk>/faisabilite/", candidate.pathway_feasibility_submit, name="pathway_feasibility_submit"),
    path("parcours/<int:pk>/faisabilite.pdf", candidate.pathway_feasibility_pdf, name="pathway_feasibility_pdf"),
    path("parcours/<int:pk>/validation/", candidate.pathway_validation_submit, name="pathway_validation_submit"),
    path(
        "parcours/<int:pk>/validation/<int:validation_id>/dossier",
        candidate.pathway_validation_document,
        name="pathway_validation_document",
    ),
    path("parcours/<int:pk>/demarches/", candidate.pathway_step_record, name="pathway_step_record"),
    path("parcours/<int:pk>/attestations/", candidate.pathway_attestation_request, name="pathway_attestation_request"),
    path(
        "parcours/<int:pk>/attestations/<int:attestation_id>.pdf",
        candidate.pathway_attestation_pdf,
        name="pathway_attestation_pdf",
    ),
    path(
        "parcours/<int:pk>/attestations/<int:attestation_id>/delivrance/",
        organisations.pathway_attestation_issue,
        name="pathway_attestation_issue",
    ),
    path("parcours/<int:pk>/abandon/", candidate.pathway_drop_out, name="pathway_drop_out"),
    path("parcours/<int:pk>/pieces/", candidate.pathway_attachment_add, name="pathway_attachment_add"),
    path("parcours/<int:pk>/pieces/<int:attachment_id>/", candidate.pathway_attachment, name="pathway_attachment"),
    path("parcours/<int:pk>/avis/", organisations.pathway_opinion, name="pathway_opinion"),
    path("parcours/<int:pk>/pieces-manquantes/", organisations.pathway_pieces_request, name="pathway_pieces_request"),
    path("parcours/<int:pk>/reception/", organisations.pathway_receipt, name="pathway_receipt"),
    path("parcours/<int:pk>/recevabilite/", organisations.pathway_decide, name="pathway_decide"),
    path("parcours/<int:pk>/jury/", organisations.pathway_jury_schedule, name="pathway_jury_schedule"),
    path("parcours/<int:pk>/jury.ics", candidate.pathway_jury_calendar, name="pathway_jury_calendar"),
    path("parcours/<int:pk>/resultat/", organisations.pathway_jury_result, name="pathway_jury_result"),
    path("parcours/<int:pk>/notification/", organisations.pathway_result_notify, name="pathway_result_notify"),
    # Lifecycle (acquis/web/pathways/lifecycle.py).
    path("parcours/<int:pk>/motif-legitime/", lifecycle.pathway_legitimate_reason, name="pathway_legitimate_reason"),
    path("parcours/<int:pk>/archivage/", lifecycle.pathway_archive, name="pathway_archive"),
    path("parcours/<int:pk>/reorientation/", lifecycle.pathway_reorient, name="pathway_reorient"),
    path("parcours/<int:pk>/reouverture/", lifecycle.pathway_reopen, name="pathway_reopen"),
    path("parcours/<int:pk>/contentieux/", lifecycle.pathway_litigation, name="pathway_litigation"),
    path("parcours/<int:pk>/correction-date/", lifecycle.pathway_date_correct, name="pathway_date_correct"),
    path(
        "parcours/<int:pk>/resultat/observations/",
        lifecycle.pathway_result_observations,
        name="pathway_result_observations",
    ),
    path("parcours/<int:pk>/resultat/retrait/", lifecycle.pathway_result_withdraw, name="pathway_result_withdraw"),
    path(
        "parcours/<int:pk>/accompagnement-collectif/",
        programmes.pathway_programme_enrol,
        name="pathway_programme_enrol",
    ),
    path("parcours/<int:pk>/financement/", funder.pathway_funding, name="pathway_funding"),
]
