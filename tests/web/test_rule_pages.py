"""Public rule pages: the catalogue, one page per rule, and the "Essayer la règle" form that keeps nothing."""

from __future__ import annotations

import datetime as dt
import html
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from acquis.audit.models import AuditEvent
from acquis.law.presentation import french_date
from acquis.rules.cases import cases_for
from acquis.rules.catalogue import default_registry
from acquis.rules.wording import all_wording
from acquis.web.rules.presentation import GOVERNING_DATES, PURPOSES
from tests.accounts.factories import UserFactory
from tests.law.db import law_corpus  # noqa: F401 — fixture
from tests.rules.hostile import HOSTILE_AT, HOSTILE_FACTS

ANSWER_DUE = reverse("web:rule", kwargs={"rule_id": "leave.employer_answer_due"})
PAID_HOURS = reverse("web:rule", kwargs={"rule_id": "leave.paid_hours_cap"})


def _text(response) -> str:
    return html.unescape(response.content.decode())


def test_catalogue_lists_every_rule_with_a_link(client):
    response = client.get(reverse("web:rules"))

    assert response.status_code == 200
    body = _text(response)
    for rule in default_registry():
        assert reverse("web:rule", kwargs={"rule_id": rule.id}) in body
        assert rule.title in body
    assert 'aria-current="page">Règles</a>' in body  # the main nav entry


def test_every_rule_has_a_french_purpose_and_governing_date():
    ids = {rule.id for rule in default_registry()}
    assert set(PURPOSES) == ids and set(GOVERNING_DATES) == ids


def test_rule_page_shows_versions_sources_with_law_links_and_parameters(client):
    response = client.get(ANSWER_DUE)

    assert response.status_code == 200
    body = _text(response)
    assert "Dernier jour du délai de réponse de l'employeur" in body
    assert "le jour où l'employeur a reçu la demande" in body
    # Three versions with their validity intervals (dates shown in French, machine-readable in <time>).
    for first_day in ("2014-11-15", "2019-11-04", "2023-12-29"):
        assert f'id="version-{first_day}"' in body
    assert '<time datetime="2023-12-28">28 décembre 2023</time> inclus' in body
    # Each version's source: article, LEGIARTI id, the sentence, and a link to the law page at that date.
    for legiarti, valid_from in (
        ("LEGIARTI000029756168", "2014-11-15"),
        ("LEGIARTI000039330059", "2019-11-04"),
        ("LEGIARTI000048721677", "2023-12-29"),
    ):
        assert legiarti in body
        assert f'href="/droit/code-du-travail/R6422-4?date={valid_from}"' in body
    assert "réception" in body  # part of the cited sentences
    # The parameter's timeline: value, from, until, source.
    assert "leave.employer_answer_delay" in body
    assert "30 jours calendaires" in body and "15 jours calendaires" in body


def test_rule_page_shows_the_transitional_note_and_the_nota(client):
    body = _text(client.get(PAID_HOURS))
    assert "Disposition transitoire" in body
    assert "(note transitoire — NOTA)" in body
    assert "décret n° 2024-332" in body
    assert "48 heures" in body and "24 heures" in body


def test_rule_page_lists_the_worked_examples(client):
    body = _text(client.get(ANSWER_DUE))
    cases = cases_for("leave.employer_answer_due")
    assert cases
    titles = all_wording()["leave.employer_answer_due"].cases
    for case in cases:
        assert titles[case.name] in body  # the French title (wording.fr.yaml), not the English name
    assert "Essayer<span" in body and "faits=" in body


def test_an_example_link_prefills_the_form(client):
    facts = {"request_received": "2019-11-03"}
    response = client.get(ANSWER_DUE, {"date": "2019-11-03", "faits": json.dumps(facts)})
    body = _text(response)
    assert 'value="2019-11-03"' in body
    assert '{"request_received": "2019-11-03"}</textarea>' in body


