"""Every pathway input schema is strict: an unknown key or a date not written AAAA-MM-JJ answers 422 problem+json
(`invalid_request`) and saves nothing — one representative route per module (registration, candidate, certifier,
lifecycle), and every route of the certifier's admissibility and jury instruction.

Each case first proves its well-formed body is accepted, so a refusal below can only come from the schema."""

from __future__ import annotations

import datetime as dt

import pytest

from acquis.accounts.enums import OrganisationKind
from tests.accounts.factories import OrganisationFactory, UserFactory, make_api_token
from tests.api.pathways.support import TODAY, post, snapshot
from tests.pathways.factories import MEMBERS, CandidacyFactory, certification, department, listed_accompanier

EXPERIENCE = {"title": "Cariste", "started_on": "2018-01-01", "hours": 3000, "employment_status": "employee"}

OPINION = {"opinion": "favourable", "text": "x", "on": "2024-06-10"}
PIECES = {"pieces": "x"}
JURY = {"held_on": "2024-10-15", "members": MEMBERS}

# (step, action, who acts, a body the route accepts, the date field to mistype or None)
CASES = {
    "registration": (None, "", "candidate", {}, "started_on"),
    "experience": ("registered", "experiences", "candidate", EXPERIENCE, "started_on"),
    "opinion": ("registered", "opinion", "accompanier", OPINION, "on"),
    # Pieces requests, receipts and decisions are dated by the portal's clock: no date field to mistype.
    "pieces": ("filed", "feasibility/pieces-request", "certifier", PIECES, None),
    "receipt": ("filed", "feasibility/receipt", "certifier", {}, None),
    "jury": ("validation", "jury", "certifier", JURY, "held_on"),
    "result": ("jury", "jury/result", "certifier", {"kind": "full"}, None),
    "drop-out": ("registered", "drop-out", "candidate", {"reason": "personal", "on": "2024-06-10"}, "on"),
}


def _non_iso(day: str) -> list[str]:
    """The same day written otherwise: French order, with a time (even midnight, which pydantic alone would take
    for the day), and as a Unix timestamp (which pydantic alone reads as a date)."""
    date = dt.date.fromisoformat(day)
    midnight = dt.datetime.combine(date, dt.time(), tzinfo=dt.UTC)
    return [f"{date:%d/%m/%Y}", f"{day}T10:00", f"{day}T00:00", str(int(midnight.timestamp()))]


@pytest.fixture
def world():
    return {"certifier": OrganisationFactory(kind=OrganisationKind.CERTIFIER), "accompanier": listed_accompanier()}


def _prepare(client, world, case: str) -> tuple:
    """The candidacy at the case's step (None for a registration), the accepted body, and the caller: a token, or
    a person logged in (then None)."""
    step, _action, who, body, _field = CASES[case]
    candidacy = None
    if step is None:  # a new candidate registers themselves
        body = {
            "certification": certification(blocks=1).code,
            "department": department().code,
            "qualification_level": 3,
            "accompaniment_mode": "autonomous",
            "in_initial_training": False,
            "started_on": TODAY.isoformat(),
            "experiences": [EXPERIENCE],
        }
    else:
        candidacy = CandidacyFactory(step=step, certifier=world["certifier"], accompanier=world["accompanier"])
    if who == "candidate":
        client.force_login(candidacy.candidate if candidacy else UserFactory(candidate=True))
        return candidacy, body, None
    return candidacy, body, make_api_token(organisation=world[who], role=who)[1]


def _bad_bodies(case: str) -> list[tuple[str, dict]]:
    """(test id, changes to the accepted body) that the schema must refuse."""
    _step, _action, _who, body, field = CASES[case]
    bodies = [("unknown-key", {"commentaire": "clé inconnue"})]
    if case == "registration":
        bodies.append(("unknown-key-in-experience", {"experiences": [{**EXPERIENCE, "salary": 1}]}))
    if case == "jury":
        bodies.append(("unknown-key-in-member", {"members": [{**MEMBERS[0], "role": "x"}, MEMBERS[1]]}))
    if field is not None:
        bodies += [(text, {field: text}) for text in _non_iso(body.get(field) or TODAY.isoformat())]
    return bodies


@pytest.mark.parametrize("case", CASES)
def test_the_well_formed_body_is_accepted(client, world, case):
    candidacy, body, raw = _prepare(client, world, case)
    response = post(client, candidacy, CASES[case][1], body, raw)
    assert response.status_code in (200, 201), response.content


@pytest.mark.parametrize(
    "case, changes",
    [pytest.param(case, changes, id=f"{case}-{name}") for case in CASES for name, changes in _bad_bodies(case)],
)
def test_an_unknown_key_or_a_non_iso_date_is_refused_and_saves_nothing(client, world, case, changes):
    candidacy, body, raw = _prepare(client, world, case)
    before = snapshot()
    response = post(client, candidacy, CASES[case][1], {**body, **changes}, raw)
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["code"] == "invalid_request" and problem["status"] == 422 and problem["errors"]
    assert snapshot() == before
