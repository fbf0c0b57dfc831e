"""The finder's three doors: ``acquis certifications find``, GET /api/v1/certifications/find and /trouver/;
and where a result leads (the certification's page, registration filled in)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.core.management import call_command

from acquis.accounts.enums import Role
from tests.accounts.factories import UserFactory
from tests.orientation.world import small_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return small_world()


def _cli(*args):
    import io

    out = io.StringIO()
    call_command("certifications_find", *args, stdout=out)
    return out.getvalue()


def test_cli_json_contract(world):
    import json

    body = json.loads(_cli("soudeuse", "--level", "3", "--limit", "1", "--json"))
    assert body == {
        "results": [
            {
                "code": "RNCP34172",
                "title": "CQP Soudeur industriel",
                "level": 3,
                "score": body["results"][0]["score"],
                "why": body["results"][0]["why"],
            }
        ]
    }
    assert 0 < body["results"][0]["score"] <= 1 and body["results"][0]["why"]
    assert json.loads(_cli("--json"))["message"].startswith("Décrivez")


def test_cli_text_output(world):
    out = _cli("cariste")
    assert out.startswith("1. RNCP34857 — Titre professionnel Cariste d'entrepôt - CE (niveau 3) — score")
    assert "· Métier « Cariste »" in out


@pytest.mark.parametrize(("args", "fragment"), [(["--level", "9"], "niveau"), (["--departement", "00"], "« 00 »")])
def test_cli_bad_value_exits_2_with_a_json_error(world, args, fragment, capsys):
    import io
    import json

    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("certifications_find", "soudeur", *args, "--json", stdout=out)
    assert exit_info.value.code == 2
    assert fragment in json.loads(out.getvalue())["error"]


def test_cli_bad_option_in_a_real_process_prints_json_and_exits_2(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "acquis.cli", "certifications", "find", "x", "--limit", "beaucoup", "--json"],
        capture_output=True,
        text=True,
        env={"DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert '"error": "option --limit: Le nombre de résultats est un nombre entier' in done.stdout


def test_api_answers_the_same_json(world, client):
    response = client.get("/api/v1/certifications/find", {"q": "soudeuse", "level": 3, "limit": 1})
    assert response.status_code == 200
    assert response.json() == {"results": [dict(_cli_first("soudeuse"))], "message": None}


def _cli_first(text):
    import json

    return json.loads(_cli(text, "--level", "3", "--limit", "1", "--json"))["results"][0]


def test_api_bad_argument_is_a_422_with_error(world, client):
    response = client.get("/api/v1/certifications/find", {"q": "soudeuse", "departement": "99"})
    assert response.status_code == 422
    assert "99" in response.json()["error"] and response["Content-Type"] == "application/problem+json"


def test_api_ten_thousand_characters_is_not_an_error(world, client):
    response = client.get("/api/v1/certifications/find", {"q": "soudeur " * 1250})
    assert response.status_code == 200 and "premiers caractères" in response.json()["message"]


def test_page_lists_results_with_why_and_links(world, client):
    response = client.get("/trouver/", {"q": "aide-soignante de nuit", "departement": "31"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Diplôme d&#x27;Etat Aide soignant - DEAS" in html and "Pourquoi cette proposition" in html
    assert "/certifications/RNCP35830/?departement=31" in html
    assert "/parcours/inscription/?certification=RNCP35830&amp;departement=31" in html
    # Then to someone who helps choose, in the person's département.
    assert 'href="/se-faire-conseiller/?departement=31"' in html
    assert 'aria-current="page">Trouver ma certification</a>' in html  # the main menu's entry


def test_page_without_a_department_links_to_the_whole_directory(world, client):
    html = client.get("/trouver/", {"q": "aide-soignante"}).content.decode()
    assert 'href="/se-faire-conseiller/">où se faire conseiller près de chez vous' in html


def test_autocomplete_endpoint_names_job_titles_from_a_few_letters(world, client):
    response = client.get("/api/v1/certifications/job-titles", {"q": "SOUD"})
    assert response.status_code == 200
    results = response.json()["results"]
    assert {"code_ogr": 20002, "label": "Soudeur / Soudeuse", "rome_code": "H2913"} in results
    assert client.get("/api/v1/certifications/job-titles", {"q": "s"}).json() == {"results": []}  # too short
    assert client.get("/api/v1/certifications/job-titles", {"q": "zzzz"}).json() == {"results": []}
    too_long = client.get("/api/v1/certifications/job-titles", {"q": "x" * 201})
    assert too_long.status_code == 422


def test_page_loads_the_autocomplete_script_from_a_file(world, client):
    html = client.get("/trouver/").content.decode()
    assert 'data-suggestions="/api/v1/certifications/job-titles"' in html
    assert "/static/acquis/job-titles.js" in html
    assert "<script>" not in html  # no inline script: a Content-Security-Policy may forbid it


def test_page_suggests_job_titles_without_javascript(world, client):
    html = client.get("/trouver/", {"metier": "soud"}).content.decode()
    assert "Précisez votre métier" in html and "metier_code=20002" in html
    chosen = client.get("/trouver/", {"metier_code": "20002"}).content.decode()
    assert "CQP Soudeur industriel" in chosen and "que vous avez choisi" in chosen
    exact = client.get("/trouver/", {"metier": "cariste"}).content.decode()
    assert "Titre professionnel Cariste" in exact


@pytest.mark.parametrize("params", [{"niveau": "12"}, {"departement": "99"}, {"metier_code": "1"}])
def test_page_bad_arguments_are_form_errors(world, client, params):
    response = client.get("/trouver/", {"q": "soudeur", **params})
    assert response.status_code == 400 and "Le formulaire contient" in response.content.decode()


def test_page_empty_and_long_descriptions_get_a_message(world, client):
    assert "Décrivez ce que vous avez fait" in client.get("/trouver/", {"q": " "}).content.decode()
    long = client.get("/trouver/", {"q": "x" * 10_000}).content.decode()
    assert "premiers caractères" in long


def test_certification_page_leads_to_registration_and_shows_link_sources(world, client):
    html = client.get("/certifications/RNCP35830/", {"departement": "31"}).content.decode()
    assert "Commencer ma VAE pour cette certification" in html
    assert "/parcours/inscription/?certification=RNCP35830&amp;departement=31" in html
    assert "calculé par Acquis" in html and "Accompagnateurs près de chez vous" in html
    assert 'href="/se-faire-conseiller/?departement=31"' in html
    registry = client.get("/certifications/RNCP38565/").content.decode()
    assert "publié au registre" in registry


def test_registration_is_filled_in_from_the_result(world, client):
    client.force_login(UserFactory(role=Role.CANDIDATE))
    html = client.get("/parcours/inscription/", {"certification": "rncp35830", "departement": "31"}).content.decode()
    assert 'value="RNCP35830"' in html and 'value="31"' in html
    assert "Certification choisie : Diplôme d&#x27;Etat Aide soignant - DEAS" in html
