"""/api/v1/candidacies: who lists and reads what, filters, the certifier's and accompanier's actions, every
refusal code (nothing saved), and the OpenAPI description."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from acquis.accounts.enums import OrganisationKind
from acquis.accounts.services import membership_grant
from acquis.api.api import api
from acquis.api.pathways import CONFLICTS
from acquis.api.pathways.schemas import CandidacyDetailOut, CandidacyFundingOut, CandidacyListOut
from acquis.audit.models import AuditEvent
from acquis.pathways import services
from acquis.pathways.models import Candidacy, FeasibilityFile, JurySession
from tests.accounts.factories import OrganisationFactory, UserFactory, make_api_token
from tests.pathways.factories import MEMBERS, CandidacyFactory, certification, listed_accompanier

BASE = "/api/v1/candidacies"
TODAY = timezone.localdate()


def _bearer(raw):
    return {"Authorization": f"Bearer {raw}"}


def _recent(days):
    """A start date such that the factory's dates (filed +30, complete +40, validation +90) are recent."""
    return TODAY - dt.timedelta(days=days)


@pytest.fixture
def world():
    certifier = OrganisationFactory(kind=OrganisationKind.CERTIFIER, name="Ministère de la santé")
    other_certifier = OrganisationFactory(kind=OrganisationKind.CERTIFIER, name="Autre certificateur")
    accompanier = listed_accompanier()
    sponsor = OrganisationFactory(kind=OrganisationKind.FUNDER, name="OPCO Santé")
    candidate = UserFactory(candidate=True, first_name="Marie", last_name="Curie")
    pending = CandidacyFactory(candidate=candidate, certifier=certifier, complete=True, started_on=_recent(45))
    filed = CandidacyFactory(certifier=certifier, accompanier=accompanier, filed=True, started_on=_recent(31))
    registered = CandidacyFactory(certifier=certifier, accompanier=accompanier)
    elsewhere = CandidacyFactory(certifier=other_certifier, filed=True)
    services.programme_create(
        actor=None,
        name="Cohorte aides-soignants",
        kind="sponsored_cohort",
        enrolment_code="AS2024",
        starts_on=dt.date(2024, 1, 1),
        sponsor=sponsor,
    )
    services.candidacy_programme_enrol(actor=None, candidacy=filed, enrolment_code="AS2024")
    tokens = {
        "certifier": make_api_token(organisation=certifier, role="certifier")[1],
        "other_certifier": make_api_token(organisation=other_certifier, role="certifier")[1],
        "accompanier": make_api_token(organisation=accompanier, role="accompanier")[1],
        "funder": make_api_token(organisation=sponsor, role="funder")[1],
        "employer": make_api_token()[1],
    }
    return {
        "certifier": certifier,
        "accompanier": accompanier,
        "sponsor": sponsor,
        "candidate": candidate,
        "pending": pending,
        "filed": filed,
        "registered": registered,
        "elsewhere": elsewhere,
        "tokens": tokens,
        "certifier_person": UserFactory(certifier=True, organisation=certifier),
        "gip": UserFactory(gip_staff=True),
    }


def _list(client, query="", raw=None):
    response = client.get(f"{BASE}{query}", headers=_bearer(raw) if raw else {})
    assert response.status_code == 200, response.content
    CandidacyListOut.model_validate(response.json())
    return response.json()


def _ids(body):
    return {item["id"] for item in body["items"]}


def _problem(response, status, code):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert code in {c for codes in body["codes"].values() for c in codes}, body
    return body


# --- lists ----------------------------------------------------------------------------------------------------


