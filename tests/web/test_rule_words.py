"""Issue 15, point 10 on the rule pages: a decision speaks French. Over every worked case of every rule, the
decision block (value, facts used, notes, reasoning) has a French label for each value and trace step: no
text left in English (marked lang="en"), no raw code (snake_case), no English word of the engine's trace."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from acquis.rules.cases import cases_for
from acquis.rules.catalogue import default_registry
from acquis.rules.interpretations import load_interpretations
from acquis.rules.wording import all_wording, interpretation_wording
from acquis.web.rules.labels import note_label, trace_label, value_label
from acquis.web.rules.presentation import try_rule

RULES = list(default_registry())
# A code the engine speaks (no_answer, disability_council_count): words joined by "_", not part of a dotted
# identifier (the dated parameters, leave.employer_answer_delay, are named as the page's table names them).
RAW_CODE = re.compile(r"(?<![\w.])[a-z0-9]+(?:_[a-z0-9]+)+(?![\w.])")
ENGLISH = re.compile(
    r"\b(the|of|and|is|not|without|after|before|delay|member|members|required|governing|parameter|base|"
    r"below|above|true|false|null|none|days|months)\b"
)


def _visible_text(block: str) -> str:
    """The decision block as read on the page, without the folded part for developers (JSON, codes)."""
    block = block[: block.index("<details>")]
    block = re.sub(r'href="[^"]*"', "", block)
    return html.unescape(re.sub(r"<code>[a-z0-9_.-]+</code>", "", re.sub(r"\s+", " ", block)))


def _decisions():
    for rule in RULES:
        for case in cases_for(rule.id):
            if case.error:
                continue
            decision, error = try_rule(default_registry(), rule.id, case.facts, case.at)
            assert error is None, (rule.id, case.name, error)
            yield rule, case, decision


DECISIONS = list(_decisions())


@pytest.mark.parametrize(("rule", "case", "decision"), DECISIONS, ids=lambda item: getattr(item, "name", ""))
def test_every_decision_of_every_case_is_shown_in_french(rule, case, decision):
    block = render_to_string("web/rules/_decision.html", {"decision": decision})
    assert 'lang="en"' not in block
    text = _visible_text(block)
    assert not RAW_CODE.findall(text), (rule.id, case.name, RAW_CODE.findall(text))
    english = [word for word in ENGLISH.findall(text.lower()) if word]
    assert not english, (rule.id, case.name, english, text)


def test_labels_are_french_and_an_unknown_text_is_reported_not_invented():
    assert value_label("leave.status", "no_answer").startswith("Sans réponse")
    assert value_label("cpc.composition_check", {"valid": False, "violations": ["disability_council_count"]}) == (
        "Composition conforme : non — Manquements : Le membre désigné par le Conseil national consultatif des "
        "personnes handicapées manque, ou n'est plus prévu."
    )
    assert value_label("cpc.programme_deadline", "01-31") == "31 janvier"
    assert value_label("admissibility.decision_due", {"amount": 2, "unit": "months"}) == "2 mois"
    assert (
        trace_label("cpc.composition_check", "1 member(s), the text requires 0")
        == "1 membre(s) ; le texte en prévoit 0"
    )
    assert trace_label("leave.status", "leave.status@2024-03-01") == "Version du 1er mars 2024 de la règle"
    assert trace_label("leave.status", "a step nobody worded") is None
    assert note_label("leave.status", "An English note nobody worded", frozenset()) is None


MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_every_date_a_rule_page_writes_reads_in_french(client, rule):
    """Every date the page writes (each in a <time> element) reads « 1er mars 2026 », never 2026-03-01."""
    body = html.unescape(client.get(reverse("web:rule", kwargs={"rule_id": rule.id})).content.decode())
    written = re.findall(r"<time datetime=\"([0-9-]+)\">([^<]*)</time>", body)
    assert written and len(written) == body.count("<time ")
    for iso, text in written:
        day = dt.date.fromisoformat(iso)
        assert re.fullmatch(rf"(1er|[12]?[0-9]|3[01]) ({MONTHS}) {day.year}", text), (rule.id, iso, text)


def test_a_missing_fact_is_named_by_its_french_label(client):
    url = reverse("web:rule", kwargs={"rule_id": "leave.status"})
    body = html.unescape(client.post(url, {"saisie": "json", "at": "", "facts": "{}"}).content.decode())
    assert "Faits manquants : Jour où l'employeur a reçu la demande ; Réponse de l'employeur" in body


def test_the_worked_examples_show_the_expected_value_in_french(client):
    body = html.unescape(client.get(reverse("web:rule", kwargs={"rule_id": "leave.status"})).content.decode())
    examples = body[body.index('id="exemples"') : body.index('id="essayer"')]
    assert "<td>Accordé (absence de réponse de l'employeur)</td>" in examples
    assert '"deemed_accepted"' not in examples


@pytest.mark.parametrize("rule", [rule for rule in RULES if any(v.transitional_note for v in rule.versions)])
def test_every_transitional_note_has_its_french(client, rule):
    body = html.unescape(client.get(reverse("web:rule", kwargs={"rule_id": rule.id})).content.decode())
    versions = body[body.index('id="versions"') : body.index('id="parametres"')]
    assert "Disposition transitoire" in versions and 'lang="en"' not in versions


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_every_rule_page_is_written_in_french(client, rule):
    """Issue 15 point 10: nothing on a rule page is left in English (value, interpretations, worked cases,
    parameters, transitional notes); a text without its French would be marked lang="en" and fail here."""
    body = client.get(reverse("web:rule", kwargs={"rule_id": rule.id})).content.decode()
    assert 'lang="en"' not in body, [line.strip() for line in body.splitlines() if 'lang="en"' in line]
    text, wording = html.unescape(body), all_wording()[rule.id]
    assert f"Valeur rendue : {wording.value}" in text
    assert all(f"<td>{title}</td>" in text for title in wording.cases.values())
    for item in default_registry().interpretations_of(rule.id):
        french = interpretation_wording()[item.id]
        assert french.question in text and french.why in text, item.id


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_every_case_and_the_value_of_every_rule_have_their_french(rule):
    """A new worked case (cases/*.yaml) needs its French title in the family's wording.fr.yaml; a renamed one
    leaves no stale title behind."""
    wording = all_wording()[rule.id]
    names = [case.name for case in cases_for(rule.id)]
    assert wording.value
    assert set(wording.cases) == set(names), sorted(set(names) ^ set(wording.cases))
    assert all(title.strip() and title != name for name, title in wording.cases.items())


def test_every_interpretation_and_each_of_its_readings_have_their_french():
    interpretations = {item.id: item for item in load_interpretations()}
    french = interpretation_wording()
    assert set(french) == set(interpretations), sorted(set(french) ^ set(interpretations))
    for code, item in interpretations.items():
        assert set(french[code].readings) == set(item.readings), code
        assert french[code].question != item.question and french[code].why != item.why, code
