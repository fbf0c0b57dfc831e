"""Who may do what on a candidacy and on the worklists, for every role (R6411-5: recipients by purpose)."""

from __future__ import annotations

import pytest

from acquis.accounts.enums import OrganisationKind, Role
from acquis.accounts.permissions import can
from acquis.pathways import services
from acquis.pathways.permissions import PathwayAction
from tests.accounts.factories import OrganisationFactory, UserFactory, make_api_token
from tests.pathways.factories import CandidacyFactory

CANDIDACY_ACTIONS = (
    PathwayAction.VIEW_CANDIDACY,
    PathwayAction.EDIT_CANDIDACY,
    PathwayAction.GIVE_ACCOMPANIER_OPINION,
    PathwayAction.INSTRUCT_FEASIBILITY,
    PathwayAction.MANAGE_JURY,
    PathwayAction.CLOSE_CANDIDACY,
    PathwayAction.REQUEST_ATTESTATION,
    PathwayAction.ISSUE_ATTESTATION,
    PathwayAction.VIEW_CANDIDACY_FUNDING,
)

# actor key → the candidacy actions it may use on an open candidacy that chose its organisations
EXPECTED = {
    "candidate": {
        PathwayAction.VIEW_CANDIDACY,
        PathwayAction.EDIT_CANDIDACY,
        PathwayAction.CLOSE_CANDIDACY,
        PathwayAction.REQUEST_ATTESTATION,
    },
    "other_candidate": set(),
    "accompanier": {
        PathwayAction.VIEW_CANDIDACY,
        PathwayAction.EDIT_CANDIDACY,
        PathwayAction.GIVE_ACCOMPANIER_OPINION,
        PathwayAction.CLOSE_CANDIDACY,
    },
    "other_accompanier": set(),
    "certifier": {
        PathwayAction.VIEW_CANDIDACY,
        PathwayAction.INSTRUCT_FEASIBILITY,
        PathwayAction.MANAGE_JURY,
        PathwayAction.ISSUE_ATTESTATION,
    },
    "certifier_token": {
        PathwayAction.VIEW_CANDIDACY,
        PathwayAction.INSTRUCT_FEASIBILITY,
        PathwayAction.MANAGE_JURY,
        PathwayAction.ISSUE_ATTESTATION,
    },
    "other_certifier": set(),
    "funder": {PathwayAction.VIEW_CANDIDACY_FUNDING},
    "other_funder": set(),
    "employer": set(),
    "cpc_secretariat": set(),
    "gip_staff": {PathwayAction.VIEW_CANDIDACY, PathwayAction.CLOSE_CANDIDACY, PathwayAction.VIEW_CANDIDACY_FUNDING},
    "statistician": set(),
    "anonymous": set(),
}


@pytest.fixture
def world():
    candidacy = CandidacyFactory(filed=True, accompanied=True)
    sponsor = OrganisationFactory(kind=OrganisationKind.FUNDER)
    services.programme_create(
        actor=None,
        name="Cohorte",
        kind="sponsored_cohort",
        sponsor=sponsor,
        enrolment_code="P1",
        starts_on=candidacy.started_on,
    )
    services.candidacy_programme_enrol(actor=None, candidacy=candidacy, enrolment_code="P1")
    candidacy.refresh_from_db()
    from django.contrib.auth.models import AnonymousUser

    actors = {
        "candidate": candidacy.candidate,
        "other_candidate": UserFactory(candidate=True),
        "accompanier": UserFactory(accompanier=True, organisation=candidacy.accompanier),
        "other_accompanier": UserFactory(accompanier=True),
        "certifier": UserFactory(certifier=True, organisation=candidacy.certifier),
        "certifier_token": make_api_token(organisation=candidacy.certifier, role=Role.CERTIFIER)[0],
        "other_certifier": UserFactory(certifier=True),
        "funder": UserFactory(funder=True, organisation=sponsor),
        "other_funder": UserFactory(funder=True),
        "employer": UserFactory(employer=True),
        "cpc_secretariat": UserFactory(cpc_secretariat=True),
        "gip_staff": UserFactory(gip_staff=True),
        "statistician": UserFactory(statistician=True),
        "anonymous": AnonymousUser(),
    }
    return candidacy, actors


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_candidacy_actions_by_role(world, key):
    candidacy, actors = world
    allowed = {action for action in CANDIDACY_ACTIONS if can(actors[key], action, candidacy)}
    assert allowed == EXPECTED[key]