def test_each_caller_lists_its_scope(client, world):
    tokens = world["tokens"]
    addressed = {world["pending"].pk, world["filed"].pk}  # registered only: not yet addressed to the certifier
    certifier_list = _list(client, raw=tokens["certifier"])
    assert _ids(certifier_list) == addressed and certifier_list["scope"] == "certifier"
    assert certifier_list["organisation_siret"] == world["certifier"].siret
    assert _ids(_list(client, raw=tokens["other_certifier"])) == {world["elsewhere"].pk}
    assert _ids(_list(client, raw=tokens["accompanier"])) == {world["filed"].pk, world["registered"].pk}
    funder = _list(client, raw=tokens["funder"])
    assert _ids(funder) == {world["filed"].pk} and funder["items"][0]["candidate_name"] is None
    response = client.get(BASE, headers=_bearer(tokens["employer"]))
    assert response.status_code == 403 and response["Content-Type"] == "application/problem+json"
    client.force_login(world["certifier_person"])
    assert _ids(_list(client)) == addressed
    client.force_login(world["candidate"])
    mine = _list(client)
    assert _ids(mine) == {world["pending"].pk} and mine["scope"] == "candidate"
    assert mine["items"][0]["candidate_name"] == "Marie Curie"
    client.force_login(UserFactory(statistician=True))
    assert _ids(_list(client)) == set()  # statisticians read aggregates, never a candidacy
    client.force_login(world["gip"])
    everything = {world[name].pk for name in ("pending", "filed", "registered", "elsewhere")}
    assert _ids(_list(client)) == everything
    assert _ids(_list(client, f"?scope=certifier&siret={world['certifier'].siret}")) == addressed


def test_scopes_the_caller_does_not_hold_are_refused(client, world):
    tokens = world["tokens"]
    for query, raw in (("?scope=accompanier", tokens["certifier"]), ("?scope=candidate", tokens["certifier"])):
        assert client.get(f"{BASE}{query}", headers=_bearer(raw)).status_code == 403
    other = world["elsewhere"].certifier.siret
    assert client.get(f"{BASE}?siret={other}", headers=_bearer(tokens["certifier"])).status_code == 403
    client.force_login(world["certifier_person"])
    assert client.get(f"{BASE}?scope=all").status_code == 403
    assert client.get(f"{BASE}?scope=certifier&siret={other}").status_code == 403


def test_counts_filters_deadlines_and_pages(client, world):
    raw = world["tokens"]["certifier"]
    body = _list(client, raw=raw)
    assert body["counts_by_status"]["pending"] == 1 and body["counts_by_status"]["feasibility_submitted"] == 1
    assert body["counts_by_status"]["registered"] == 0 and body["total"] == 2
    pending = next(item for item in body["items"] if item["id"] == world["pending"].pk)
    due = world["pending"].decision_due_on
    assert pending["status"] == "pending" and pending["deadline"] == due.isoformat()
    assert pending["deadline_label"] == "décision du certificateur attendue au plus tard le"
    assert pending["candidate_name"] == "Marie Curie" and pending["status_label"]
    only = _list(client, "?status=pending", raw)
    assert _ids(only) == {world["pending"].pk} and only["total"] == 1
    assert only["counts_by_status"]["feasibility_submitted"] == 1  # counts ignore the status filter
    both = _list(client, "?status=pending&status=feasibility_submitted", raw)
    assert both["total"] == 2
    days = (due - TODAY).days
    assert _ids(_list(client, f"?due_within={days}", raw)) == {world["pending"].pk}
    soon = _list(client, f"?due_within={days - 1}", raw)
    assert soon["total"] == 0 and soon["due_soon"] == 0
    first = _list(client, "?page_size=1", raw)
    second = _list(client, "?page_size=1&page=2", raw)
    assert first["total"] == 2 and len(first["items"]) == 1 and len(second["items"]) == 1
    assert _ids(first) | _ids(second) == {world["pending"].pk, world["filed"].pk}


@pytest.mark.parametrize("query", ["?status=unknown", "?page_size=0", "?page_size=201", "?due_within=-1", "?page=0"])
def test_invalid_filters_are_problems(client, world, query):
    response = client.get(f"{BASE}{query}", headers=_bearer(world["tokens"]["certifier"]))
    assert response.status_code == 422 and response.json()["code"] == "invalid_request"


def test_anonymous_callers_are_asked_to_authenticate(client, world):
    for path in (BASE, f"{BASE}/{world['pending'].pk}"):
        response = client.get(path)
        assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer")


# --- reading one candidacy ------------------------------------------------------------------------------------


