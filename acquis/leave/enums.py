"""Closed vocabularies of the congé VAE workflow (docs/glossary.md, « Congé VAE »)."""

from django.db import models


class RequestState(models.TextChoices):
    """Where the request is in Acquis's workflow. Not the legal status, which leave.status computes."""

    DRAFT = "draft", "Brouillon"
    SENT = "sent", "Envoyée"
    ANSWERED = "answered", "Réponse de l'employeur enregistrée"
    SUPERSEDED = "superseded", "Remplacée par une nouvelle demande"


class ReceiptMethod(models.TextChoices):
    """How the receipt of the request gets its « date certaine » (R6422-3 since 2019-11-04)."""

    PLATFORM = "platform", "Transmise par Acquis (horodatage de la plateforme)"
    REGISTERED_LETTER = "registered_letter", "Lettre recommandée avec avis de réception"
    HAND_DELIVERY = "hand_delivery", "Remise en main propre contre décharge"


class ActionNature(models.TextChoices):
    """The two kinds of actions the leave covers (R6422-1)."""

    EVALUATION = "evaluation", "Session d'évaluation (épreuves de validation)"
    PREPARATION = "preparation", "Accompagnement à la préparation de la validation"


class AnswerKind(models.TextChoices):
    ACCEPT = "accept", "Accord"
    POSTPONE = "postpone", "Report pour raisons de service"


class AttachmentKind(models.TextChoices):
    ADMISSIBILITY_PROOF = "admissibility_proof", "Justificatif de recevabilité"
    QUALIFICATION_PROOF = "qualification_proof", "Justificatif du niveau de qualification"
    REGISTERED_LETTER_SCAN = "registered_letter_scan", "Avis de réception de la lettre recommandée"
    HAND_DELIVERY_RECEIPT = "hand_delivery_receipt", "Décharge signée de la remise en main propre"
    ATTENDANCE_ATTESTATION = "attendance_attestation", "Attestation de présence"


# The legal status leave.status computes (never stored): French labels for pages, API and letters.
STATUS_LABELS = {
    "pending": "en attente de la réponse de l'employeur",
    "accepted": "accordé",
    "postponed": "reporté",
    "invalid_postponement": "report irrégulier",
    "deemed_accepted": "accordé (absence de réponse de l'employeur)",
    "no_answer": "sans réponse (le silence de l'employeur ne vaut pas accord dans cette version)",
}


class NoticeKind(models.TextChoices):
    """The congé VAE's e-mails: at a step of the request (acquis/leave/notices.py), or found due by the daily scan
    (`acquis leave remind`). Informative only: the status never depends on them."""

    REQUEST_SENT = "request_sent", "Demande transmise à l'employeur"
    REQUEST_ANSWERED = "request_answered", "Réponse de l'employeur enregistrée"
    # Found by the daily scan:
    ANSWER_REMINDER = "answer_reminder", "Rappel à l'employeur avant la fin du délai de réponse"
    DEEMED_CONSENT = "deemed_consent", "Avis d'accord réputé acquis (silence de l'employeur)"
