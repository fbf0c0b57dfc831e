"""Closed vocabularies of the VAE pathway (docs/glossary.md, « Parcours VAE »)."""

from django.db import models


class AccompanimentMode(models.TextChoices):
    AUTONOMOUS = "autonomous", "Autonome"
    ACCOMPANIED = "accompanied", "Accompagné"


class EmploymentStatus(models.TextChoices):
    EMPLOYEE = "employee", "Salarié"
    PUBLIC_SERVANT = "public_servant", "Agent public"
    SELF_EMPLOYED = "self_employed", "Indépendant"
    JOB_SEEKER = "job_seeker", "Demandeur d'emploi"
    VOLUNTEER = "volunteer", "Bénévole ou volontaire"
    OTHER = "other", "Autre"


class Stage(models.TextChoices):
    """Where the candidacy is in Acquis's workflow. Not the legal status, which the selectors compute."""

    REGISTERED = "registered", "Inscrite"
    FEASIBILITY_FILED = "feasibility_filed", "Dossier de faisabilité déposé"
    VALIDATION_FILED = "validation_filed", "Dossier de validation déposé"
    JURY_SCHEDULED = "jury_scheduled", "Jury programmé"
    JURY_DECIDED = "jury_decided", "Résultat du jury enregistré"


class Closure(models.TextChoices):
    OPEN = "", "En cours"
    DROPPED_OUT = "dropped_out", "Abandon"
    ARCHIVED = "archived", "Archivée"
    REORIENTED = "reoriented", "Réorientée"


class DropOutReason(models.TextChoices):
    PERSONAL = "personal", "Raisons personnelles ou de santé"
    PROFESSIONAL = "professional", "Changement de situation professionnelle"
    FUNDING = "funding", "Difficulté de financement"
    WORKLOAD = "workload", "Charge de travail du parcours trop importante"
    NOT_ADMISSIBLE = "not_admissible", "Dossier non recevable"
    LAPSED = "lapsed", "Recevabilité caduque"
    CERTIFICATION_OBTAINED_OTHERWISE = "obtained_otherwise", "Certification obtenue par une autre voie"
    OTHER = "other", "Autre"


class ArchiveReason(models.TextChoices):
    INACTIVITY = "inactivity", "Inactivité du candidat"
    DUPLICATE = "duplicate", "Candidature en double"
    FUNDING = "funding", "Problème de financement"
    REQUESTED_BY_CANDIDATE = "requested_by_candidate", "Demande du candidat"
    OTHER = "other", "Autre"


class Opinion(models.TextChoices):
    FAVOURABLE = "favourable", "Favorable"
    UNFAVOURABLE = "unfavourable", "Défavorable"


class AdmissibilityKind(models.TextChoices):
    """The certifier's explicit decision (R6412-4); the values of the admissibility.status ``decision`` fact."""

    ADMISSIBLE = "admissible", "Recevable"
    NOT_ADMISSIBLE = "not_admissible", "Non recevable"


class FeasibilityAttachmentKind(models.TextChoices):
    IDENTITY = "identity", "Pièce d'identité"
    EXPERIENCE_PROOF = "experience_proof", "Justificatif d'expérience"
    TRAINING_PROOF = "training_proof", "Justificatif de formation"
    OTHER = "other", "Autre pièce"


class ProgrammeKind(models.TextChoices):
    # R6423-3-1 (2019-11-04 → 2023-12-28): collective support organised by the State or a region with branches.
    PUBLIC_COLLECTIVE = "public_collective", "Accompagnement collectif de l'État ou d'une région (2019-2023)"
    # Since 2024: cohorts a sponsor (commanditaire) funds and enrols candidates in with a code.
    SPONSORED_COHORT = "sponsored_cohort", "Cohorte financée par un commanditaire"


class ProgrammeFunder(models.TextChoices):
    """The collective_support_funder fact of support.admissibility_filing_assistance."""

    STATE = "state", "État"
    REGION = "region", "Région"


class ResultKind(models.TextChoices):
    FULL = "full", "Validation totale"
    PARTIAL = "partial", "Validation partielle"
    REFUSED = "refused", "Refus de validation"


class AttestationKind(models.TextChoices):
    RESULT = "result", "Attestation du résultat du jury"
    BLOCKS = "blocks", "Attestation des blocs de compétences acquis"


class Sex(models.TextChoices):
    FEMALE = "F", "Femme"
    MALE = "M", "Homme"


class NoticeKind(models.TextChoices):
    """The pathway's e-mails (acquis/pathways/notices.py): at a transition, or found due by the daily scan."""

    FILE_SUBMITTED = "file_submitted", "Dossier de faisabilité déposé"
    PIECES_REQUESTED = "pieces_requested", "Pièces manquantes demandées"
    RECEIPT_ACKNOWLEDGED = "receipt_acknowledged", "Réception du dossier complet confirmée"
    ADMISSIBILITY_DECIDED = "admissibility_decided", "Décision sur la recevabilité"
    JURY_SCHEDULED = "jury_scheduled", "Jury programmé"
    RESULT_NOTIFIED = "result_notified", "Résultat du jury notifié"
    ATTESTATION_ISSUED = "attestation_issued", "Attestation délivrée"
    ACCOMPANIER_CHOSEN = "accompanier_chosen", "Accompagnateur choisi par le candidat"
    # Found by the daily scan (`acquis pathways notices`):
    DEEMED_ADMISSIBLE = "deemed_admissible", "Avis du GIP : dossier recevable faute de décision dans le délai"
    DECISION_REMINDER = "decision_reminder", "Rappel au certificateur : décision sur la recevabilité"
    JURY_REMINDER = "jury_reminder", "Rappel au certificateur : date limite du jury"
    LAPSE_WARNING = "lapse_warning", "Avertissement : caducité prochaine de la recevabilité"


# The status the selectors compute (never stored): code → French label for pages, API and letters.
STATUS_LABELS = {
    "registered": "inscrite, dossier de faisabilité non déposé",
    "feasibility_submitted": "dossier de faisabilité déposé, réception à confirmer",
    "feasibility_incomplete": "dossier de faisabilité incomplet : pièces demandées",
    "pending": "recevabilité en cours d'instruction",
    "admissible": "recevable",
    "deemed_admissible": "recevable (silence du certificateur au terme du délai)",
    "not_admissible": "non recevable",
    "lapsed": "recevabilité caduque",
    "validation_filed": "dossier de validation déposé",
    "jury_scheduled": "jury programmé",
    "result_full": "validation totale",
    "result_partial": "validation partielle",
    "result_refused": "refus de validation",
    "result_withdrawn": "résultat retiré pour fraude",
    "dropped_out": "abandon",
    "archived": "archivée",
    "reoriented": "réorientée",
}

EARLIER_PROCEDURE_NOTE = "procédure antérieure : délai non calculé, texte non disponible"