def test_full_view_with_decisions_and_timeline(client, world):
    response = client.get(f"{BASE}/{world['pending'].pk}", headers=_bearer(world["tokens"]["certifier"]))
    assert response.status_code == 200, response.content
    body = response.json()
    CandidacyDetailOut.model_validate(body)
    assert body["view"] == "full" and body["status"]["code"] == "pending"
    assert body["candidate"] == {"name": "Marie Curie", "email": world["candidate"].email}
    assert body["feasibility"]["complete_on"] and body["feasibility"]["attachments"][0]["sha256"]
    decisions = {answer["rule_id"]: answer for answer in body["decisions"]}
    due = decisions["admissibility.decision_due"]["decision"]
    assert due["schema"] == "acquis.rules.decision/1" and due["value"] == world["pending"].decision_due_on.isoformat()
    assert any(source["article"] == "R6412-4" and source["legiarti"] for source in due["sources"])
    assert decisions["admissibility.status"]["decision"]["value"] == "pending"
    kinds = {entry["kind"] for entry in body["timeline"]}
    assert kinds == {"event", "decision"}
    assert any(entry["decision"] and entry["decision"]["sources"] for entry in body["timeline"])


def test_each_reader_and_the_funding_view(client, world):
    filed = world["filed"].pk
    for raw in (world["tokens"]["certifier"], world["tokens"]["accompanier"]):
        assert client.get(f"{BASE}/{filed}", headers=_bearer(raw)).json()["view"] == "full"
    funding = client.get(f"{BASE}/{filed}", headers=_bearer(world["tokens"]["funder"]))
    body = funding.json()
    CandidacyFundingOut.model_validate(body)
    assert body["view"] == "funding" and body["programme"] == "AS2024"
    assert body["status"]["code"] == "feasibility_submitted"
    assert not {"candidate", "experiences", "feasibility", "timeline"} & set(body)  # R6411-5: nothing personal
    client.force_login(world["candidate"])
    assert client.get(f"{BASE}/{world['pending'].pk}").json()["view"] == "full"
    client.force_login(world["gip"])
    assert client.get(f"{BASE}/{filed}").json()["view"] == "full"


def test_what_the_caller_may_not_read_answers_like_what_does_not_exist(client, world):
    missing = Candidacy.objects.order_by("-pk").first().pk + 1000
    nothing = client.get(f"{BASE}/{missing}", headers=_bearer(world["tokens"]["certifier"]))
    assert nothing.status_code == 404
    for raw, candidacy in (
        (world["tokens"]["other_certifier"], world["pending"]),  # a token of another organisation
        (world["tokens"]["funder"], world["pending"]),  # not in its programme
        (world["tokens"]["accompanier"], world["pending"]),  # not chosen
        (world["tokens"]["employer"], world["pending"]),
    ):
        response = client.get(f"{BASE}/{candidacy.pk}", headers=_bearer(raw))
        assert response.status_code == 404
        assert [response.json()[k] for k in ("type", "title", "status")] == [
            nothing.json()[k] for k in ("type", "title", "status")
        ]
    response = client.post(
        f"{BASE}/{world['pending'].pk}/feasibility/decision",
        {"kind": "admissible"},
        content_type="application/json",
        headers=_bearer(world["tokens"]["other_certifier"]),
    )
    assert response.status_code == 404


# --- the certifier's actions ----------------------------------------------------------------------------------


def _post(client, candidacy, action, data, raw):
    return client.post(f"{BASE}/{candidacy.pk}/{action}", data, content_type="application/json", headers=_bearer(raw))


def test_certifier_instructs_the_admissibility_file(client, world):
    raw, candidacy = world["tokens"]["certifier"], world["filed"]
    response = _post(client, candidacy, PIECES, {"pieces": "Attestation employeur"}, raw)
    assert response.status_code == 200 and response.json()["status"]["code"] == "feasibility_incomplete"
    response = _post(client, candidacy, "feasibility/receipt", {}, raw)
    assert response.status_code == 200 and response.json()["status"]["code"] == "pending"
    response = _post(
        client,
        candidacy,
        "feasibility/decision",
        {"kind": "not_admissible", "gaps": "Encadrement", "recommendations": "Formation"},
        raw,
    )
    body = response.json()
    assert response.status_code == 200 and body["status"]["code"] == "not_admissible"
    assert body["feasibility"]["gaps"] == "Encadrement" and body["feasibility"]["recommendations"] == "Formation"
    events = AuditEvent.objects.filter(object_id=str(candidacy.pk), action__startswith="feasibility")
    events = events.exclude(action="feasibility_file_submitted")  # by the candidate, before
    assert events.count() >= 3 and set(events.values_list("role", flat=True)) == {"certifier"}


