"""A token acts with its role: its creator may only give it a role they hold in that organisation (security
review H2: a funder-only member minted an employer token and answered its colleagues' leave requests)."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from acquis.accounts.enums import Role
from acquis.accounts.models import ApiToken
from acquis.accounts.services import api_token_create, membership_grant, membership_revoke
from tests.accounts.factories import OrganisationFactory, UserFactory, make_api_token


def _url(organisation):
    return f"/organisations/{organisation.siret}/jetons/"


@pytest.mark.parametrize("held", [Role.FUNDER, Role.EMPLOYER, Role.ACCOMPANIER, Role.CERTIFIER])
def test_a_member_mints_only_the_api_roles_they_hold_there(client, held):
    member = UserFactory(role=held)
    organisation = member.memberships.get().organisation
    client.force_login(member)

    page = client.get(f"/organisations/{organisation.siret}/").content.decode()
    for role in (Role.EMPLOYER, Role.ACCOMPANIER, Role.CERTIFIER, Role.FUNDER):
        offered = f'<option value="{role.value}"' in page
        assert offered == (role == held), role
        response = client.post(_url(organisation), {"name": "SIRH", "role": role.value})
        assert response.status_code == (200 if role == held else 400), role

    assert list(ApiToken.objects.values_list("role", flat=True)) == [held.value]


def test_the_service_refuses_a_role_held_in_another_organisation_only():
    member = UserFactory(employer=True)
    elsewhere = OrganisationFactory()
    membership_grant(user=member, role=Role.FUNDER, organisation=elsewhere)
    organisation = member.memberships.get(role=Role.EMPLOYER).organisation

    with pytest.raises(ValidationError, match="rôle que vous détenez"):
        api_token_create(organisation=organisation, role=Role.FUNDER, name="SIRH", actor=member)
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("traits", [{"gip_staff": True}, {"superuser": True}])
def test_the_gip_gives_any_api_role(traits):
    gip = UserFactory(**traits)
    organisation = OrganisationFactory()

    token, _raw = api_token_create(organisation=organisation, role=Role.CERTIFIER, name="SI", actor=gip)

    assert token.role == Role.CERTIFIER


def test_tokens_check_lists_the_tokens_beyond_their_creator():
    funder = UserFactory(funder=True)
    opco = funder.memberships.get().organisation
    within, _ = api_token_create(organisation=opco, role=Role.FUNDER, name="SI financement", actor=funder)
    # Minted before the rule: an employer token by a funder-only member.
    escalated = ApiToken.objects.create(
        organisation=opco, role=Role.EMPLOYER, name="SIRH", prefix="acq_escalade", key_hash="0" * 64, created_by=funder
    )
    hr = UserFactory(employer=True)
    company = hr.memberships.get().organisation
    orphaned, _ = api_token_create(organisation=company, role=Role.EMPLOYER, name="Paie", actor=hr)
    membership_revoke(membership=hr.memberships.get())  # the creator no longer holds the role
    revoked_since, _ = make_api_token(organisation=company)
    revoked_since.revoked_at = revoked_since.created_at
    revoked_since.save()
    out = io.StringIO()

    with pytest.raises(CommandError) as refused:
        call_command("accounts_tokens_check", stdout=out)

    assert refused.value.returncode == 1
    listed = out.getvalue()
    assert f"jeton {escalated.pk} « SIRH »" in listed and "ne détient pas ce rôle" in listed
    assert f"jeton {orphaned.pk} « Paie »" in listed
    assert f"jeton {within.pk} " not in listed
    assert f"jeton {revoked_since.pk} " not in listed
    assert "2 jeton(s) hors de la règle" in str(refused.value)


def test_tokens_check_passes_when_every_token_is_within_the_rule():
    employer = UserFactory(employer=True)
    api_token_create(organisation=employer.memberships.get().organisation, role="employer", name="SI", actor=employer)
    out = io.StringIO()

    call_command("accounts_tokens_check", stdout=out)

    assert "Aucun jeton hors de la règle" in out.getvalue()
