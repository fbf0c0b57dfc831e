"""/api/v1/rules: the rules catalogue, and deciding one case with the same JSON as ``acquis rules decide``.

Both routes are public (``auth=None``): a rule is law applied to facts the caller sends; nothing is read
from the database and nothing is kept, so there is nothing to protect and no reason to ask for a token.
The decide route runs inside ``refuse_writes()`` so that "nothing is kept" is enforced, not just intended.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema
from pydantic import ConfigDict

from acquis.api.errors import problem
from acquis.rules.catalogue import catalogue_listing, default_registry
from acquis.rules.errors import InvalidFacts, MissingFacts, RulesError, UnknownRule
from acquis.rules.facts import is_iso_date_text, load_facts_json
from acquis.web.middleware import refuse_writes

router = Router(tags=["règles"])

PUBLIC = (
    "**Route publique, sans authentification** : elle ne lit aucune donnée personnelle et n'enregistre rien "
    "(ni les faits envoyés, ni la décision)."
)

# code → (title, type slug): the code is the engine's public contract, the title is for people.
PROBLEMS: dict[str, tuple[str, str]] = {
    "unknown_rule": ("Règle inconnue", "regle-inconnue"),
    "missing_facts": ("Faits manquants", "faits-manquants"),
    "invalid_facts": ("Faits invalides", "faits-invalides"),
    "no_version_in_force": ("Aucune version de la règle en vigueur à cette date", "aucune-version-en-vigueur"),
    "rule_conflict": ("Conflit entre versions ou définitions de la règle", "conflit-de-regles"),
    "parameter_not_in_force": ("Paramètre sans valeur à cette date", "parametre-non-en-vigueur"),
    "invalid_arguments": ("Requête invalide", "arguments-invalides"),
}


class RuleVersionOut(Schema):
    version: str = Field(description="Nom de la version : le premier jour de la version d'article appliquée.")
    valid_from: dt.date = Field(description="Première date déterminante couverte.")
    valid_until: dt.date | None = Field(description="Dernière date déterminante couverte (incluse) ; null : ouverte.")


class RuleOut(Schema):
    id: str = Field(description="Identifiant stable (contrat public), p. ex. leave.status.")
    title: str
    articles: list[str] = Field(description="Articles du Code du travail appliqués.")
    governing_date: str = Field(description="La date déterminante, qui choisit la version : le champ « at ».")
    facts: dict[str, str] = Field(description="Nom de chaque fait → son type.")
    value: str = Field(description="Ce que la décision rend.")
    versions: list[RuleVersionOut]


class DecideIn(Schema):
    # The route refuses unknown keys (a typo must not pass unnoticed): the schema says so.
    model_config = ConfigDict(extra="forbid")

    at: str | None = Field(
        None,
        description=(
            "Date déterminante AAAA-MM-JJ. Facultative quand la règle est gouvernée par un de ses faits "
            "(p. ex. request_received) ; si elle est donnée, elle doit lui être égale."
        ),
        json_schema_extra={"format": "date", "examples": ["2024-03-01"]},
    )
    facts: dict[str, Any] = Field(
        description="Les faits du cas, noms publics de la règle ; dates en AAAA-MM-JJ.",
        json_schema_extra={"examples": [{"request_received": "2024-03-01", "answer": None, "on": "2024-03-20"}]},
    )


class SourceOut(Schema):
    article: str
    legiarti: str = Field(description="Identifiant LEGIARTI de la version d'article citée.")
    valid_from: dt.date
    valid_until: dt.date | None = Field(description="Dernier jour de vigueur (inclus) ; null : toujours en vigueur.")
    sentence: str = Field(description="La phrase sur laquelle la décision s'appuie.")
    passage: str | None = Field(None, description="Absent pour le texte de l'article ; « nota » pour une note.")


class DecisionOut(Schema):
    """La décision du moteur (format acquis.rules.decision/1), telle qu'un dossier la conserve."""

    schema_name: str = Field(alias="schema", description="Version du format : acquis.rules.decision/1.")
    rule_id: str
    rule_version: str
    at: dt.date = Field(description="Date déterminante retenue.")
    value: Any = Field(description="La valeur rendue (date, nombre, booléen, liste ou objet selon la règle).")
    sources: list[SourceOut]
    inputs_used: dict[str, Any] = Field(description="Faits effectivement lus.")
    missing_inputs: list[str] = Field(description="Faits absents qui n'empêchent pas de décider.")
    notes: list[str] = Field(description="Notes transitoires de la version appliquée.")
    trace: dict[str, Any] = Field(description="Arbre du raisonnement : step, value, detail, sources, children.")
    ruleset_hash: str = Field(description="Empreinte du code et des paramètres qui ont produit la décision.")