def _unchanged(candidacy):
    """What an action may change: the candidacy's row, its admissibility file, its events."""
    candidacy = Candidacy.objects.get(pk=candidacy.pk)
    file = FeasibilityFile.objects.filter(candidacy=candidacy).values().first()
    events = AuditEvent.objects.filter(object_id=str(candidacy.pk)).count()
    row = {k: v for k, v in Candidacy.objects.filter(pk=candidacy.pk).values().get().items() if k != "updated_at"}
    return row, file, events, JurySession.objects.filter(validation_file__candidacy=candidacy).count()


FUTURE = (TODAY + dt.timedelta(days=1)).isoformat()
PIECES, RECEIPT, DECISION = "feasibility/pieces-request", "feasibility/receipt", "feasibility/decision"
NAMELESS = [{"name": " ", "sex": "F"}]
EARLY, ON_TIME = "2024-06-02", "2024-08-01"  # before the filing (2024-07-01); within the delay


@pytest.mark.parametrize(
    "step, action, data, status, code",
    [
        ("registered", PIECES, {"pieces": "x"}, 409, "feasibility_not_filed"),
        ("registered", RECEIPT, {}, 409, "feasibility_not_filed"),
        ("complete", PIECES, {"pieces": "x"}, 409, "receipt_already_acknowledged"),
        ("complete", RECEIPT, {}, 409, "receipt_already_acknowledged"),
        ("filed", PIECES, {"pieces": "  "}, 422, "pieces_required"),
        ("filed", DECISION, {"kind": "admissible"}, 409, "receipt_not_acknowledged"),
        ("admissible", DECISION, {"kind": "admissible"}, 409, "decision_already_recorded"),
        ("complete", DECISION, {"kind": "maybe"}, 422, "invalid_decision_kind"),
        ("complete", DECISION, {"kind": "not_admissible"}, 422, "gaps_required"),
        ("complete", DECISION, {"kind": "admissible"}, 422, "decision_delay_expired"),
        ("registered", "jury", {"held_on": "2024-10-15", "members": MEMBERS}, 409, "jury_not_expected"),
        ("jury", "jury", {"held_on": "2024-10-15", "members": MEMBERS}, 409, "jury_not_expected"),
        ("validation", "jury", {"held_on": "2024-08-01", "members": MEMBERS}, 422, "jury_before_filing"),
        ("validation", "jury", {"held_on": "2024-12-31", "members": MEMBERS}, 422, "jury_after_latest_date"),
        ("validation", "jury", {"held_on": "2024-10-15", "members": MEMBERS[:1]}, 422, "jury_composition_invalid"),
        ("validation", "jury", {"held_on": "2024-10-15", "members": NAMELESS}, 422, "jury_member_incomplete"),
        ("validation", "jury/result", {"kind": "full"}, 409, "jury_not_scheduled"),
        ("result_full", "jury/result", {"kind": "full"}, 409, "result_already_recorded"),
        ("jury", "jury/result", {"kind": "maybe"}, 422, "invalid_result_kind"),
        ("jury", "jury/result", {"kind": "partial"}, 422, "blocks_required"),
        ("jury", "jury/result", {"kind": "full", "blocks": ["{block}"]}, 422, "blocks_not_allowed"),
        ("jury", "jury/result", {"kind": "partial", "blocks": ["RNCP0BC99"]}, 422, "unknown_block"),
        ("jury", "jury/result", {"kind": "partial", "blocks": ["{foreign}"]}, 422, "blocks_outside_certification"),
        ("dropped_out", DECISION, {"kind": "admissible"}, 409, "candidacy_closed"),
    ],
)  # fmt: skip
def test_every_refusal_has_its_code_and_saves_nothing(client, world, step, action, data, status, code):
    closure = {"dropped_out": {"dropped_out": True, "step": "complete"}}.get(step, {"step": step})
    candidacy = CandidacyFactory(certifier=world["certifier"], blocks=2, **closure)
    foreign = certification().blocks.first().code
    own = candidacy.certification.blocks.first().code
    if "blocks" in data:
        data = {**data, "blocks": [b.format(block=own, foreign=foreign) for b in data["blocks"]]}
    before = _unchanged(candidacy)
    body = _problem(_post(client, candidacy, action, data, world["tokens"]["certifier"]), status, code)
    assert body["detail"] and body["errors"]
    assert _unchanged(candidacy) == before
    assert (status == 409) == bool({c for codes in body["codes"].values() for c in codes} & CONFLICTS)


