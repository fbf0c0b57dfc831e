"""Factories that create data through the real services (so every row has its audit trail)."""

from __future__ import annotations

import factory

from acquis.accounts.enums import API_TOKEN_ROLES, ORGANISATION_ROLES, OrganisationKind, Role
from acquis.accounts.models import ApiToken, Organisation, User
from acquis.accounts.services import api_token_create, membership_grant, organisation_create, user_create
from acquis.accounts.siret import luhn_valid

DEFAULT_PASSWORD = "Un-mot-de-passe-de-test-2026"

ROLE_ORGANISATION_KIND = {
    Role.EMPLOYER: OrganisationKind.COMPANY,
    Role.ACCOMPANIER: OrganisationKind.ACCOMPANIER,
    Role.CERTIFIER: OrganisationKind.CERTIFIER,
    Role.FUNDER: OrganisationKind.FUNDER,
    Role.CPC_SECRETARIAT: OrganisationKind.CPC,
    Role.GIP_STAFF: OrganisationKind.GIP,
}


def valid_siret(n: int) -> str:
    """The n-th fictitious SIRET whose Luhn checksum holds."""
    base = f"9{n:012d}"
    return next(base + str(d) for d in range(10) if luhn_valid(base + str(d)))


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    siret = factory.Sequence(valid_siret)
    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.COMPANY

    class Params:
        certifier = factory.Trait(
            kind=OrganisationKind.CERTIFIER, name=factory.Sequence(lambda n: f"Certificateur {n}")
        )
        funder = factory.Trait(kind=OrganisationKind.FUNDER, name=factory.Sequence(lambda n: f"OPCO {n}"))
        accompanier = factory.Trait(kind=OrganisationKind.ACCOMPANIER)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return organisation_create(siret=kwargs["siret"], name=kwargs["name"], kind=kwargs["kind"])


class UserFactory(factory.django.DjangoModelFactory):
    """A user; a role Trait grants that role (and an organisation when the role acts for one)."""

    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"personne{n}@exemple.fr")
    first_name = "Alex"
    last_name = factory.Sequence(lambda n: f"Dupont{n}")
    password = DEFAULT_PASSWORD
    role = None
    organisation = None

    class Params:
        candidate = factory.Trait(role=Role.CANDIDATE)
        employer = factory.Trait(role=Role.EMPLOYER)
        accompanier = factory.Trait(role=Role.ACCOMPANIER)
        certifier = factory.Trait(role=Role.CERTIFIER)
        funder = factory.Trait(role=Role.FUNDER)
        cpc_secretariat = factory.Trait(role=Role.CPC_SECRETARIAT)
        gip_staff = factory.Trait(role=Role.GIP_STAFF)
        statistician = factory.Trait(role=Role.STATISTICIAN)
        superuser = factory.Trait(is_superuser=True, is_staff=True)

    @classmethod
    def _create(cls, model_class, *args, role=None, organisation=None, **kwargs):
        user = user_create(
            email=kwargs["email"],
            password=kwargs["password"],
            first_name=kwargs["first_name"],
            last_name=kwargs["last_name"],
            is_staff=kwargs.get("is_staff", False),
            is_superuser=kwargs.get("is_superuser", False),
            send_welcome=False,
        )
        if role is not None:
            if organisation is None and role in ORGANISATION_ROLES | {Role.GIP_STAFF}:
                organisation = OrganisationFactory(kind=ROLE_ORGANISATION_KIND[role])
            membership_grant(user=user, role=role, organisation=organisation)
        return user


def make_api_token(*, organisation: Organisation | None = None, role: str = Role.EMPLOYER) -> tuple[ApiToken, str]:
    assert role in API_TOKEN_ROLES
    organisation = organisation or OrganisationFactory(kind=ROLE_ORGANISATION_KIND[Role(role)])
    return api_token_create(organisation=organisation, role=role, name="SIRH de test")
