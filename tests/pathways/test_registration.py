"""Registration, the accompaniers' list, programmes and the filing assistance rule."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from acquis.accounts.enums import OrganisationKind
from acquis.audit.models import AuditEvent
from acquis.pathways import services
from acquis.pathways.models import Candidacy
from acquis.pathways.selectors import accompanier_listings
from tests.accounts.factories import OrganisationFactory, UserFactory
from tests.pathways.factories import EXPERIENCE, CandidacyFactory, certification, department, listed_accompanier

D = dt.date


def register(**overrides):
    candidate = overrides.pop("candidate", None) or UserFactory(candidate=True)
    data = {
        "actor": candidate,
        "candidate": candidate,
        "certification": certification(),
        "department": department(),
        "qualification_level": 3,
        "started_on": D(2024, 6, 1),
        "accompaniment_mode": "autonomous",
        "in_initial_training": False,
        "experiences": [EXPERIENCE],
    }
    data.update(overrides)
    return services.candidacy_register(**data)


def test_registration_keeps_the_target_the_experiences_and_the_start():
    cert = certification(blocks=3)
    candidacy = register(certification=cert, blocks=list(cert.blocks.all()[:2]), trainings=[{"title": "CAP"}])
    assert candidacy.started_on == D(2024, 6, 1)
    assert candidacy.blocks.count() == 2 and candidacy.is_block_pathway
    assert candidacy.experiences.get().hours == 9000 and candidacy.trainings.get().title == "CAP"
    assert candidacy.stage == "registered"


def test_people_in_initial_training_are_refused_with_the_article_and_nothing_is_saved():
    with pytest.raises(ValidationError) as error:
        register(in_initial_training=True)
    assert "R6412-2" in str(error.value) and "formation initiale" in str(error.value)
    assert not Candidacy.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"qualification_level": 9}, "qualification_level"),
        ({"accompaniment_mode": "other"}, "accompaniment_mode"),
        ({"started_on": D(2030, 1, 1), "registered_on": D(2025, 1, 1)}, "started_on"),
        ({"experiences": [{**EXPERIENCE, "hours": 0}]}, "experiences[0].hours"),
        ({"experiences": [{**EXPERIENCE, "ended_on": D(2010, 1, 1)}]}, "experiences[0].ended_on"),
        ({"experiences": [{**EXPERIENCE, "title": ""}]}, "experiences[0].title"),
        ({"experiences": [{**EXPERIENCE, "employment_status": "x"}]}, "experiences[0].employment_status"),
    ],
)
def test_registration_refusals_name_the_field(overrides, field):
    with pytest.raises(ValidationError) as error:
        register(**overrides)
    assert field in error.value.message_dict
    assert not Candidacy.objects.exists()


def test_a_certification_not_open_to_vae_is_refused():
    with pytest.raises(ValidationError) as error:
        register(certification=certification(vae_accessible=False))
    assert "certification" in error.value.message_dict


def test_blocks_of_another_certification_are_refused():
    other = certification()
    with pytest.raises(ValidationError):
        register(blocks=[other.blocks.first()])


def test_an_accompanier_registers_on_behalf_with_a_listed_organisation():
    organisation = listed_accompanier()
    advisor = UserFactory(accompanier=True, organisation=organisation)
    candidate = UserFactory(candidate=True)
    candidacy = register(
        actor=advisor, candidate=candidate, accompaniment_mode="accompanied", accompanier=organisation
    )
    assert candidacy.registered_by == advisor and candidacy.candidate == candidate
    event = AuditEvent.objects.get(action="candidacy_registered")
    assert event.payload["on_behalf"] is True


def test_an_unlisted_or_expired_accompanier_is_refused():
    unlisted = OrganisationFactory(kind=OrganisationKind.ACCOMPANIER)
    with pytest.raises(ValidationError) as error:
        register(accompaniment_mode="accompanied", accompanier=unlisted)
    assert "liste des accompagnateurs" in error.value.message_dict["accompanier"][0]
    expired = listed_accompanier(expires=D(2024, 5, 1))
    with pytest.raises(ValidationError):
        register(accompaniment_mode="accompanied", accompanier=expired, registered_on=D(2024, 6, 1))


def test_autonomous_pathways_have_no_accompanier():
    with pytest.raises(ValidationError):
        register(accompaniment_mode="autonomous", accompanier=listed_accompanier())


def test_the_gip_removes_an_accompanier_with_a_reason_and_it_leaves_the_list():
    organisation = listed_accompanier()
    listing = organisation.listings.get()
    assert listing in accompanier_listings()
    with pytest.raises(ValidationError):
        services.accompanier_listing_remove(actor=None, listing=listing, reason=" ")
    services.accompanier_listing_remove(actor=None, listing=listing, reason="Certificat Qualiopi suspendu")
    assert listing not in accompanier_listings()
    assert organisation.pk not in [entry.organisation_id for entry in accompanier_listings()]
    with pytest.raises(ValidationError):
        services.accompanier_listing_remove(actor=None, listing=listing, reason="Encore")
    with pytest.raises(ValidationError):
        services.candidacy_accompanier_choose(actor=None, candidacy=CandidacyFactory(), accompanier=organisation)


def test_listing_refuses_a_non_accompanier_or_an_expired_certificate():
    with pytest.raises(ValidationError) as error:
        services.accompanier_listing_add(
            actor=None,
            organisation=OrganisationFactory(kind=OrganisationKind.FUNDER),
            qualiopi_number="",
            qualiopi_expires_on=D(2020, 1, 1),
        )
    assert set(error.value.message_dict) == {"organisation", "qualiopi_number", "qualiopi_expires_on"}


def test_listing_again_renews_the_certificate():
    organisation = listed_accompanier()
    services.accompanier_listing_add(
        actor=None, organisation=organisation, qualiopi_number="Q-2", qualiopi_expires_on=D(2031, 1, 1)
    )
    assert organisation.listings.get().qualiopi_number == "Q-2"


def test_choosing_an_accompanier_makes_the_pathway_accompanied_and_the_opinion_follows():
    candidacy = CandidacyFactory()
    with pytest.raises(ValidationError):
        services.candidacy_opinion_give(actor=None, candidacy=candidacy, opinion="favourable", text="Oui")
    organisation = listed_accompanier()
    candidacy = services.candidacy_accompanier_choose(actor=None, candidacy=candidacy, accompanier=organisation)
    assert candidacy.accompaniment_mode == "accompanied"
    with pytest.raises(ValidationError) as error:
        services.candidacy_opinion_give(actor=None, candidacy=candidacy, opinion="maybe", text="")
    assert set(error.value.message_dict) == {"opinion", "text"}
    services.candidacy_opinion_give(actor=None, candidacy=candidacy, opinion="unfavourable", text="Écart important")
    candidacy.refresh_from_db()
    assert candidacy.accompanier_opinion == "unfavourable"


def _programme(**overrides):
    data = {
        "actor": None,
        "name": "VAE collective Occitanie",
        "kind": "public_collective",
        "funder": "region",
        "branches": "Branche sanitaire et sociale",
        "enrolment_code": "occ-2023",
        "starts_on": D(2023, 1, 1),
    }
    data.update(overrides)
    return services.programme_create(**data)


def test_programme_refusals():
    with pytest.raises(ValidationError) as error:
        _programme(funder="", ends_on=D(2022, 1, 1))
    assert set(error.value.message_dict) == {"funder", "ends_on"}
    with pytest.raises(ValidationError) as error:
        _programme(kind="sponsored_cohort", funder="")
    assert "sponsor" in error.value.message_dict
    _programme()
    with pytest.raises(ValidationError) as error:
        _programme()
    assert "enrolment_code" in error.value.message_dict


def test_filing_assistance_is_decided_at_enrolment_in_the_2019_era():
    programme = _programme()
    candidacy = CandidacyFactory(started_on=D(2023, 3, 1))
    candidacy = services.candidacy_programme_enrol(
        actor=None, candidacy=candidacy, enrolment_code="OCC-2023", on=D(2023, 12, 28)
    )
    assert candidacy.programme == programme
    assert candidacy.filing_assistance_decision["value"] is True  # level 3 < 4 in a regional programme
    assert candidacy.filing_assistance_error == ""


def test_filing_assistance_survives_after_2023_12_28_only_for_pathways_begun_before_the_rollout():
    # R6412-1 NOTA: R6423-3-1 stays applicable to pathways begun before the portal's rollout (by 2024-12-31
    # at the latest, to confirm); later pathways get no_version_in_force and enrolment still works.
    _programme()
    older = services.candidacy_programme_enrol(
        actor=None,
        candidacy=CandidacyFactory(started_on=D(2023, 11, 1)),
        enrolment_code="occ-2023",
        on=D(2023, 12, 29),
    )
    assert older.filing_assistance_decision["rule_version"] == "2023-12-29"
    assert "R6412-1" in {source["article"] for source in older.filing_assistance_decision["sources"]}
    candidacy = services.candidacy_programme_enrol(
        actor=None, candidacy=CandidacyFactory(started_on=D(2025, 1, 1)), enrolment_code="occ-2023", on=D(2025, 2, 1)
    )
    assert candidacy.filing_assistance_decision is None
    assert candidacy.filing_assistance_error == "no_version_in_force"


def test_sponsored_cohort_enrolment_with_its_imposed_accompanier_and_restricted_certifications():
    sponsor = OrganisationFactory(kind=OrganisationKind.FUNDER)
    accompanier = listed_accompanier()
    candidacy = CandidacyFactory()
    _programme(
        kind="sponsored_cohort",
        funder="",
        sponsor=sponsor,
        enrolment_code="COH1",
        starts_on=D(2024, 1, 1),
        accompanier=accompanier,
        certifications=[candidacy.certification],
    )
    _programme(
        kind="sponsored_cohort",
        funder="",
        sponsor=sponsor,
        enrolment_code="COH2",
        starts_on=D(2024, 1, 1),
        certifications=[certification()],
    )
    with pytest.raises(ValidationError):
        services.candidacy_programme_enrol(actor=None, candidacy=candidacy, enrolment_code="COH2")
    with pytest.raises(ValidationError):
        services.candidacy_programme_enrol(actor=None, candidacy=candidacy, enrolment_code="NOPE")
    candidacy = services.candidacy_programme_enrol(actor=None, candidacy=candidacy, enrolment_code="coh1")
    assert candidacy.accompanier == accompanier and candidacy.accompaniment_mode == "accompanied"


def test_a_candidacy_is_enrolled_in_one_programme_only():
    _programme()
    _programme(enrolment_code="occ-bis")
    candidacy = services.candidacy_programme_enrol(
        actor=None, candidacy=CandidacyFactory(started_on=D(2023, 3, 1)), enrolment_code="OCC-2023", on=D(2023, 6, 1)
    )
    with pytest.raises(ValidationError) as error:
        services.candidacy_programme_enrol(actor=None, candidacy=candidacy, enrolment_code="OCC-BIS", on=D(2023, 6, 2))
    assert [e.code for e in error.value.error_dict["enrolment_code"]] == ["already_enrolled"]
    candidacy.refresh_from_db()
    assert (candidacy.programme.enrolment_code, candidacy.enrolled_on) == ("OCC-2023", D(2023, 6, 1))


def test_experiences_are_added_only_before_filing():
    candidacy = CandidacyFactory()
    services.candidacy_experience_add(actor=None, candidacy=candidacy, **EXPERIENCE)
    assert candidacy.experiences.count() == 2
    filed = CandidacyFactory(filed=True)
    with pytest.raises(ValidationError):
        services.candidacy_experience_add(actor=None, candidacy=filed, **EXPERIENCE)


def test_future_dates_are_refused():
    with pytest.raises(ValidationError):
        register(registered_on=timezone.localdate() + dt.timedelta(days=2))


def test_an_identical_double_submit_answers_the_first_candidacy():
    candidate = UserFactory(candidate=True)
    cert = certification()
    first = register(candidate=candidate, certification=cert)
    again = register(candidate=candidate, certification=cert)
    assert again.pk == first.pk and Candidacy.objects.count() == 1
    assert AuditEvent.objects.filter(action="candidacy_registered", payload__already_registered=True).count() == 1
    # Anything different is a new candidacy: another certification, another start.
    assert register(candidate=candidate, certification=certification()).pk != first.pk
    assert register(candidate=candidate, certification=cert, started_on=D(2024, 7, 1)).pk != first.pk
    assert Candidacy.objects.count() == 3


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_six_concurrent_identical_registrations_create_one_candidacy():
    from tests.concurrency import run_concurrently

    candidate, cert, dept = UserFactory(candidate=True), certification(), department()
    results, errors = run_concurrently(
        lambda: register(candidate=candidate, certification=cert, department=dept).pk, 6
    )
    assert errors == []
    assert len(set(results)) == 1 and Candidacy.objects.filter(candidate=candidate).count() == 1