@pytest.mark.parametrize(
    "step, action, data",
    [
        ("filed", PIECES, {"pieces": "x", "requested_on": EARLY}),
        ("filed", RECEIPT, {"complete_on": EARLY}),
        ("complete", DECISION, {"kind": "admissible", "decided_on": ON_TIME}),
    ],
)
def test_a_date_of_legal_effect_cannot_be_sent_it_is_the_portal_s_clock(client, world, step, action, data):
    candidacy = CandidacyFactory(certifier=world["certifier"], step=step)
    before = _unchanged(candidacy)
    response = _post(client, candidacy, action, data, world["tokens"]["certifier"])
    assert response.status_code == 422 and response.json()["code"] == "invalid_request"
    assert _unchanged(candidacy) == before


def test_the_receipt_is_dated_by_the_portal_s_clock(client, world):
    candidacy = CandidacyFactory(certifier=world["certifier"], step="filed")
    response = _post(client, candidacy, RECEIPT, {}, world["tokens"]["certifier"])
    assert response.status_code == 200 and response.json()["feasibility"]["complete_on"] == TODAY.isoformat()
    assert Candidacy.objects.get(pk=candidacy.pk).file_complete_on == TODAY


def test_a_decision_after_the_delay_cites_r6412_4(client, world):
    candidacy = CandidacyFactory(certifier=world["certifier"], complete=True)
    response = _post(client, candidacy, DECISION, {"kind": "admissible"}, world["tokens"]["certifier"])
    body = _problem(response, 422, "decision_delay_expired")
    assert body["code"] == "decision_delay_expired" and "R6412-4" in body["detail"]
    assert any(source["article"] == "R6412-4" and source["sentence"] in body["detail"] for source in body["sources"])


def test_jury_composition_and_latest_date_cite_the_law(client, world):
    raw = world["tokens"]["certifier"]
    candidacy = CandidacyFactory(certifier=world["certifier"], validation=True)
    alone = [{"name": "M. Seul", "sex": "M", "qualified": False, "is_chair": True}]
    body = _problem(
        _post(client, candidacy, "jury", {"held_on": "2024-10-15", "members": alone}, raw),
        422,
        "jury_composition_invalid",
    )
    codes = {violation["code"] for violation in body["violations"]}
    assert {"too_few_members", "no_qualified_member"} <= codes
    assert all(violation["label"] in body["detail"] for violation in body["violations"])
    assert {source["article"] for source in body["sources"]} == {"D6412-6"}
    late = _post(client, candidacy, "jury", {"held_on": "2025-06-01", "members": MEMBERS}, raw)
    body = _problem(late, 422, "jury_after_latest_date")
    assert any(source["article"] == "R6412-5" for source in body["sources"]) and "R6412-5" in body["detail"]


def test_jury_schedule_then_partial_result(client, world):
    raw = world["tokens"]["certifier"]
    candidacy = CandidacyFactory(certifier=world["certifier"], validation=True, blocks=2)
    response = _post(client, candidacy, "jury", {"held_on": "2024-10-15", "place": "Lyon", "members": MEMBERS}, raw)
    body = response.json()
    assert response.status_code == 200 and body["status"]["code"] == "jury_scheduled"
    jury = body["validation_files"][0]["jury"]
    assert jury["composition_decision"]["value"]["valid"] is True and len(jury["members"]) == 2
    block = candidacy.certification.blocks.first().code
    response = _post(client, candidacy, "jury/result", {"kind": "partial", "blocks": [block]}, raw)
    body = response.json()
    assert response.status_code == 200 and body["status"]["code"] == "result_partial"
    result = body["validation_files"][0]["jury"]["result"]
    assert result["blocks_acquired"] == [block] and result["notification_due_decision"]["sources"]


