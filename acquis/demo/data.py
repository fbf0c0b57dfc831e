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
    role: str | None  # None: a person with no role, such as an employee asking for a congé VAE
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
    # The employee of the congé VAE, distinct from the candidate: any signed-in person may ask for one.
    DemoAccount(f"salarie@{DEMO_DOMAIN}", "Lucas", "Fontaine", None, None, "31"),
    DemoAccount(f"employeur@{DEMO_DOMAIN}", "Élise", "Bernard", Role.EMPLOYER, "73282932000074", "31"),
    DemoAccount(f"accompagnateur@{DEMO_DOMAIN}", "Karim", "Haddad", Role.ACCOMPANIER, "44306184100047", "34"),
    DemoAccount(f"certificateur@{DEMO_DOMAIN}", "Sophie", "Leroy", Role.CERTIFIER, "11004301500012", None),
    DemoAccount(f"financeur@{DEMO_DOMAIN}", "Julien", "Moreau", Role.FUNDER, "85142349800019", None),
    DemoAccount(f"cpc@{DEMO_DOMAIN}", "Nadia", "Petit", Role.CPC_SECRETARIAT, "13002526500013", None),
    DemoAccount(f"gip@{DEMO_DOMAIN}", "Paul", "Garnier", Role.GIP_STAFF, "13003013300016", None),
    DemoAccount(f"statisticien@{DEMO_DOMAIN}", "Inès", "Roux", Role.STATISTICIAN, None, None),
)

ADMIN_EMAIL = f"admin@{DEMO_DOMAIN}"


@dataclass(frozen=True)
class DemoLeaveRequest:
    """A congé VAE request of the demo candidate to the demo employer (dates fixed, or relative to today)."""

    label: str
    certification_title: str
    pathway_started_on: str | None  # ISO date; None: 60 days before loading
    actions_start: str | None  # ISO date; None: 45 days after loading
    received: str | None  # ISO date (registered letter); None: sent through Acquis on the loading day
    answer: str | None = None  # "accept" or "postpone", answered 10 days after receipt; None: silence
    funding_obtained: bool | None = None


# One request per era of R6422-x / D6422-8, and one pending now (docs/domains/leave.md).
LEAVE_REQUESTS = (
    DemoLeaveRequest(
        "2014",
        "Titre professionnel agent de restauration",
        "2017-11-01",
        "2018-03-20",
        "2018-01-10",
        funding_obtained=True,
    ),
    DemoLeaveRequest("2019", "Diplôme d'État d'aide-soignant", "2021-01-15", "2021-05-10", "2021-03-01", "postpone"),
    DemoLeaveRequest("2023", "Diplôme d'État d'auxiliaire de puériculture", "2024-01-10", "2024-04-15", "2024-03-01"),
    DemoLeaveRequest(
        "2024",
        "BTS services et prestations des secteurs sanitaire et social",
        "2024-06-01",
        "2024-08-20",
        "2024-07-01",
        "accept",
    ),
    DemoLeaveRequest("now", "Diplôme d'État d'infirmier", None, None, None),
)