def test_unknown_rule_is_404(client):
    assert client.get(reverse("web:rule", kwargs={"rule_id": "leave.nope"})).status_code == 404


def _try(client, at: str, facts, status: int = 200) -> str:
    data = {"at": at, "facts": facts if isinstance(facts, str) else json.dumps(facts)}
    response = client.post(ANSWER_DUE, data)
    assert response.status_code == status
    return _text(response)


@pytest.mark.parametrize(
    ("day", "value", "legiarti"),
    [("2023-12-28", "2024-01-27", "LEGIARTI000039330059"), ("2023-12-29", "2024-01-13", "LEGIARTI000048721677")],
)
def test_try_form_shows_the_decision(client, day, value, legiarti):
    body = _try(client, "", {"request_received": day})

    result = body[body.index('id="resultat"') :]
    assert f"<code>{value}</code>" in result
    assert legiarti in result
    assert f'href="/droit/code-du-travail/R6422-4?date={result.split("?date=")[1][:10]}"' in result
    assert f"Jour où l'employeur a reçu la demande : {french_date(dt.date.fromisoformat(day))}" in result
    assert "Raisonnement" in result and "Paramètre daté <code>leave.employer_answer_delay</code>" in result
    assert '"schema": "acquis.rules.decision/1"' in result


@pytest.mark.parametrize(
    ("at", "facts", "expected"),
    [
        ("", {}, "missing_facts"),
        ("", {"request_received": "04/11/2019"}, "invalid_facts"),
        ("2010-01-01", {"request_received": "2010-01-01"}, "no_version_in_force"),
    ],
)
def test_try_form_explains_engine_errors_in_french(client, at, facts, expected):
    body = _try(client, at, facts)
    assert "La règle ne peut pas décider ce cas" in body
    assert f"<code>{expected}</code>" in body


def test_try_form_rejects_what_is_not_a_json_object(client):
    # A form error answers 400, like every form of the site, with the message beside the field.
    assert "Ce n'est pas du JSON valide" in _try(client, "", "{request_received: 2019}", 400)
    assert "Les faits doivent former un objet JSON" in _try(client, "", "[]", 400)
    assert "Saisissez une date valide" in _try(client, "le 4 novembre", "{}", 400)


