"""Collective programme pages: the GIP's list and creation form (both kinds), and a candidacy's enrolment with
its code from the candidacy page, where the help to file the admissibility request is offered only when
support.admissibility_filing_assistance admits it (Decision and R6423-3-1 shown) and its refusal explained.
Every refusal is shown in French on the form with nothing saved."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from acquis.audit.enums import EventType
from acquis.audit.models import AuditEvent
from acquis.documents.text import french_date
from acquis.pathways import services
from acquis.pathways.models import Candidacy, CollectiveProgramme
from tests.accounts.factories import OrganisationFactory, UserFactory
from tests.pathways.factories import CandidacyFactory, certification, listed_accompanier
from tests.web.pathways.support import text

D = dt.date
TODAY = timezone.localdate
R6423_3_1 = "LEGIARTI000039312982"


def _programme(**overrides) -> CollectiveProgramme:
    data = {
        "actor": None,
        "name": "VAE collective Occitanie",
        "kind": "public_collective",
        "funder": "region",
        "branches": "Branche sanitaire et sociale",
        "enrolment_code": "OCC-2023",
        "starts_on": D(2023, 1, 1),
        "ends_on": D(2023, 12, 28),
    }
    data.update(overrides)
    return services.programme_create(**data)


def _cohort(code: str = "COHORTE-AS", **overrides) -> CollectiveProgramme:
    sponsor = overrides.pop("sponsor", None) or OrganisationFactory(funder=True)
    return _programme(
        name="Cohorte aides-soignants",
        kind="sponsored_cohort",
        funder="",
        branches="",
        enrolment_code=code,
        starts_on=D(2023, 1, 1),
        ends_on=None,
        sponsor=sponsor,
        **overrides,
    )


def _events(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


# --- the GIP's list and creation form ------------------------------------------------------------------------


def test_gip_lists_both_kinds_with_their_codes_and_creates_a_sponsored_cohort(client):
    _programme()
    sponsor = OrganisationFactory(funder=True, name="OPCO Santé")
    accompanier = listed_accompanier()
    cert = certification()
    client.force_login(UserFactory(gip_staff=True))
    page = text(client.get(reverse("web:pathway_programmes")))
    assert "<title>Accompagnements collectifs" in page
    assert "OCC-2023" in page and "Région, avec : Branche sanitaire et sociale" in page
    assert "Aucun accompagnement collectif." not in page
    response = client.post(
        reverse("web:pathway_programmes"),
        {
            "name": "Cohorte aides-soignants 2025",
            "kind": "sponsored_cohort",
            "sponsor": sponsor.siret,
            "enrolment_code": "as-2025",
            "starts_on": "2025-01-01",
            "certifications": f" {cert.code.lower()} ",
            "accompanier": accompanier.siret,
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("web:pathway_programmes")
    programme = CollectiveProgramme.objects.get(enrolment_code="AS-2025")
    assert programme.sponsor == sponsor and programme.accompanier == accompanier and programme.funder == ""
    assert list(programme.certifications.all()) == [cert]
    assert AuditEvent.objects.get(action=EventType.PROGRAMME_CREATED, object_id=str(programme.pk)).payload == {
        "kind": "sponsored_cohort",
        "code": "AS-2025",
    }
    listing = text(client.get(response["Location"]))
    assert "les candidats s'y inscrivent avec le code AS-2025" in listing
    assert f"OPCO Santé (SIRET {sponsor.siret})" in listing and cert.code in listing


def test_gip_creates_a_public_programme_with_branches(client):
    client.force_login(UserFactory(gip_staff=True))
    response = client.post(
        reverse("web:pathway_programmes"),
        {
            "name": "VAE collective de l'État",
            "kind": "public_collective",
            "funder": "state",
            "branches": "Branche de la propreté",
            "enrolment_code": "ETAT-2021",
            "starts_on": "2021-01-01",
            "ends_on": "2021-12-31",
        },
    )
    assert response.status_code == 302
    programme = CollectiveProgramme.objects.get(enrolment_code="ETAT-2021")
    assert (programme.funder, programme.branches, programme.sponsor) == ("state", "Branche de la propreté", None)


def _refused(client, data: dict, message: str, field: str):
    before = (CollectiveProgramme.objects.count(), _events(EventType.PROGRAMME_CREATED))
    response = client.post(reverse("web:pathway_programmes"), data)
    page = text(response)
    assert response.status_code == 400, data
    assert message in page, page
    assert f'aria-describedby="id_{field}-erreur"' in page  # the error is linked to its field
    assert (CollectiveProgramme.objects.count(), _events(EventType.PROGRAMME_CREATED)) == before


def test_programme_refusals_are_explained_on_their_field_and_save_nothing(client):
    _programme()
    client.force_login(UserFactory(gip_staff=True))
    base = {"name": "Cohorte", "kind": "public_collective", "enrolment_code": "NEW-1", "starts_on": "2023-01-01"}
    _refused(client, base, "organisé par l'État ou une région (R6423-3-1)", "funder")
    cohort = {**base, "kind": "sponsored_cohort"}
    _refused(client, cohort, "Indiquez le commanditaire qui finance la cohorte.", "sponsor")
    unknown = "Aucune organisation n'a ce SIRET dans Acquis."
    _refused(client, {**cohort, "sponsor": "99999999999999"}, unknown, "sponsor")
    sponsor = OrganisationFactory(funder=True).siret
    _refused(
        client,
        {**cohort, "sponsor": sponsor, "certifications": "RNCP0000001"},
        "Ces fiches ne sont pas dans le répertoire : RNCP0000001.",
        "certifications",
    )
    _refused(
        client,
        {**cohort, "sponsor": sponsor, "enrolment_code": "occ-2023"},
        "Ce code d'inscription est déjà utilisé par un autre accompagnement collectif.",
        "enrolment_code",
    )
    _refused(
        client,
        {**cohort, "sponsor": sponsor, "ends_on": "2022-12-31"},
        "La date de fin ne peut pas précéder la date de début.",
        "ends_on",
    )
    unnamed = "Indiquez le nom de l'accompagnement collectif."
    _refused(client, {**cohort, "sponsor": sponsor, "name": ""}, unnamed, "name")


def test_only_the_gip_manages_programmes(client):
    url = reverse("web:pathway_programmes")
    for user in (
        UserFactory(candidate=True),
        UserFactory(accompanier=True),
        UserFactory(funder=True),
        UserFactory(certifier=True),
    ):
        client.force_login(user)
        assert client.get(url).status_code == 403, user
        assert client.post(url, {"name": "X", "kind": "sponsored_cohort"}).status_code == 403
    client.logout()
    assert client.get(url)["Location"].startswith("/connexion/")
    assert not CollectiveProgramme.objects.exists()


# --- enrolment from the candidacy page -----------------------------------------------------------------------


def test_candidate_enrols_today_in_a_sponsored_cohort_where_no_help_is_offered(client):
    _cohort(accompanier=listed_accompanier())
    candidacy = CandidacyFactory(started_on=TODAY() - dt.timedelta(days=10))
    client.force_login(candidacy.candidate)
    detail = reverse("web:pathway_detail", args=[candidacy.pk])
    page = text(client.get(detail))
    assert "Inscrire la candidature à un accompagnement collectif" in page
    assert f'value="{TODAY().isoformat()}"' in page  # the enrolment date defaults to today
    response = client.post(
        reverse("web:pathway_programme_enrol", args=[candidacy.pk]),
        {"enrolment_code": " cohorte-as ", "on": TODAY().isoformat()},
    )
    assert response.status_code == 302 and response["Location"] == detail
    candidacy.refresh_from_db()
    assert candidacy.programme.enrolment_code == "COHORTE-AS" and candidacy.enrolled_on == TODAY()
    assert candidacy.accompaniment_mode == "accompanied"  # the cohort's accompanier
    event = AuditEvent.objects.get(action=EventType.CANDIDACY_PROGRAMME_ENROLLED, object_id=str(candidacy.pk))
    assert event.payload == {"programme": "COHORTE-AS", "filing_assistance": None, "accompanier_assigned": True}
    page = text(client.get(detail))
    assert "L'inscription à l'accompagnement collectif est enregistrée." in page
    assert "« Cohorte aides-soignants » (code <code>COHORTE-AS</code>)" in page
    assert '<span class="fr-badge fr-badge--info fr-badge--no-icon">Non proposée</span>' in page
    assert f"article qui n'était pas en vigueur le {french_date(TODAY())}, date de l'inscription" in page
    assert reverse("web:rule", kwargs={"rule_id": "support.admissibility_filing_assistance"}) in page
    assert "Inscrire la candidature à un accompagnement collectif" not in page  # enrolled: the form is gone
    assert "comprend une assistance au dépôt de cette demande" not in page


def test_a_second_enrolment_is_refused_and_the_first_programme_kept(client):
    first = _cohort("PREMIERE")
    _cohort("SECONDE")
    candidacy = CandidacyFactory(started_on=TODAY() - dt.timedelta(days=10))
    services.candidacy_programme_enrol(actor=None, candidacy=candidacy, enrolment_code="PREMIERE")
    client.force_login(candidacy.candidate)
    response = client.post(
        reverse("web:pathway_programme_enrol", args=[candidacy.pk]),
        {"enrolment_code": "SECONDE", "on": TODAY().isoformat()},
    )
    assert response.status_code == 400
    assert "Cette candidature est déjà inscrite à l'accompagnement collectif « Cohorte aides-soignants »" in text(
        response
    )
    candidacy.refresh_from_db()
    assert candidacy.programme == first and _events(EventType.CANDIDACY_PROGRAMME_ENROLLED) == 1


def test_help_to_file_is_offered_in_a_2023_regional_programme_with_its_decision_and_article(client):
    _programme()
    candidacy = CandidacyFactory(accompanied=True, started_on=D(2023, 3, 1))  # level 3, below the threshold
    adviser = UserFactory(accompanier=True, organisation=candidacy.accompanier)
    client.force_login(adviser)  # the accompanier enrols on the candidate's behalf
    response = client.post(
        reverse("web:pathway_programme_enrol", args=[candidacy.pk]), {"enrolment_code": "OCC-2023", "on": "2023-06-01"}
    )
    assert response.status_code == 302
    candidacy.refresh_from_db()
    assert candidacy.filing_assistance_decision["value"] is True
    page = text(client.get(reverse("web:pathway_detail", args=[candidacy.pk])))
    assert "Assistance au dépôt de la demande de recevabilité" in page
    assert '<span class="fr-badge fr-badge--success fr-badge--no-icon">Proposée</span>' in page
    assert "le plus haut niveau de qualification du candidat (niveau 3) n'atteint pas celui que fixe" in page
    assert "Article R6423-3-1" in page and R6423_3_1 in page
    assert "n'ont pas atteint un niveau 4 de qualification" in page  # the cited sentence
    assert "version du 2019-11-04" in page
    # Offered where the request is filed: next to the admissibility form.
    assert "comprend une assistance au dépôt de cette demande (article R6423-3-1" in page


def test_help_refused_for_a_qualification_reached_is_explained_with_the_article(client):
    _programme()
    candidacy = CandidacyFactory(started_on=D(2023, 3, 1), qualification_level=5)
    client.force_login(candidacy.candidate)
    client.post(
        reverse("web:pathway_programme_enrol", args=[candidacy.pk]), {"enrolment_code": "OCC-2023", "on": "2023-06-01"}
    )
    candidacy.refresh_from_db()
    assert candidacy.filing_assistance_decision["value"] is False
    page = text(client.get(reverse("web:pathway_detail", args=[candidacy.pk])))
    assert "Elle n'est pas proposée : le plus haut niveau de qualification du candidat (niveau 5) atteint" in page
    assert "fr-badge--success" not in page
    assert R6423_3_1 in page
    assert "comprend une assistance au dépôt de cette demande" not in page


def test_help_refused_outside_a_state_or_regional_programme_is_explained(client):
    _cohort()
    candidacy = CandidacyFactory(started_on=D(2023, 3, 1))
    client.force_login(candidacy.candidate)
    client.post(
        reverse("web:pathway_programme_enrol", args=[candidacy.pk]),
        {"enrolment_code": "COHORTE-AS", "on": "2023-06-01"},
    )
    candidacy.refresh_from_db()
    assert candidacy.filing_assistance_decision["value"] is False
    page = text(client.get(reverse("web:pathway_detail", args=[candidacy.pk])))
    assert "n'est pas un accompagnement collectif financé par l'État ou une région" in page
    assert R6423_3_1 in page


def test_enrolment_refusals_are_shown_on_the_form_and_save_nothing(client):
    _programme()  # open in 2023 only
    _cohort("RESTREINTE", certifications=[certification()])
    candidacy = CandidacyFactory(started_on=TODAY() - dt.timedelta(days=10))
    client.force_login(candidacy.candidate)
    url = reverse("web:pathway_programme_enrol", args=[candidacy.pk])
    tomorrow = (TODAY() + dt.timedelta(days=1)).isoformat()
    code = "enrolment_code"
    cases = [
        ({"enrolment_code": "", "on": TODAY()}, "Indiquez le code d'inscription.", "enrolment_code"),
        ({"enrolment_code": "INCONNU"}, "Indiquez la date : date d'inscription.", "on"),
        ({"enrolment_code": "INCONNU", "on": TODAY()}, "Ce code d'inscription ne correspond à aucun", code),
        ({"enrolment_code": "OCC-2023", "on": TODAY()}, "n'est pas ouvert à cette date.", "enrolment_code"),
        ({"enrolment_code": "RESTREINTE", "on": TODAY()}, "ne porte pas sur la certification visée.", code),
        ({"enrolment_code": "RESTREINTE", "on": tomorrow}, "ne peut pas être postérieure à aujourd'hui.", "on"),
    ]
    for data, message, field in cases:
        response = client.post(url, data)
        page = text(response)
        assert response.status_code == 400, data
        assert message in page, data
        assert f'aria-describedby="id_{field}-erreur"' in page, data
    candidacy.refresh_from_db()
    assert candidacy.programme is None and candidacy.enrolled_on is None
    assert _events(EventType.CANDIDACY_PROGRAMME_ENROLLED) == 0


def test_who_may_enrol_a_candidacy(client):
    _cohort()
    candidacy = CandidacyFactory(accompanied=True, started_on=TODAY() - dt.timedelta(days=10))
    url = reverse("web:pathway_programme_enrol", args=[candidacy.pk])
    data = {"enrolment_code": "COHORTE-AS", "on": TODAY().isoformat()}
    refused = [
        UserFactory(candidate=True),  # another candidate
        UserFactory(accompanier=True, organisation=listed_accompanier()),  # another accompanier
        UserFactory(certifier=True, organisation=candidacy.certifier),  # reads the candidacy, does not edit it
        UserFactory(funder=True),
        UserFactory(gip_staff=True),
    ]
    for user in refused:
        client.force_login(user)
        # 403 for a reader of the candidacy (the GIP), 404 for whoever may not read it.
        assert client.post(url, data).status_code in (403, 404), user
    client.force_login(candidacy.candidate)
    assert client.get(url).status_code == 405  # a form on the candidacy page: POST only
    missing = reverse("web:pathway_programme_enrol", args=[candidacy.pk + 1000])
    assert client.post(missing, data).status_code == 404
    assert Candidacy.objects.get(pk=candidacy.pk).programme is None
    own_page = text(client.get(reverse("web:pathway_detail", args=[candidacy.pk])))
    assert "Inscrire la candidature à un accompagnement collectif" in own_page


def test_a_closed_candidacy_cannot_be_enrolled(client):
    _cohort()
    candidacy = CandidacyFactory(dropped_out=True, started_on=TODAY() - dt.timedelta(days=10))
    client.force_login(candidacy.candidate)
    page = text(client.get(reverse("web:pathway_detail", args=[candidacy.pk])))
    assert "Inscrire la candidature à un accompagnement collectif" not in page
    response = client.post(
        reverse("web:pathway_programme_enrol", args=[candidacy.pk]),
        {"enrolment_code": "COHORTE-AS", "on": TODAY().isoformat()},
    )
    assert response.status_code == 403
    assert Candidacy.objects.get(pk=candidacy.pk).programme is None
