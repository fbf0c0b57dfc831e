"""Closed vocabularies of the statistical follow-up (docs/statistics.md)."""

from django.db import models


class EventKind(models.TextChoices):
    """One row of the fact table: a step of a pathway or of a congé VAE request, dated.

    Each comes from a transition the audited services record (the EventType beside it in facts.EVENT_SOURCES),
    or, for the states the law derives from silence or time, from the rules' deadlines compared with the
    snapshot date."""

    REGISTERED = "registered", "Inscription"
    ACCOMPANIMENT_CHOSEN = "accompaniment_chosen", "Accompagnateur choisi"
    PROGRAMME_ENROLLED = "programme_enrolled", "Inscription à un accompagnement collectif"
    FEASIBILITY_FILED = "feasibility_filed", "Dossier de faisabilité déposé"
    ADMISSIBLE = "admissible", "Recevable (décision du certificateur)"
    NOT_ADMISSIBLE = "not_admissible", "Non recevable"
    DEEMED_ADMISSIBLE = "deemed_admissible", "Recevable par silence du certificateur"
    LAPSED = "lapsed", "Recevabilité caduque"
    VALIDATION_FILED = "validation_filed", "Dossier de validation déposé"
    JURY_HELD = "jury_held", "Jury tenu"
    RESULT_FULL = "result_full", "Validation totale"
    RESULT_PARTIAL = "result_partial", "Validation partielle"
    RESULT_REFUSED = "result_refused", "Aucune validation"
    RESULT_WITHDRAWN = "result_withdrawn", "Résultat retiré pour fraude"
    DROPPED_OUT = "dropped_out", "Abandon"
    ARCHIVED = "archived", "Archivage"
    REORIENTED = "reoriented", "Réorientation"
    LEAVE_SENT = "leave_sent", "Demande de congé VAE reçue par l'employeur"
    LEAVE_ACCEPTED = "leave_accepted", "Congé VAE accordé par l'employeur"
    LEAVE_POSTPONED = "leave_postponed", "Congé VAE reporté"
    LEAVE_DEEMED_CONSENT = "leave_deemed_consent", "Congé VAE accordé par silence de l'employeur"
    FUNDING_FULL = "funding_full", "Financement accordé en totalité"
    FUNDING_PARTIAL = "funding_partial", "Financement accordé en partie"
    FUNDING_REFUSED = "funding_refused", "Financement refusé"


class Domain(models.TextChoices):
    PATHWAY = "pathway", "Parcours VAE"
    LEAVE = "leave", "Congé VAE"
    FUNDING = "funding", "Financement"


# The amount a funding decision granted is published as a band, never as such (an exact sum is nearly an
# identifier): lower bound in euros → label. 0 is a refusal.
AMOUNT_BANDS = (
    (0, "0 €"),
    (1, "1 à 499 €"),
    (500, "500 à 999 €"),
    (1000, "1 000 à 1 999 €"),
    (2000, "2 000 à 2 999 €"),
    (3000, "3 000 € ou plus"),
)


# The dimensions an indicator may be broken down by: column of the fact table → French label. Nothing else
# reaches a GROUP BY (the column name is never taken from the request as such).
DIMENSIONS = {
    "region": "Région",
    "department": "Département",
    "certification": "Certification (RNCP)",
    "certification_level": "Niveau de la certification",
    "candidate_level": "Niveau de qualification du candidat",
    "nsf": "Domaine (code NSF)",
    "employment_status": "Situation d'emploi",
    "accompanied": "Accompagné",
    "programme_kind": "Accompagnement collectif",
    "funder": "Financeur",
    "amount_band": "Montant accordé (tranche)",
    "event_month": "Mois",
    "event_year": "Année de l'événement",
    "cohort_year": "Année d'inscription (cohorte)",
}