class RuleProblemOut(Schema):
    type: str
    title: str
    status: int
    detail: str
    instance: str
    code: str = Field(description=f"Code machine : {', '.join(PROBLEMS)}.")
    error: str = Field(description="Le message d'erreur en français (le même que `detail`), pour qui lit `error`.")
    fields: list[str] | None = Field(None, description="Pour missing_facts : les faits manquants.")


class _BadBody(Exception):
    pass


def _rule_problem(request: HttpRequest, error: RulesError) -> HttpResponse:
    title, kind = PROBLEMS.get(error.code, ("Décision impossible", "decision-impossible"))
    extra = {"fields": list(error.fields)} if isinstance(error, MissingFacts) else {}
    status = 404 if isinstance(error, UnknownRule) else 422
    return _problem(request, status, title=title, detail=error.message, kind=kind, code=error.code, **extra)


def _problem(request: HttpRequest, status: int, *, detail: str, **extra: Any) -> HttpResponse:
    # Issue 13 asks for {"error": …}: the French message is also under "error", beside the RFC 9457 fields.
    return problem(request, status, detail=detail, error=detail, **extra)


def _parse_body(raw: bytes) -> tuple[dt.date | None, Any]:
    # Parsed here rather than by ninja so that every refusal carries a machine code, like the CLI's.
    try:
        body = load_facts_json(raw or b"null")
    except InvalidFacts as error:
        # Invalid UTF-8, a 5,000-digit number or 100,000 nested arrays: refused like any malformed body.
        raise _BadBody(f'Le corps doit être un objet JSON {{"at": …, "facts": {{…}}}} ({error.message}).') from None
    if not isinstance(body, dict) or "facts" not in body:
        raise _BadBody('Le corps doit être un objet JSON {"at": …, "facts": {…}} ; « facts » est obligatoire.')
    unknown = sorted(set(body) - {"at", "facts"})
    if unknown:
        raise _BadBody(f"Champ(s) inconnu(s) : {', '.join(unknown)} ; seuls « at » et « facts » sont admis.")
    at = body.get("at")
    if at is None:
        return None, body["facts"]
    # fromisoformat alone would also take "20240301" or "2024-W09-5": the API documents AAAA-MM-JJ only.
    if not is_iso_date_text(at):
        raise _BadBody(f"« at » doit être une date écrite AAAA-MM-JJ, reçu {at!r}.")
    try:
        return dt.date.fromisoformat(at), body["facts"]
    except ValueError:
        raise _BadBody(f"« at » doit être une date écrite AAAA-MM-JJ, reçu {at!r}.") from None


@router.get(
    "",
    auth=None,
    response=list[RuleOut],
    summary="Le catalogue des règles",
    description=f"Chaque règle, ses articles, sa date déterminante et ses versions datées. {PUBLIC}",
)
def rule_list(request):
    return catalogue_listing()


@router.post(
    "/{rule_id}/decide",
    auth=None,
    response={200: DecisionOut, 404: RuleProblemOut, 422: RuleProblemOut},
    by_alias=True,  # documents the Decision's "schema" key under its real name
    summary="Décider un cas",
    description=(
        "Applique la règle aux faits envoyés, dans la version en vigueur à la date déterminante, et rend la "
        "décision exactement comme `acquis rules decide` : valeur, version, sources (article, LEGIARTI, "
        "période de vigueur, phrase), faits lus et manquants, notes, trace, empreinte. Erreurs : problème "
        "RFC 9457 avec `code` (404 `unknown_rule` ; 422 pour les autres codes) et `error`, le message en français. "
        + PUBLIC
    ),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": DecideIn.model_json_schema()}},
        }
    },
)
def rule_decide(request, rule_id: str):
    try:
        at, facts = _parse_body(request.body)
    except _BadBody as error:
        title, kind = PROBLEMS["invalid_arguments"]
        return _problem(request, 422, title=title, detail=str(error), kind=kind, code="invalid_arguments")
    with refuse_writes():
        try:
            decision = default_registry().decide(rule_id, facts, at)
        except RulesError as error:
            return _rule_problem(request, error)
    # The engine's own serialisation, not the schema's: the bytes a case stores, identical to the CLI's.
    return HttpResponse(decision.to_json(), content_type="application/json")
