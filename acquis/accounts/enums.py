from django.db import models


class Role(models.TextChoices):
    """The actors of the VAE public service (docs/glossary.md)."""

    CANDIDATE = "candidate", "Candidat"
    EMPLOYER = "employer", "Employeur"
    ACCOMPANIER = "accompanier", "Accompagnateur"
    CERTIFIER = "certifier", "Certificateur"
    FUNDER = "funder", "Financeur"
    CPC_SECRETARIAT = "cpc_secretariat", "Secrétariat de CPC"
    GIP_STAFF = "gip_staff", "Équipe du GIP"
    STATISTICIAN = "statistician", "Statisticien"


# Roles that act for an organisation identified by its SIRET.
ORGANISATION_ROLES = frozenset({Role.EMPLOYER, Role.ACCOMPANIER, Role.CERTIFIER, Role.FUNDER, Role.CPC_SECRETARIAT})

# Roles whose machine clients (HR systems, certifiers', funders' systems) may hold API tokens.
API_TOKEN_ROLES = frozenset({Role.EMPLOYER, Role.ACCOMPANIER, Role.CERTIFIER, Role.FUNDER})


class OrganisationKind(models.TextChoices):
    COMPANY = "company", "Entreprise"
    ACCOMPANIER = "accompanier", "Organisme accompagnateur"
    CERTIFIER = "certifier", "Certificateur"
    FUNDER = "funder", "Financeur"
    CPC = "cpc", "Commission professionnelle consultative"
    GIP = "gip", "Groupement d'intérêt public"
    OTHER = "other", "Autre"


class IdentityProvider(models.TextChoices):
    LOCAL = "local", "Identifiant et mot de passe"
    PROCONNECT = "proconnect", "ProConnect"
    FRANCECONNECT = "franceconnect", "FranceConnect"
