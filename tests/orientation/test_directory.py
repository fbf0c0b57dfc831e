"""« Où se faire conseiller »: the directory's search by région and département, the accompanier's R6423-4
page, and who may edit it (its organisation's accompaniers and the GIP; anyone else: 404)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from acquis.accounts.enums import OrganisationKind
from acquis.audit.models import AuditEvent
from acquis.demo.orientation import demo_orientation_load
from acquis.orientation.models import AccompanierProfile, AdviceOperator
from acquis.orientation.selectors import directory
from acquis.territories.models import Department, Region
from tests.accounts.factories import OrganisationFactory, UserFactory
from tests.orientation.world import demo_directory_world
from tests.pathways.factories import listed_accompanier

URL = "/se-faire-conseiller/"


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode().replace("&#x27;", "'"))


@pytest.fixture
def demo_directory(db):
    return demo_directory_world()


def test_demo_gives_each_region_a_cep_and_a_vae_centre_marked_as_demonstration(demo_directory):
    regions = Region.objects.count()
    assert AdviceOperator.objects.filter(kind="cep").count() == regions
    assert AdviceOperator.objects.filter(kind="vae_centre").count() == regions
    assert not AdviceOperator.objects.filter(is_demo=False).exists()
    assert demo_orientation_load(accompanier=demo_directory) == 0  # a second run creates nothing


def test_a_department_finds_its_own_places_and_those_of_its_whole_region(client, demo_directory):
    herault = Department.objects.get(code="34")
    names = {row.name for row in directory(department=herault)}
    assert "Conseil en évolution professionnelle — Occitanie (démo)" in names  # region-wide
    assert f"{demo_directory.name} — Hérault" in names
    assert not any("Ariège" in name for name in names)  # another département's centre (09, chef-lieu of 76)
    text = _text(client.get(URL, {"departement": "34"}))
    assert "Donnée de démonstration" in text and "Qualiopi valide jusqu'au" in text
    assert f"/se-faire-conseiller/accompagnateurs/{demo_directory.siret}/" in text


def test_a_region_and_a_kind_narrow_the_search(client, demo_directory):
    response = client.get(URL, {"region": "53", "nature": "vae_centre"})
    text = _text(response)
    assert response.status_code == 200
    assert "1 lieu de conseil" in text and "Centre de conseil VAE — Côtes-d'Armor (démo)" in text
    assert "Conseil en évolution professionnelle — Bretagne" not in text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"departement": "999"}, "Ce numéro de département n'existe pas"),
        ({"region": "XX"}, "Cette région n'existe pas"),
    ],
)
def test_an_unknown_territory_gets_a_french_error(client, demo_directory, query, message):
    response = client.get(URL, query)
    assert response.status_code == 400
    assert message in _text(response)


def test_the_accompanier_page_shows_the_r6423_4_information_and_qualiopi(client, demo_directory):
    text = _text(client.get(f"/se-faire-conseiller/accompagnateurs/{demo_directory.siret}/"))
    assert "Conditions d'accueil" in text and "Accueil sur rendez-vous" in text
    assert "Formation et qualification des accompagnateurs" in text and "master en ingénierie" in text
    assert "certificat n° Q-2023-0001" in text
    assert "/droit/code-du-travail/R6423-4?date=" in text
    assert "Modifier ces informations" not in text  # anonymous


def test_an_organisation_never_listed_has_no_accompanier_page(client, db):
    organisation = OrganisationFactory(kind=OrganisationKind.ACCOMPANIER)
    assert client.get(f"/se-faire-conseiller/accompagnateurs/{organisation.siret}/").status_code == 404


FORM = {"reception_conditions": "Sur place à Rennes.", "methods": "Ateliers.", "staff_qualification": "Formées."}


def test_the_accompanier_s_own_member_edits_its_information(client, demo_directory):
    member = UserFactory(accompanier=True, organisation=demo_directory)
    client.force_login(member)
    url = f"/se-faire-conseiller/accompagnateurs/{demo_directory.siret}/modifier/"
    assert client.get(url).status_code == 200
    response = client.post(url, FORM)
    assert response.status_code == 302
    profile = AccompanierProfile.objects.get(organisation=demo_directory)
    assert (profile.reception_conditions, profile.updated_by) == ("Sur place à Rennes.", member)
    assert AuditEvent.objects.filter(action="accompanier_profile_updated", actor=member).exists()


@pytest.mark.parametrize("who", ["other_accompanier", "candidate", "employer_same_org"])
def test_anyone_else_gets_a_404_and_nothing_changes(client, demo_directory, who):
    if who == "other_accompanier":
        user = UserFactory(accompanier=True, organisation=listed_accompanier())
    elif who == "candidate":
        user = UserFactory(candidate=True)
    else:  # a member of the same organisation under another role does not speak for the accompanier
        user = UserFactory(employer=True, organisation=demo_directory)
    client.force_login(user)
    url = f"/se-faire-conseiller/accompagnateurs/{demo_directory.siret}/modifier/"
    before = AccompanierProfile.objects.get(organisation=demo_directory).methods
    assert client.get(url).status_code == 404
    assert client.post(url, FORM).status_code == 404
    assert AccompanierProfile.objects.get(organisation=demo_directory).methods == before


def test_the_gip_may_correct_an_accompanier_s_information(client, demo_directory):
    client.force_login(UserFactory(gip_staff=True))
    url = f"/se-faire-conseiller/accompagnateurs/{demo_directory.siret}/modifier/"
    assert client.post(url, FORM).status_code == 302


def test_a_too_long_text_is_refused_with_nothing_saved(client, demo_directory):
    client.force_login(UserFactory(accompanier=True, organisation=demo_directory))
    url = f"/se-faire-conseiller/accompagnateurs/{demo_directory.siret}/modifier/"
    response = client.post(url, {**FORM, "methods": "x" * 5001})
    assert response.status_code == 400
    assert "Ateliers." not in AccompanierProfile.objects.get(organisation=demo_directory).methods


def test_a_candidate_choosing_an_accompanier_reads_its_r6423_4_information(client, demo_directory):
    from django.urls import reverse

    from tests.pathways.factories import CandidacyFactory

    candidacy = CandidacyFactory(started_on=timezone.localdate() - dt.timedelta(days=10))
    client.force_login(candidacy.candidate)
    text = _text(client.get(reverse("web:pathway_accompanier_choose", args=[candidacy.pk])))
    assert demo_directory.name in text
    assert "Accueil sur rendez-vous" in text and "Qualiopi valide jusqu'au" in text


def test_an_accompanier_removed_from_the_gip_list_leaves_the_directory(client, demo_directory):
    from acquis.pathways.services import accompanier_listing_remove

    herault = Department.objects.get(code="34")
    assert any(row.organisation_id == demo_directory.pk for row in directory(department=herault))
    listing = demo_directory.listings.get()
    accompanier_listing_remove(actor=None, listing=listing, reason="Certificat Qualiopi retiré.")
    assert not any(row.organisation_id == demo_directory.pk for row in directory(department=herault))
    text = _text(client.get(f"/se-faire-conseiller/accompagnateurs/{demo_directory.siret}/"))
    assert "qui ne figure plus sur la liste du GIP" in text