@pytest.mark.parametrize("signed_in", [False, True])
def test_trying_a_rule_writes_nothing(client, signed_in):
    if signed_in:
        client.force_login(UserFactory(role="employer"))
    before = AuditEvent.objects.count()
    with CaptureQueriesContext(connection) as queries:
        body = _try(client, "", {"request_received": "2024-03-01"})
    assert "<code>2024-03-16</code>" in body
    assert AuditEvent.objects.count() == before
    assert [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")] == []


def test_the_try_view_is_marked_read_only():
    from django.urls import resolve

    assert resolve(ANSWER_DUE).func.acquis_read_only is True


@pytest.mark.usefixtures("law_corpus")
def test_rule_page_shows_the_whole_article_texts_beside_each_version_with_the_cited_sentence_marked(client):
    body = _text(client.get(ANSWER_DUE))

    assert "Textes des articles, dans la version citée" in body
    # The 2019-11-04 wording of R6422-4, whole: the sentence the rule cites is marked, the others are not.
    assert "<mark>" in body
    version_2019 = body[body.index('id="version-2019-11-04"') : body.index('id="version-2014-11-15"')]
    assert "Article R6422-4" in version_2019
    assert "trente jours calendaires" in version_2019
    assert "six mois" in version_2019  # the postponement alinéa, which this rule does not cite, is shown too
    marked = [part.split("</mark>")[0] for part in version_2019.split("<mark>")[1:]]
    assert marked and all(run in version_2019 for run in marked)
    assert not any("six mois" in run for run in marked)


def test_a_cited_version_missing_from_the_corpus_is_said_not_invented(client):
    body = _text(client.get(ANSWER_DUE))  # no corpus imported in this test

    assert "Le texte de cette version n'est pas dans le corpus chargé" in body
    assert "<mark>" not in body


@pytest.mark.parametrize(("rule_id", "facts"), HOSTILE_FACTS)
def test_try_form_answers_hostile_facts_with_a_clear_error(client, rule_id, facts):
    response = client.post(
        reverse("web:rule", kwargs={"rule_id": rule_id}), {"at": HOSTILE_AT.get(rule_id, ""), "facts": facts}
    )
    assert response.status_code in (200, 400)  # 400: refused by the form, 200: by the rule
    body = _text(response)
    clear = ("La règle ne peut pas décider ce cas", "Un nombre est trop long", "imbriqué trop profondément")
    assert any(message in body for message in clear)
    assert '"schema": "acquis.rules.decision/1"' not in body


def test_rule_page_lists_its_interpretations_with_the_chosen_reading_and_who_confirms(client):
    body = _text(client.get(reverse("web:rule", kwargs={"rule_id": "admissibility.lapse_date"})))
    section = body[body.index('id="interpretations"') :]
    assert "r6412-4.lapse-period" in section
    assert "à l'issue du sixième mois qui suit cette notification" in section
    assert "Lecture retenue</strong> (<code>period_from_notification</code>)" in section
    assert "Autre lecture (<code>end_of_calendar_month</code>)" in section
    assert "Non confirmée" in section
    assert "Versions de la règle concernées : version du 1er janvier 2024." in section


def test_a_decision_on_the_page_shows_its_interpretation_in_the_notes(client):
    url = reverse("web:rule", kwargs={"rule_id": "leave.postponement_latest_date"})
    body = _text(client.post(url, {"at": "", "facts": json.dumps({"request_received": "2023-03-01"})}))
    result = body[body.index('id="resultat"') :]
    assert "La décision applique une lecture de l'article R6422-4, à confirmer" in result
    assert 'href="#interpretation-r6422-4demande-is-receipt">lecture <code>r6422-4.demande-is-receipt</code>' in result
    # The 2023 wording is not the sentence the interpretation reads: its decisions do not carry it.
    body = _text(client.post(url, {"at": "", "facts": json.dumps({"request_received": "2024-03-01"})}))
    assert "r6422-4.demande-is-receipt" not in body[body.index('id="resultat"') :]


def test_a_crpa_source_links_to_the_crpa_law_page(client):
    from tests.law.db import import_small_corpus

    import_small_corpus(crpa=True)
    body = _text(client.get(reverse("web:rule", kwargs={"rule_id": "cpc.composition_check"})))
    link = "/droit/code-des-relations-entre-le-public-et-l-administration/R133-4?date=2016-01-01"
    assert link in body and "crpa-r133-4.replacement-completes-term" in body
    page = _text(client.get(link))
    assert "Article R133-4 du Code des relations entre le public et l'administration" in page
    assert "remplacé pour la durée du mandat restant à courir" in page
    assert client.get("/droit/code-civil/1240").status_code == 404


def test_a_status_value_is_shown_with_its_french_label():
    from acquis.web.rules.labels import value_label

    assert value_label("leave.status", "no_answer").startswith("Sans réponse (le silence")
    assert value_label("admissibility.status", "deemed_admissible") == (
        "Recevable (silence du certificateur au terme du délai)"
    )
    assert value_label("leave.employer_answer_due", "2024-03-01") == "1er mars 2024"
    assert value_label("leave.status", "unknown_code") == "unknown_code"


def test_a_first_of_the_month_reads_1er_on_the_rule_pages(client):
    months = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
    firsts = 0
    for rule in default_registry():
        body = _text(client.get(reverse("web:rule", kwargs={"rule_id": rule.id})))
        assert not re.search(rf"(?<![0-9])1 ({months}) \d{{4}}", body), rule.id
        firsts += len(re.findall(rf"1er ({months}) \d{{4}}", body))
    assert firsts  # some versions, parameters or sources start on a first of the month