def test_a_result_before_the_jury_day_is_refused(client, world):
    raw = world["tokens"]["certifier"]
    candidacy = CandidacyFactory(certifier=world["certifier"], validation=True, started_on=_recent(100))
    held_on = (TODAY + dt.timedelta(days=5)).isoformat()
    assert _post(client, candidacy, "jury", {"held_on": held_on, "members": MEMBERS}, raw).status_code == 200
    _problem(_post(client, candidacy, "jury/result", {"kind": "full"}, raw), 422, "jury_not_held_yet")


def test_readers_who_may_not_act_get_403(client, world):
    tokens = world["tokens"]
    filed = world["filed"]
    for raw in (tokens["accompanier"], tokens["funder"]):
        assert _post(client, filed, "feasibility/receipt", {}, raw).status_code == 403
    assert (
        _post(client, filed, "opinion", {"opinion": "favourable", "text": "x"}, tokens["certifier"]).status_code == 403
    )
    client.force_login(world["candidate"])
    response = client.post(
        f"{BASE}/{world['pending'].pk}/feasibility/decision", {"kind": "admissible"}, content_type="application/json"
    )
    assert response.status_code == 403


# --- the accompanier's opinion ----------------------------------------------------------------------------------


def test_accompanier_gives_its_opinion(client, world):
    raw, candidacy = world["tokens"]["accompanier"], world["registered"]
    response = _post(client, candidacy, "opinion", {"opinion": "favourable", "text": "Expérience adaptée."}, raw)
    assert response.status_code == 200
    assert response.json()["accompanier_opinion"]["opinion"] == "favourable"
    before = _unchanged(candidacy)
    _problem(_post(client, candidacy, "opinion", {"opinion": "maybe", "text": "x"}, raw), 422, "invalid_opinion")
    _problem(
        _post(client, candidacy, "opinion", {"opinion": "favourable", "text": " "}, raw), 422, "opinion_text_required"
    )
    assert _unchanged(candidacy) == before
    response = _post(client, candidacy, "opinion", {"opinion": "favourable"}, raw)  # missing field: schema refusal
    assert response.status_code == 422 and response.json()["code"] == "invalid_request"


# --- OpenAPI ------------------------------------------------------------------------------------------------------

ROUTES = {
    ("get", BASE),
    ("get", f"{BASE}/{{candidacy_id}}"),
    ("post", f"{BASE}/{{candidacy_id}}/feasibility/pieces-request"),
    ("post", f"{BASE}/{{candidacy_id}}/feasibility/receipt"),
    ("post", f"{BASE}/{{candidacy_id}}/feasibility/decision"),
    ("post", f"{BASE}/{{candidacy_id}}/jury"),
    ("post", f"{BASE}/{{candidacy_id}}/jury/result"),
    ("post", f"{BASE}/{{candidacy_id}}/opinion"),
    ("post", f"{BASE}/{{candidacy_id}}/attestations/{{attestation_id}}/issue"),
    ("get", f"{BASE}/{{candidacy_id}}/feasibility.pdf"),
    ("get", f"{BASE}/{{candidacy_id}}/attestations/{{attestation_id}}.pdf"),
    ("post", BASE),
    *(
        ("post", f"{BASE}/{{candidacy_id}}/{action}")
        for action in (
            "experiences",
            "accompanier",
            "programme",
            "feasibility",
            "feasibility/attachments",
            "validation-file",
            "steps",
            "legitimate-reason",
            "attestations",
            "jury/result/notification",
            "jury/result/observations-request",
            "jury/result/withdrawal",
            "drop-out",
            "archive",
            "reorientation",
            "reopening",
            "litigation",
        )
    ),
}


