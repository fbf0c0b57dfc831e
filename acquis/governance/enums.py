"""Closed vocabularies of certification governance. Codes match the facts of the cpc.* and gip.* rules."""

from django.db import models


class College(models.TextChoices):
    """R6113-22: the groups a CPC member belongs to (codes of cpc.composition_check)."""

    UNION = "union", "Organisation syndicale de salariés représentative (1°)"
    EMPLOYER_INTERPROFESSIONAL = "employer_interprofessional", "Organisation d'employeurs interprofessionnelle (2°)"
    EMPLOYER_OTHER = "employer_other", "Autre représentant des employeurs (3°)"
    STATE = "state", "Représentant de l'État (4°)"
    ASSOCIATE = "associate", "Membre associé sans voix délibérative (5°)"
    DISABILITY_COUNCIL = "disability_council", "Membre désigné par le CNCPH (6°, 2021-2025)"
    FRANCE_COMPETENCES = "france_competences", "Représentant de France compétences (depuis 2026)"


class Ministry(models.TextChoices):
    VOCATIONAL_TRAINING = "vocational_training", "Ministre chargé de la formation professionnelle"
    NATIONAL_EDUCATION = "national_education", "Ministre chargé de l'éducation nationale"
    HIGHER_EDUCATION = "higher_education", "Ministre chargé de l'enseignement supérieur"
    OTHER = "other", "Autre ministre"


class Sex(models.TextChoices):
    FEMALE = "female", "Femme"
    MALE = "male", "Homme"


class PresidencyCollege(models.TextChoices):
    """R6113-22: the chair alternates between a member of 1° and a member of 2° and 3°."""

    UNIONS = "unions", "Organisations syndicales de salariés (1°)"
    EMPLOYERS = "employers", "Organisations d'employeurs (2° et 3°)"


class CompositionChangeKind(models.TextChoices):
    MEMBER_ADDED = "member_added", "Membre nommé"
    MEMBER_REPLACED = "member_replaced", "Membre remplacé"


class OpinionKind(models.TextChoices):
    """L6113-3 II: avis conforme, or avis simple for a diploma required to practise a profession."""

    CONFORME = "conforme", "Avis conforme"
    SIMPLE = "simple", "Avis simple"


class OpinionSubject(models.TextChoices):
    CREATION = "creation", "Création"
    REVISION = "revision", "Révision"
    REMOVAL = "removal", "Suppression"


class OpinionOutcome(models.TextChoices):
    FAVOURABLE = "favourable", "Favorable"
    UNFAVOURABLE = "unfavourable", "Défavorable"


class MinisterDecision(models.TextChoices):
    PENDING = "pending", "En attente"
    ACCEPTED = "accepted", "Retenue"
    PARTIALLY_ACCEPTED = "partially_accepted", "Retenue en partie"
    REFUSED = "refused", "Non retenue"


class GipOrganisationKind(models.TextChoices):
    """Codes of gip.member_by_right (L6411-2)."""

    STATE = "state", "État"
    REGION = "region", "Région"
    POLE_EMPLOI = "pole_emploi", "Pôle emploi"
    FRANCE_TRAVAIL = "france_travail", "France Travail"
    AFPA = "afpa", "Organisme mentionné à l'article L. 5315-1 (Afpa)"
    OPCO = "opco", "Opérateur de compétences"
    TRANSITIONS_PRO = "transitions_pro", "Commission paritaire interprofessionnelle régionale (Transitions Pro)"
    OTHER = "other", "Autre personne morale"
