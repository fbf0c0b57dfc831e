"""The funding domain's vocabularies (docs/glossary.md maps the French terms)."""

from django.db import models


class FunderKind(models.TextChoices):
    EMPLOYER = "employer", "Employeur"
    OPCO = "opco", "Opérateur de compétences (OPCO)"
    TRANSITIONS_PRO = "transitions_pro", "Transitions Pro"
    CPF_MANAGER = "cpf_manager", "Caisse des dépôts (gestionnaire du CPF)"
    REGION = "region", "Région"
    STATE = "state", "État"
    FRANCE_TRAVAIL = "france_travail", "France Travail"
    AGEFIPH = "agefiph", "Agefiph"
    GIP = "gip", "GIP du service public de la VAE"
    PERSON = "person", "La personne elle-même"


# The payer kind each funder is for funding.agreement (R6422-11): the employer; the bodies of L6316-1 (the
# funders of continuing training: OPCO, Transitions Pro, State, regions, France Travail, Agefiph); the CPF
# (Caisse des dépôts); the person paying alone; the GIP (R6412-2, after the article's abrogation) as other.
PAYER_KIND = {
    FunderKind.EMPLOYER: "employer",
    FunderKind.OPCO: "l6316_1_body",
    FunderKind.TRANSITIONS_PRO: "l6316_1_body",
    FunderKind.REGION: "l6316_1_body",
    FunderKind.STATE: "l6316_1_body",
    FunderKind.FRANCE_TRAVAIL: "l6316_1_body",
    FunderKind.AGEFIPH: "l6316_1_body",
    FunderKind.CPF_MANAGER: "cpf",
    FunderKind.PERSON: "self",
    FunderKind.GIP: "other",
}


class ExpenseCategory(models.TextChoices):
    """The codes of funding.eligible_expenses (R6422-9), plus the GIP's own heads (R6412-2 scale)."""

    SALARY = "salary", "Rémunération du salarié pendant le congé"
    TRANSPORT_MEALS_LODGING = "transport_meals_lodging", "Transport, repas et hébergement"
    ADMISSIBILITY_REVIEW = "admissibility_review", "Examen du dossier de recevabilité"
    SUPPORT = "support", "Accompagnement"
    COLLECTIVE_SUPPORT = "collective_support", "Accompagnement collectif"
    TRAINING = "training", "Formations obligatoires ou complémentaires"
    EVALUATION_SESSION = "evaluation_session", "Session d'évaluation (jury)"


# A collective accompaniment is an accompaniment for R6422-9: the rule's code it is checked under.
RULE_CATEGORY = {ExpenseCategory.COLLECTIVE_SUPPORT: ExpenseCategory.SUPPORT}


class ScaleUnit(models.TextChoices):
    HOURLY = "hourly", "Taux horaire"
    FLAT = "flat", "Forfait"


class RequestState(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    SUBMITTED = "submitted", "Déposée"
    DECIDED = "decided", "Décidée"


class DecisionKind(models.TextChoices):
    FULL = "full", "Prise en charge totale"
    PARTIAL = "partial", "Prise en charge partielle"
    REFUSED = "refused", "Refus"


class RefusalGround(models.TextChoices):
    """The codes of funding.refusal_grounds (R6422-10), worded for people."""

    NO_ADMISSIBILITY_PROOF = "no_admissibility_proof", "Justificatif de recevabilité non transmis"
    OUTSIDE_PRIORITIES = "outside_priorities", "Action étrangère aux priorités du financeur"
    CANNOT_MEET_ALL_REQUESTS = "cannot_meet_all_requests", "Demandes ne pouvant être toutes satisfaites"


class Party(models.TextChoices):
    """Who fills which part of the request (R6422-12, 2017 version) and who signs the agreement (R6422-11)."""

    WORKER = "worker", "Le candidat"
    EMPLOYER = "employer", "L'employeur"
    ORGANISATION = "organisation", "Un organisme intervenant"
    FUNDER = "funder", "Le financeur"


class PaymentBasis(models.TextChoices):
    ATTENDANCE_PROOF = "attendance_proof", "Justificatif d'assiduité"
    END_OF_SUPPORT = "end_of_support", "Fin de l'accompagnement"


class PaymentState(models.TextChoices):
    REQUESTED = "requested", "Demandé"
    PAID = "paid", "Payé"
