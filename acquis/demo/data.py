"""The demo data set of `make run`: one account per role, with the organisations they act for."""

from __future__ import annotations

from dataclasses import dataclass

from acquis.accounts.enums import OrganisationKind, Role

DEMO_PASSWORD = "Acquis-demo-2026!"
DEMO_DOMAIN = "demo.acquis.localhost"


@dataclass(frozen=True)
class DemoOrganisation:
    siret: str
    name: str
    kind: str


@dataclass(frozen=True)
class DemoAccount:
    email: str
    first_name: str
    last_name: str
    role: str
    organisation_siret: str | None
    department_code: str | None


# SIRETs below are fictitious but pass the Luhn checksum (tests check it).
ORGANISATIONS = (
    DemoOrganisation("73282932000074", "Clinique des Tilleuls (démo)", OrganisationKind.COMPANY),
    DemoOrganisation("44306184100047", "Accompagnement VAE Occitanie (démo)", OrganisationKind.ACCOMPANIER),
    DemoOrganisation(
        "11004301500012", "Ministère chargé de la santé — certificateur (démo)", OrganisationKind.CERTIFIER
    ),
    DemoOrganisation("85142349800019", "OPCO Santé (démo)", OrganisationKind.FUNDER),
    DemoOrganisation("13002526500013", "Secrétariat de la CPC santé-social (démo)", OrganisationKind.CPC),
    DemoOrganisation("13003013300016", "GIP France VAE (démo)", OrganisationKind.GIP),
)

ACCOUNTS = (
    DemoAccount(f"candidat@{DEMO_DOMAIN}", "Camille", "Martin", Role.CANDIDATE, None, "31"),
    DemoAccount(f"employeur@{DEMO_DOMAIN}", "Élise", "Bernard", Role.EMPLOYER, "73282932000074", "31"),
    DemoAccount(f"accompagnateur@{DEMO_DOMAIN}", "Karim", "Haddad", Role.ACCOMPANIER, "44306184100047", "34"),
    DemoAccount(f"certificateur@{DEMO_DOMAIN}", "Sophie", "Leroy", Role.CERTIFIER, "11004301500012", None),
    DemoAccount(f"financeur@{DEMO_DOMAIN}", "Julien", "Moreau", Role.FUNDER, "85142349800019", None),
    DemoAccount(f"cpc@{DEMO_DOMAIN}", "Nadia", "Petit", Role.CPC_SECRETARIAT, "13002526500013", None),
    DemoAccount(f"gip@{DEMO_DOMAIN}", "Paul", "Garnier", Role.GIP_STAFF, "13003013300016", None),
    DemoAccount(f"statisticien@{DEMO_DOMAIN}", "Inès", "Roux", Role.STATISTICIAN, None, None),
)

ADMIN_EMAIL = f"admin@{DEMO_DOMAIN}"
