"""The "Essayer la règle" form generated from each rule's fact specification (acquis/web/rules/fact_form.py):
over every rule of the catalogue and every worked case, the fields say the same facts as the JSON input and
the engine gives the same decision; a bad submission is answered in French, field by field, in one round."""

from __future__ import annotations

import html
import json

import pytest
from django.urls import reverse

from acquis.rules.cases import cases_for
from acquis.rules.catalogue import default_registry
from acquis.rules.engine import jsonable
from acquis.rules.errors import RulesError
from acquis.rules.wording import wording_of
from acquis.web.rules.fact_form import AT_FIELD, PREFIX, fact_form_class, field_name, form_data

RULES = list(default_registry())
CASES = [(rule, case) for rule in RULES for case in cases_for(rule.id)]


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _outcome(rule_id, facts, at):
    try:
        return default_registry().decide(rule_id, facts, at).value
    except RulesError as error:
        return ("error", error.code)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_each_rules_form_has_one_french_field_per_fact(rule):
    form = fact_form_class(rule)()
    facts = {spec.name for spec in rule.facts}
    names = set(form.fields) - {AT_FIELD}
    assert {name for name in names if not name.endswith("-aucun")} == {field_name(fact) for fact in facts}
    assert all(name.startswith(PREFIX) for name in names)
    labels = wording_of(rule.id).facts
    for spec in rule.facts:
        field = form.fields[field_name(spec.name)]
        assert field.label == labels[spec.name] != spec.name
        assert field.required == (spec.required and not spec.nullable)


@pytest.mark.parametrize(("rule", "case"), CASES, ids=lambda item: getattr(item, "id", getattr(item, "name", "")))
def test_every_worked_case_through_the_fields_gives_the_cases_answer(rule, case):
    form = fact_form_class(rule)(form_data(rule, case.at, case.facts))
    if case.error in ("invalid_facts", "missing_facts") and not form.is_valid():
        return  # the form refuses, beside the field, what the rule would refuse
    assert form.is_valid(), form.errors
    expected_facts = jsonable(case.facts)
    if case.error and form.facts != expected_facts:
        # Fields cannot say a malformed value ("2028" for a year, a required fact absent rather than null):
        # the form turns it into one the rule reads, which is what a person typing it means.
        return
    assert {name: form.facts[name] for name in sorted(form.facts)} == {
        name: expected_facts[name] for name in sorted(expected_facts)
    } or rule.id == "funding.agreement"  # a list of codes comes back in the choices' order
    outcome = _outcome(rule.id, form.facts, form.cleaned_data[AT_FIELD])
    if case.error:
        assert outcome == ("error", case.error)
    else:
        assert jsonable(outcome) == jsonable(case.expected)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_the_first_deciding_case_posted_both_ways_gets_the_same_decision(client, rule):
    case = next(case for case in cases_for(rule.id) if not case.error)
    url = reverse("web:rule", kwargs={"rule_id": rule.id})
    at = case.at.isoformat() if case.at else ""
    by_fields = _text(client.post(url, {"saisie": "champs", **form_data(rule, case.at, case.facts)}))
    by_json = _text(client.post(url, {"saisie": "json", "at": at, "facts": json.dumps(jsonable(case.facts))}))

    def decision(body: str) -> str:
        start = body.index('"schema": "acquis.rules.decision/1"')
        block = body[start : body.index("</pre>", start)]
        return json.loads("{" + block.split('"inputs_used"')[0].rstrip().rstrip(",") + "}")

    assert decision(by_fields) == decision(by_json)
    assert decision(by_fields)["value"] == jsonable(case.expected)


def test_the_rule_page_asks_for_the_facts_with_fields_and_keeps_json_folded(client):
    body = _text(client.get(reverse("web:rule", kwargs={"rule_id": "gip.member_by_right"})))
    form = body[body.index('id="essayer"') :]
    assert 'name="champs-organisation_kind"' in form and "Nature de l'organisme" in form
    assert '<option value="transitions_pro">Une association Transitions Pro</option>' in form
    assert "<summary>Saisie JSON (développeurs)</summary>" in form
    assert form.index('name="champs-organisation_kind"') < form.index("<details")