def test_openapi_lists_every_route_in_french_with_its_errors():
    schema = api.get_openapi_schema()
    listed = {(method, path) for path, ops in schema["paths"].items() if path.startswith(BASE) for method in ops}
    assert listed == ROUTES
    descriptions = ""
    for method, path in ROUTES:
        operation = schema["paths"][path][method]
        assert operation["tags"] == ["parcours VAE"]
        assert operation["summary"] and operation["summary"][0].isupper()
        assert any(
            word in operation["summary"]
            for word in ("candidature", "jury", "dossier", "pièces", "avis", "recevabilité")
        )
        assert {"401", "403", "404"} - ({"404"} if path == BASE else set()) <= set(operation["responses"])
        if method == "post":
            assert {"200", "201"} & set(operation["responses"]) and "422" in operation["responses"]
            assert "409" in operation["responses"] or path == BASE  # a registration has no state to conflict with
            assert "requestBody" in operation or path.endswith("/reopening")
        descriptions += operation["description"]
    for code in CONFLICTS - {"candidacy_anonymised"}:
        assert f"`{code}`" in descriptions, code
    for code in ("decision_delay_expired", "jury_after_latest_date", "jury_composition_invalid", "gaps_required"):
        assert f"`{code}`" in descriptions
    detail = schema["paths"][f"{BASE}/{{candidacy_id}}"]["get"]["responses"]["200"]["content"]["application/json"]
    assert {"CandidacyDetailOut", "CandidacyFundingOut"} <= {
        ref["$ref"].rsplit("/", 1)[1] for ref in detail["schema"]["anyOf"]
    }
    parameters = {p["name"] for p in schema["paths"][BASE]["get"]["parameters"]}
    assert {"scope", "siret", "status", "due_within", "page", "page_size"} <= parameters
    assert all(p.get("description") for p in schema["paths"][BASE]["get"]["parameters"] if p["in"] == "query")


def test_an_anonymised_candidacy_refuses_every_action(client, world):
    candidacy = CandidacyFactory(certifier=world["certifier"], filed=True)
    services.candidacy_anonymise(actor=None, candidacy=candidacy, on=TODAY)
    before = _unchanged(candidacy)
    response = _post(client, candidacy, RECEIPT, {}, world["tokens"]["certifier"])
    _problem(response, 409, "candidacy_anonymised")
    assert _unchanged(candidacy) == before
    body = client.get(f"{BASE}/{candidacy.pk}", headers=_bearer(world["tokens"]["certifier"])).json()
    assert body["candidate"] is None and body["experiences"] == []
    assert candidacy.pk not in _ids(_list(client, raw=world["tokens"]["certifier"]))  # nothing left to work on


def test_a_member_of_two_organisations_chooses_one_by_siret(client, world):
    person = world["certifier_person"]
    other = world["elsewhere"].certifier
    membership_grant(user=person, role="certifier", organisation=other)
    client.force_login(person)
    assert _ids(_list(client, f"?siret={other.siret}")) == {world["elsewhere"].pk}
    assert _ids(_list(client, "?scope=certifier")) == {world["pending"].pk, world["filed"].pk}  # the first one


def test_the_certifier_list_counts_the_attestations_to_issue(client, world):
    raw = world["tokens"]["certifier"]
    assert _list(client, raw=raw)["attestations_to_issue"] == 0
    result = CandidacyFactory(certifier=world["certifier"], result_partial=True, started_on=_recent(130))
    requested = services.attestation_request(actor=None, candidacy=result, kind="blocks")
    services.attestation_request(actor=None, candidacy=result, kind="result")
    elsewhere = CandidacyFactory(certifier=world["elsewhere"].certifier, result_partial=True, started_on=_recent(130))
    services.attestation_request(actor=None, candidacy=elsewhere, kind="blocks")  # another certifier's
    assert _list(client, raw=raw)["attestations_to_issue"] == 2
    services.attestation_issue(actor=None, attestation=requested)
    assert _list(client, "?status=pending", raw)["attestations_to_issue"] == 1  # the whole scope, filters aside
    # Other scopes have none to issue: null, not 0.
    assert _list(client, raw=world["tokens"]["accompanier"])["attestations_to_issue"] is None
    client.force_login(world["gip"])
    assert _list(client)["attestations_to_issue"] is None
