"""GET /api/v1/advice: where to get advice by région, département and kind; an accompanier's R6423-4
information; unknown territories answer 422 in French, a SIRET never on the GIP's list 404."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from acquis.accounts.enums import OrganisationKind
from acquis.pathways.services import accompanier_listing_remove
from tests.accounts.factories import OrganisationFactory
from tests.orientation.world import demo_directory_world

URL = "/api/v1/advice"


@pytest.fixture
def accompanier(db):
    return demo_directory_world()


def test_a_department_lists_its_places_and_those_of_its_region(client, accompanier):
    body = client.get(URL, {"departement": "34"}).json()
    names = {row["name"] for row in body["results"]}
    assert "Conseil en évolution professionnelle — Occitanie (démo)" in names
    assert f"{accompanier.name} — Hérault" in names
    assert not any("Ariège" in name for name in names)
    assert body["count"] == len(body["results"]) and body["truncated"] is False
    site = next(row for row in body["results"] if row["accompanier_siret"])
    assert site["accompanier_siret"] == accompanier.siret and site["kind"] == "accompanier"
    assert all(row["demo"] for row in body["results"])  # demonstration data says so


def test_a_region_and_a_kind_narrow_the_list(client, accompanier):
    body = client.get(URL, {"region": "53", "kind": "vae_centre"}).json()
    assert [row["name"] for row in body["results"]] == ["Centre de conseil VAE — Côtes-d'Armor (démo)"]
    assert body["results"][0]["kind_label"] == "Centre de conseil VAE"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"departement": "999"}, "Ce numéro de département n'existe pas"),
        ({"region": "XX"}, "Cette région n'existe pas"),
        ({"kind": "notaire"}, "Nature inconnue"),
    ],
)
def test_an_unknown_territory_or_kind_is_a_422_in_french(client, accompanier, query, message):
    response = client.get(URL, query)
    assert response.status_code == 422
    assert message in response.json()["error"]


def test_an_accompanier_s_r6423_4_information_and_qualiopi(client, accompanier):
    body = client.get(f"{URL}/accompaniers/{accompanier.siret}").json()
    assert body["listed"] is True and body["qualiopi_valid"] is True
    assert body["qualiopi_expires_on"] == (timezone.localdate() + dt.timedelta(days=200)).isoformat()
    assert "Accueil sur rendez-vous" in body["reception_conditions"]
    assert "master en ingénierie" in body["staff_qualification"] and body["methods"]
    assert {site["departement"] for site in body["sites"]} >= {"34"}


def test_an_accompanier_removed_from_the_list_says_so_and_leaves_the_directory(client, accompanier):
    accompanier_listing_remove(actor=None, listing=accompanier.listings.get(), reason="Qualiopi retiré")
    body = client.get(f"{URL}/accompaniers/{accompanier.siret}").json()
    assert body["listed"] is False and body["qualiopi_valid"] is False
    names = {row["name"] for row in client.get(URL, {"departement": "34"}).json()["results"]}
    assert f"{accompanier.name} — Hérault" not in names


def test_an_organisation_never_listed_is_a_404(client, db):
    organisation = OrganisationFactory(kind=OrganisationKind.ACCOMPANIER)
    assert client.get(f"{URL}/accompaniers/{organisation.siret}").status_code == 404
