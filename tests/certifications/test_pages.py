"""The public finder and fiche pages (French, DSFR), and the read API."""

from __future__ import annotations

import re
from datetime import date

import pytest

from acquis.certifications.selectors import certification_search
from acquis.certifications.services import certification_registry_import
from acquis.demo.synthetic_certifications import write_synthetic_export
from tests.certifications.db import import_fixture


@pytest.fixture
def registry():
    return import_fixture()


def _codes(html: str) -> list[str]:
    return re.findall(r'href="/certifications/((?:RNCP|RS)\d+)/"', html)


def test_search_words_ignore_accents_and_case(registry):
    assert [c.code for c in certification_search(q="MEDICO social")] == ["RNCP35028"]
    assert [c.code for c in certification_search(q="assistant vie")] == ["RNCP35506", "RNCP34690"]
    assert [c.code for c in certification_search(q="rncp35506")] == ["RNCP35506"]


def test_filters_level_vae_rome_and_inactive(registry):
    assert {c.code for c in certification_search(level=5)} == {"RNCP35993"}
    assert {c.code for c in certification_search(level=5, include_inactive=True)} == {"RNCP35993", "RNCP12345"}
    assert "RNCP34692" in {c.code for c in certification_search(vae=False)}
    assert all(c.vae_accessible for c in certification_search(vae=True))
    assert {c.code for c in certification_search(rome="k1302")} == {"RNCP35506", "RNCP34690"}
    assert {c.code for c in certification_search(rome="K1302", include_inactive=True)} == {
        "RNCP35506",
        "RNCP34690",
        "RNCP4821",
    }


def test_finder_lists_active_fiches_by_default(client, registry):
    response = client.get("/certifications/")
    html = response.content.decode()
    assert response.status_code == 200 and "<h1>Trouver une certification</h1>" in html
    assert "8 certifications" in html and "RNCP4821" not in _codes(html)
    assert "Assistant de vie aux familles" in html


def test_finder_filters_from_the_query_string(client, registry):
    html = client.get("/certifications/", {"q": "assistant", "niveau": "3", "vae": "oui"}).content.decode()
    assert _codes(html) == ["RNCP35506", "RNCP34690"]
    html = client.get("/certifications/", {"rome": "K1302", "inactives": "on"}).content.decode()
    assert set(_codes(html)) == {"RNCP34690", "RNCP35506", "RNCP4821"}
    html = client.get("/certifications/", {"q": "astronaute"}).content.decode()
    assert "Aucune certification ne correspond" in html


def test_finder_explains_invalid_filters_in_french(client, registry):
    response = client.get("/certifications/", {"rome": "K13", "niveau": "9"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Un code ROME est une lettre suivie de 4 chiffres, par exemple K1302." in html
    assert "Choisissez un niveau entre 1 et 8." in html
    assert 'aria-invalid="true"' in html


def test_finder_is_paginated(client, tmp_path):
    certification_registry_import(
        path=write_synthetic_export(tmp_path, fiches=60, export_date=date(2026, 11, 1), seed=1)
    )
    first = client.get("/certifications/", {"q": "synthétique", "inactives": "on"}).content.decode()
    assert "60 certifications" in first and len(_codes(first)) == 20 and "page 1 sur 3" in first
    assert "q=synth%C3%A9tique&amp;inactives=on&amp;page=2" in first
    third = client.get("/certifications/", {"q": "synthétique", "inactives": "on", "page": "3"}).content.decode()
    assert len(_codes(third)) == 20 and set(_codes(third)).isdisjoint(_codes(first))


def test_detail_page_shows_level_blocks_certifiers_rome_and_versions(client, registry):
    html = client.get("/certifications/RNCP35506/").content.decode()
    assert "<h1>Assistant de vie aux familles</h1>" in html
    assert "Niveau 3 : Activités et problèmes dans un contexte connu" in html
    assert "RNCP35506BC02" in html and "Entretenir le logement et le linge d&#x27;un particulier" in html
    assert "(SIRET 11000007200014)" in html
    assert 'href="/certifications/?rome=K1304"' in html
    assert "4 mai 2031" in html
    assert "Cette fiche remplace" in html and 'href="/certifications/RNCP4821/"' in html


def test_detail_page_of_an_old_fiche_shows_its_successor_and_old_level(client, registry):
    html = client.get("/certifications/RNCP4821/").content.decode()
    assert "Inactive" in html and "Cette fiche est remplacée par" in html
    assert 'href="/certifications/RNCP35506/"' in html
    assert "Publié comme « Niveau V »" in html
    html = client.get("/certifications/RNCP34690/").content.decode()
    assert "RNCP11111 (fiche absente du registre d'Acquis)" in html


def test_detail_page_of_an_rs_fiche_and_unknown_code(client, registry):
    html = client.get("/certifications/rs5632/").content.decode()
    assert "Répertoire spécifique (RS)" in html and "Sans niveau" in html
    assert "https://www.francecompetences.fr/recherche/rs/5632/" in html
    assert client.get("/certifications/RNCP99999/").status_code == 404


def test_api_search_is_paginated_and_filtered(client, registry):
    body = client.get("/api/v1/certifications", {"q": "assistant", "vae": "true", "level": 3}).json()
    assert body["count"] == 2 and body["page"] == 1 and body["pages"] == 1 and body["page_size"] == 20
    assert body["results"][1] == {
        "code": "RNCP34690",
        "title": "Assistant de vie dépendance",
        "level": 3,
        "vae_accessible": True,
        "active": True,
        "registration_end": "2025-05-19",
    }
    everything = client.get("/api/v1/certifications", {"include_inactive": "true"}).json()
    assert everything["count"] == 13


def test_api_refuses_bad_filters_as_problem_details(client, registry):
    response = client.get("/api/v1/certifications", {"level": 9, "rome": "K13"})
    assert response.status_code == 422 and response["Content-Type"] == "application/problem+json"


def test_api_detail(client, registry):
    body = client.get("/api/v1/certifications/RNCP35506").json()
    assert body["registry"] == "rncp" and body["level"] == 3 and body["level_published"] == "NIV3"
    assert body["level_label"].startswith("Niveau 3 : ")
    assert [b["code"] for b in body["blocks"]] == ["RNCP35506BC01", "RNCP35506BC02", "RNCP35506BC03"]
    assert body["certifiers"] == [
        {"siret": "11000007200014", "name": "MINISTERE DU TRAVAIL DU PLEIN EMPLOI ET DE L'INSERTION"}
    ]
    assert [r["code"] for r in body["rome_codes"]] == ["K1302", "K1304", "K1303"]
    assert body["previous_versions"] == [{"code": "RNCP4821", "title": "Assistant de vie aux familles"}]
    assert body["next_versions"] == [] and body["absent_since"] is None
    missing = client.get("/api/v1/certifications/RNCP99999")
    assert missing.status_code == 404 and missing.json()["title"] == "Ressource introuvable"