def test_an_example_link_fills_the_fields(client):
    url = reverse("web:rule", kwargs={"rule_id": "leave.status"})
    facts = {"request_received": "2024-03-01", "answer": None, "on": "2024-03-20"}
    body = _text(client.get(url, {"faits": json.dumps(facts)}))
    assert 'name="champs-request_received" value="2024-03-01"' in body
    assert 'name="champs-on" value="2024-03-20"' in body


def test_every_field_error_is_shown_beside_its_field_in_one_round(client):
    url = reverse("web:rule", kwargs={"rule_id": "leave.status"})
    response = client.post(url, {"saisie": "champs", "champs-request_received": "le 4 mars", "champs-answer": "{"})
    assert response.status_code == 400
    body = _text(response)
    assert "Le formulaire contient 3 erreurs" in body  # a bad date, bad JSON and a missing day, all at once
    for name in ("request_received", "answer", "on"):
        assert f'aria-describedby="id_champs-{name}-erreur"' in body
        assert f'<p class="fr-error-text" id="id_champs-{name}-erreur">' in body
    assert "fr-input-group--error" in body
    assert '"schema": "acquis.rules.decision/1"' not in body


def test_a_level_out_of_range_and_an_unknown_code_are_refused_in_french(client):
    url = reverse("web:rule", kwargs={"rule_id": "support.admissibility_filing_assistance"})
    data = {"saisie": "champs", "champs-qualification_level": "9", "champs-job_threatened": "peut-être"}
    body = _text(client.post(url, {**data, "champs-collective_support_funder": "city"}))
    for name in ("qualification_level", "job_threatened", "collective_support_funder"):
        error = body[body.index(f'id="id_champs-{name}-erreur"') :]
        assert error.split(">", 1)[1].startswith("Sélectionnez un choix valide")


def test_a_null_fact_can_be_said_with_aucun(client):
    rule = default_registry().get("admissibility.status")
    facts = {"file_complete_on": "2024-03-15", "decision": None, "on": "2024-12-01", "first_step_on": None}
    form = fact_form_class(rule)(form_data(rule, None, facts))
    assert form.is_valid() and form.facts == facts
    both = {**form_data(rule, None, facts), "champs-first_step_on": "2024-06-01"}
    assert "cochez « aucun »" in str(fact_form_class(rule)(both).errors)


@pytest.mark.parametrize("data", [{}, {"saisie": "autre"}, {"csrfmiddlewaretoken": "x"}])
def test_an_unreadable_submission_is_a_400_in_french(client, data):
    response = client.post(reverse("web:rule", kwargs={"rule_id": "leave.status"}), data)
    assert response.status_code == 400
    assert "Cette saisie ne peut pas être lue" in _text(response)


@pytest.mark.parametrize("rule_id", ["leave.status", "cpc.composition_check", "funding.agreement"])
@pytest.mark.parametrize(
    "faits",
    [
        "[" * 100_000,
        "1" * 5000,
        '{"answer": 5, "payers": "employer", "members": {"a": [1]}}',
        r'{"on": "\ud800", "answer": "\ud800"}',
    ],
)
def test_a_hostile_example_link_prefills_nothing_it_cannot_read(client, rule_id, faits):
    response = client.get(reverse("web:rule", kwargs={"rule_id": rule_id}), {"faits": faits})
    assert response.status_code == 200


@pytest.mark.parametrize("saisie", ["json", "champs"])
def test_a_lone_surrogate_in_json_is_refused_in_french_not_a_crash(client, saisie):
    answer = r'{"date": "2024-03-05", "kind": "postpone", "postponed_to": "2024-04-10", "reasons": "\ud800"}'
    days = {"request_received": "2024-03-01", "on": "2024-03-20"}
    if saisie == "json":
        data = {"at": "", "facts": '{"request_received": "2024-03-01", "on": "2024-03-20", "answer": ' + answer + "}"}
    else:
        data = {f"champs-{name}": day for name, day in days.items()} | {"champs-answer": answer}
    response = client.post(reverse("web:rule", kwargs={"rule_id": "leave.status"}), {"saisie": saisie, **data})
    assert response.status_code == 400
    assert "une moitié de paire UTF-16" in html.unescape(response.content.decode())
