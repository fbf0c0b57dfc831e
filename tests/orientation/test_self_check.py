"""« Suis-je concerné ? »: one question at a time, only those the rules need, then each right with its article."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from acquis.orientation.selfcheck import Answers, questions_needed

URL = "/vae/suis-je-concerne/"


def _text(response) -> str:
    html = re.sub(r"</?(time|strong)[^>]*>", "", response.content.decode().replace("&#x27;", "'"))
    return re.sub(r"\s+", " ", html)


def _question(response) -> str:
    match = re.search(
        r'name="(\w+)" value="[^"]*"(?: checked)?>\s*<label|<input class="fr-input" id="reponse" name="(\w+)"',
        response.content.decode(),
    )
    assert match, "aucune question sur la page"
    return match.group(1) or match.group(2)


def test_the_first_question_is_the_start_of_the_pathway_prefilled_with_today(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert _question(response) == "debut"
    assert f'value="{timezone.localdate().isoformat()}"' in response.content.decode()


def test_each_step_carries_the_previous_answers_in_hidden_fields(client):
    response = client.get(URL, {"debut": "2025-03-01", "situation": "salarie"})
    html = response.content.decode()
    assert _question(response) == "niveau"
    assert '<input type="hidden" name="debut" value="2025-03-01">' in html
    assert '<input type="hidden" name="situation" value="salarie">' in html


def test_an_employee_below_level_4_in_2025_is_asked_about_the_agreement_not_the_threat():
    answers = Answers(start=dt.date(2025, 3, 1), employee=True, level_answered=True, level=3)
    assert questions_needed(answers) == [
        "start",
        "employee",
        "level",
        "agreement",
        "same_certification",
        "other_certifications",
    ]


def test_someone_not_employed_in_2025_is_asked_nothing_about_leave():
    answers = Answers(start=dt.date(2025, 3, 1), employee=False, level_answered=True, level=5)
    assert questions_needed(answers) == ["start", "employee", "level", "same_certification", "other_certifications"]


def test_r6423_3_1_and_the_2017_funding_condition_are_asked_only_on_their_dates():
    in_2021 = Answers(
        start=dt.date(2021, 6, 1), employee=True, level_answered=True, level=5, collective_funder="region"
    )
    assert "collective_funder" in questions_needed(in_2021) and "threatened" in questions_needed(in_2021)
    assert "same_certification" not in questions_needed(in_2021)  # R6412-3: pathways begun from 2024-01-01
    in_2018 = Answers(start=dt.date(2018, 6, 1), employee=True, level_answered=True, level=5)
    assert "funding_obtained" in questions_needed(in_2018) and "collective_funder" not in questions_needed(in_2018)


def test_an_employee_in_2025_gets_leave_delays_paid_hours_and_the_annual_limit_with_articles(client):
    answers = {"debut": "2025-03-03", "situation": "salarie", "niveau": "3", "accord": "oui", "heures": "70"}
    response = client.get(URL, {**answers, "meme": "non", "autres": "1"})
    text = _text(response)
    assert response.status_code == 200
    assert "Vos droits pour un parcours commencé le 3 mars 2025" in text
    assert "au moins 30 jours avant" in text and "au plus tard le 18 mars 2025" in text  # R6422-3, R6422-4
    assert "sans réponse, le congé est accordé" in text
    assert "pendant 70 heures au plus par validation, grâce à votre accord collectif" in text  # D6422-8
    assert "(articles R6422-3, R6422-4)" in text
    assert "(article D6422-8)" in text
    assert "Vous pouvez déposer une demande cette année" in text and "R6412-3" in text
    assert "R6423-3-1) s'appliquait du 4 novembre 2019 au 28 décembre 2023" in text
    assert "Base légale" in text and "/droit/code-du-travail/D6422-8?date=2024-04-13" in text


def test_the_same_employee_in_2021_gets_24_hours_the_old_delays_and_r6423_3_1(client):
    answers = {"debut": "2021-03-01", "situation": "salarie", "niveau": "3", "collectif": "region", "accord": "non"}
    text = _text(client.get(URL, answers))
    assert "au moins 60 jours avant" in text and "au plus tard le 31 mars 2021" in text
    assert "pendant 24 heures au plus" in text
    assert "vous pouvez être aidé à déposer votre demande de recevabilité" in text
    assert "le Code du travail ne fixait pas de limite" in text


def test_the_yearly_limit_refuses_a_fourth_certification(client):
    answers = {"debut": "2025-03-03", "situation": "autre", "niveau": "inconnu", "meme": "non", "autres": "3"}
    text = _text(client.get(URL, answers))
    assert "nombre maximal de certifications différentes" in text
    assert "Le congé VAE est un droit des salariés" in text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"debut": "hier"}, "Saisissez une date"),
        ({"debut": "2010-01-01"}, "à partir du 15 novembre 2014"),
        ({"debut": "2025-03-03", "situation": "pirate"}, "Choisissez une des réponses proposées"),
        (
            {"debut": "2025-03-03", "situation": "salarie", "niveau": "3", "accord": "oui", "heures": "-4"},
            "entre 1 et",
        ),
    ],
)
def test_a_bad_answer_asks_the_question_again_with_a_french_error(client, query, message):
    response = client.get(URL, query)
    assert response.status_code == 400
    assert message in _text(response)


def test_a_question_sent_without_an_answer_is_asked_again(client):
    response = client.get(URL, {"debut": "2025-03-03", "question": "situation"})
    assert response.status_code == 400
    assert "Répondez à cette question pour continuer" in _text(response)
