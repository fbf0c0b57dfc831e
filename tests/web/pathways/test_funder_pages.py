"""The funder's pages (R6411-5): the candidacies of the programmes it sponsors — never another sponsor's,
never a personal detail — counted by status, the GIP choosing a sponsor by SIRET, and one candidacy's
funding view."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from acquis.documents.text import french_date
from acquis.pathways import services
from tests.accounts.factories import OrganisationFactory, UserFactory
from tests.pathways.factories import EXPERIENCE, CandidacyFactory, listed_accompanier
from tests.web.pathways.support import text

TODAY = timezone.localdate


def _ago(days: int) -> dt.date:
    return TODAY() - dt.timedelta(days=days)


def _sponsored(code: str, sponsor=None):
    """A cohort sponsored by ``sponsor`` (a new funder organisation by default), with its funder member."""
    sponsor = sponsor or OrganisationFactory(funder=True)
    services.programme_create(
        actor=None,
        name=f"Cohorte {code}",
        kind="sponsored_cohort",
        enrolment_code=code,
        starts_on=dt.date(2024, 1, 1),
        sponsor=sponsor,
    )
    return sponsor, UserFactory(funder=True, organisation=sponsor)


def _enrolled(code: str, **traits):
    candidacy = CandidacyFactory(accompanied=True, **traits)
    services.candidacy_programme_enrol(actor=None, candidacy=candidacy, enrolment_code=code, on=_ago(5))
    return candidacy


def _personal_details(candidacy) -> list[str]:
    candidate = candidacy.candidate
    return [candidate.last_name, candidate.email, EXPERIENCE["title"], candidacy.accompanier.name]


def test_funder_sees_its_programmes_candidacies_counted_by_status_and_nothing_personal(client):
    sponsor, member = _sponsored("COH-A")
    _sponsored("COH-B")  # another sponsor's cohort
    registered = _enrolled("COH-A", started_on=_ago(20))
    filed = _enrolled("COH-A", filed=True, started_on=_ago(50))
    other = _enrolled("COH-B", started_on=_ago(20))
    CandidacyFactory(started_on=_ago(20))  # in no programme
    client.force_login(member)
    response = client.get(reverse("web:pathway_funder_worklist"))
    page = text(response)
    assert response.status_code == 200
    assert f"<title>Candidatures financées — {sponsor.name}" in page
    assert "Cohorte COH-A" in page and "Cohorte COH-B" not in page
    assert page.count("— voir le financement") == 2
    assert f"n° {registered.pk}<" in page and f"n° {filed.pk}<" in page and f"n° {other.pk}<" not in page
    assert registered.certification.code in page and filed.certification.code in page
    assert other.certification.code not in page
    # Counts by status: one registered, one filed awaiting receipt.
    counted = f'?siret={sponsor.siret}&statut=registered">Inscrite, dossier de faisabilité non déposé</a></td><td>1<'
    assert counted in page
    assert "statut=feasibility_submitted" in page
    for detail in _personal_details(registered) + _personal_details(filed):
        assert detail not in page, detail
    only_filed = text(client.get(reverse("web:pathway_funder_worklist"), {"statut": "feasibility_submitted"}))
    assert f"n° {filed.pk}<" in only_filed and f"n° {registered.pk}<" not in only_filed
    assert "Candidatures — dossier de faisabilité déposé, réception à confirmer (1)" in only_filed


def test_funder_cannot_read_another_sponsors_worklist_and_the_gip_picks_one(client):
    sponsor, member = _sponsored("COH-A")
    other_sponsor, _ = _sponsored("COH-B")
    mine = _enrolled("COH-A", started_on=_ago(20))
    url = reverse("web:pathway_funder_worklist")
    client.force_login(member)
    assert client.get(url, {"siret": other_sponsor.siret}).status_code == 404
    assert client.get(url, {"siret": "99999999999999"}).status_code == 404
    client.force_login(UserFactory(gip_staff=True))
    chooser = text(client.get(url))
    assert 'for="siret">SIRET du commanditaire' in chooser and "— voir le financement" not in chooser
    chosen = text(client.get(url, {"siret": sponsor.siret}))
    assert f"n° {mine.pk}<" in chosen and "Cohorte COH-A" in chosen
    for user in (
        UserFactory(candidate=True),
        UserFactory(accompanier=True),
        UserFactory(certifier=True),
        UserFactory(statistician=True),
    ):
        client.force_login(user)
        assert client.get(url, {"siret": sponsor.siret}).status_code == 404, user  # not their organisation
    client.logout()
    assert client.get(url)["Location"].startswith("/connexion/")


def test_a_funder_without_programmes_sees_empty_tables(client):
    client.force_login(UserFactory(funder=True))
    page = text(client.get(reverse("web:pathway_funder_worklist")))
    assert "Aucun accompagnement collectif financé." in page and "Aucune candidature." in page


def test_funding_view_of_one_candidacy_shows_only_what_the_funding_needs(client):
    sponsor, member = _sponsored("COH-A")
    candidacy = _enrolled("COH-A", filed=True, started_on=_ago(50))
    client.force_login(member)
    response = client.get(reverse("web:pathway_funding", args=[candidacy.pk]))
    page = text(response)
    assert response.status_code == 200
    assert f"<title>Financement de la candidature n° {candidacy.pk}" in page
    assert "Cohorte COH-A" in page and candidacy.certification.code in page
    assert f"{french_date(_ago(5))}" in page and "Dossier de faisabilité déposé, réception à confirmer" in page
    for detail in _personal_details(candidacy):
        assert detail not in page, detail
    # The candidacy page itself stays closed to the funder (R6411-5).
    assert client.get(reverse("web:pathway_detail", args=[candidacy.pk])).status_code == 403


def test_funding_view_refusals(client):
    _, member = _sponsored("COH-A")
    _, other_member = _sponsored("COH-B")
    candidacy = _enrolled("COH-A", started_on=_ago(20))
    url = reverse("web:pathway_funding", args=[candidacy.pk])
    for user in (
        other_member,  # another sponsor's funder
        candidacy.candidate,
        UserFactory(accompanier=True, organisation=candidacy.accompanier),
        UserFactory(certifier=True, organisation=candidacy.certifier),
    ):
        client.force_login(user)
        assert client.get(url).status_code in (403, 404), user  # 404 for whoever may not read the candidacy
    client.force_login(member)
    assert client.get(reverse("web:pathway_funding", args=[candidacy.pk + 1000])).status_code == 404
    gip = UserFactory(gip_staff=True)
    client.force_login(gip)
    assert client.get(url).status_code == 200
    outside = CandidacyFactory(accompanier=listed_accompanier(), started_on=_ago(20))  # in no programme
    assert client.get(reverse("web:pathway_funding", args=[outside.pk])).status_code == 404


def test_menu_entries_for_the_funder_and_the_gip(client):
    client.force_login(UserFactory(funder=True))
    page = text(client.get(reverse("web:account")))
    assert f'href="{reverse("web:pathway_funder_worklist")}"' in page
    assert f'href="{reverse("web:pathway_programmes")}"' not in page
    client.force_login(UserFactory(gip_staff=True))
    page = text(client.get(reverse("web:account")))
    assert f'href="{reverse("web:pathway_programmes")}"' in page