def test_a_closed_candidacy_is_read_only_but_can_be_reopened(world):
    candidacy, actors = world
    services.candidacy_drop_out(actor=None, candidacy=candidacy, reason="personal")
    candidacy.refresh_from_db()
    assert can(actors["candidate"], PathwayAction.VIEW_CANDIDACY, candidacy)
    assert not can(actors["candidate"], PathwayAction.EDIT_CANDIDACY, candidacy)
    assert not can(actors["certifier"], PathwayAction.INSTRUCT_FEASIBILITY, candidacy)
    assert can(actors["accompanier"], PathwayAction.CLOSE_CANDIDACY, candidacy)  # reopening


def test_the_certifier_by_siret_of_the_certification(world):
    candidacy, _ = world
    certifier = OrganisationFactory(kind=OrganisationKind.CERTIFIER)
    user = UserFactory(certifier=True, organisation=certifier)
    candidacy.certifier = None
    assert not can(user, PathwayAction.VIEW_CANDIDACY, candidacy)
    candidacy.certification.certifiers.create(position=2, siret=certifier.siret, name=certifier.name)
    assert can(user, PathwayAction.VIEW_CANDIDACY, candidacy)


@pytest.mark.parametrize(
    ("key", "allowed"),
    [
        ("candidate", True),
        ("accompanier", True),
        ("gip_staff", True),
        ("certifier", False),
        ("funder", False),
        ("statistician", False),
        ("anonymous", False),
    ],
)
def test_who_registers_a_candidacy(world, key, allowed):
    _, actors = world
    assert can(actors[key], PathwayAction.REGISTER_CANDIDACY) is allowed


@pytest.mark.parametrize(
    ("action", "scope_key", "allowed_keys"),
    [
        (PathwayAction.VIEW_CERTIFIER_WORKLIST, "certifier", {"certifier", "certifier_token", "gip_staff"}),
        (PathwayAction.VIEW_ACCOMPANIER_WORKLIST, "accompanier", {"accompanier", "gip_staff"}),
        (PathwayAction.VIEW_FUNDER_WORKLIST, "funder", {"funder", "gip_staff"}),
    ],
)
def test_worklists_by_role(world, action, scope_key, allowed_keys):
    candidacy, actors = world
    organisation = {
        "certifier": candidacy.certifier,
        "accompanier": candidacy.accompanier,
        "funder": candidacy.programme.sponsor,
    }[scope_key]
    allowed = {key for key, actor in actors.items() if can(actor, action, organisation)}
    assert allowed == allowed_keys


@pytest.mark.parametrize(
    ("action", "allowed_keys"),
    [
        (PathwayAction.MANAGE_ACCOMPANIER_LIST, {"gip_staff"}),
        (PathwayAction.MANAGE_PROGRAMMES, {"gip_staff"}),
        (PathwayAction.MANAGE_LITIGATION, {"gip_staff"}),
    ],
)
def test_gip_actions(world, action, allowed_keys):
    _, actors = world
    assert {key for key, actor in actors.items() if can(actor, action)} == allowed_keys


def test_an_anonymised_candidacy_can_no_longer_be_closed_or_edited(world):
    candidacy, actors = world
    services.candidacy_drop_out(actor=None, candidacy=candidacy, reason="personal")
    services.candidacy_anonymise(actor=None, candidacy=candidacy, on=candidacy.started_on)
    candidacy.refresh_from_db()
    assert not can(actors["gip_staff"], PathwayAction.CLOSE_CANDIDACY, candidacy)
    assert not can(actors["candidate"], PathwayAction.VIEW_CANDIDACY, candidacy)  # no longer theirs: no personal link


def test_the_certifier_issues_attestations_on_a_closed_candidacy_but_not_once_anonymised(world):
    candidacy, actors = world
    services.candidacy_drop_out(actor=None, candidacy=candidacy, reason="personal")
    candidacy.refresh_from_db()
    assert not can(actors["certifier"], PathwayAction.MANAGE_JURY, candidacy)
    assert can(actors["certifier"], PathwayAction.ISSUE_ATTESTATION, candidacy)
    assert not can(actors["accompanier"], PathwayAction.ISSUE_ATTESTATION, candidacy)
    services.candidacy_anonymise(actor=None, candidacy=candidacy, on=candidacy.started_on)
    candidacy.refresh_from_db()
    assert not can(actors["certifier"], PathwayAction.ISSUE_ATTESTATION, candidacy)
