"""The public information pages: figures read from the rules' parameters on the day shown, the legal basis
behind « Base légale », the date selector (tests: two days of different law)."""

from __future__ import annotations

import re

import pytest

PAGES = ["/vae/", "/vae/etapes/", "/vae/droits/", "/vae/financement/", "/vae/questions/"]


def _text(response) -> str:
    html = response.content.decode().replace("&#x27;", "'").replace("<strong>", "").replace("</strong>", "")
    return re.sub(r"\s+", " ", html)


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize("day", ["", "2014-11-15", "2018-06-01", "2021-03-01", "2024-06-01"])
def test_every_page_answers_on_every_era(client, url, day):
    response = client.get(url, {"date": day} if day else {})
    assert response.status_code == 200
    assert "Les articles du Code du travail de cette page" in _text(response)


def test_rights_figures_follow_the_law_of_the_day_shown(client):
    before = _text(client.get("/vae/droits/", {"date": "2021-03-01"}))
    after = _text(client.get("/vae/droits/", {"date": "2024-06-01"}))
    # R6422-3 / R6422-4 / D6422-8: 60 → 30 days' notice, 30 → 15 days to answer, 6 → 1 month, 24 → 48 hours.
    assert "au moins 60 jours" in before and "au moins 30 jours" in after
    assert "a 30 jours après avoir reçu" in before and "a 15 jours après avoir reçu" in after
    assert "pas dépasser 6 mois" in before and "pas dépasser 1 mois" in after
    assert "limite de 24 heures" in before and "limite de 48 heures" in after
    # The legal basis cites the article version of each day, one click away, with a link to the article page.
    assert "LEGIARTI000039330059" in before and "LEGIARTI000039330059" not in after
    assert "LEGIARTI000048721677" in after
    assert "/droit/code-du-travail/R6422-4?date=2023-12-29" in after
    assert "Base légale" in after


def test_silence_gave_no_consent_before_2019_11_04(client):
    assert "le congé est accordé" not in _text(client.get("/vae/droits/", {"date": "2019-11-03"}))
    assert "le congé est accordé" in _text(client.get("/vae/droits/", {"date": "2019-11-04"}))


def test_steps_show_the_2024_procedure_only_from_its_first_day(client):
    old = _text(client.get("/vae/etapes/", {"date": "2023-12-31"}))
    new = _text(client.get("/vae/etapes/", {"date": "2024-01-01"}))
    assert "Une autre procédure à cette date" in old and "2 mois" not in old
    assert "2 mois après la réception du dossier complet" in new
    assert 'class="fr-stepper' in new and "Étape 5 sur 5" in new


def test_funding_lists_the_expenses_of_the_day(client):
    in_2018 = _text(client.get("/vae/financement/", {"date": "2018-01-10"}))
    in_2021 = _text(client.get("/vae/financement/", {"date": "2021-01-10"}))
    in_2025 = _text(client.get("/vae/financement/", {"date": "2025-01-10"}))
    assert "la rémunération du salarié" in in_2018 and "la rémunération du salarié" not in in_2021
    assert "pas quand la VAE est financée par le CPF" in in_2021
    assert "ne dresse pas de liste" in in_2025
    assert "aidé à déposer votre demande de recevabilité si vous n'avez pas atteint le niveau 4" in in_2021


def test_no_figure_is_typed_into_the_templates():
    """Every number of the information pages comes from the parameters: the templates hold none of them."""
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "acquis/templates/web/orientation"
    for name in ("vae.html", "steps.html", "rights.html", "funding.html", "faq.html"):
        text = re.sub(r"\{[%{].*?[%}]\}", "", (folder / name).read_text())
        assert not re.search(r"\b(15|24|30|48|60)\b|\bsix\b|\btrente\b", text), name


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("2014-11-14", "à partir du 15 novembre 2014"),
        ("2099-01-01", "le droit à venir n'est pas connu"),
        ("2999-01-01", "entre le 1er janvier 1900 et le 31 décembre 2100"),
        ("demain", "Saisissez une date valide"),
    ],
)
def test_a_bad_date_is_refused_in_french(client, day, message):
    response = client.get("/vae/droits/", {"date": day})
    assert response.status_code == 400
    assert message in _text(response)


def test_home_starts_the_journey_and_no_longer_demonstrates_deemed_consent(client):
    html = _text(client.get("/"))
    assert "Quelle certification pour mon expérience ?" in html
    assert 'action="/trouver/"' in html and 'name="q"' in html and 'name="niveau"' in html
    assert 'name="departement"' in html
    for url in ("/vae/", "/vae/suis-je-concerne/", "/se-faire-conseiller/"):
        assert f'href="{url}"' in html
    assert "Le droit appliqué, article à l'appui" not in html
