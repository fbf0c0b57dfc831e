"""The legal basis as every page shows it: a statement in French, the rule that decided it, and the
article versions it rests on, each linked to the law page as in force on its date."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import quote, urlencode

from acquis.law.presentation import SLUG_OF_CODE
from acquis.rules.decision import CODE_DU_TRAVAIL, CODE_NAMES, Decision, Source

LAW_PAGE = "/droit/{code}/{article}"

# Engine error code → what to tell a person (the engine's own message follows, in English).
ERROR_MESSAGES = {
    "unknown_rule": "Cette règle n'existe pas.",
    "missing_facts": "Il manque des faits sans lesquels la règle ne peut pas décider.",
    "invalid_facts": (
        "Un fait n'a pas la forme attendue, son nom n'est pas celui que la règle connaît, ou une date est si "
        "proche de l'an 1 ou de l'an 9999 qu'un délai calculé à partir d'elle n'existe pas."
    ),
    "no_version_in_force": "Aucune version de la règle n'est en vigueur à cette date : la règle ne décide pas.",
    "rule_conflict": "Deux versions ou deux définitions de la règle s'appliquent à ce cas : aucune n'est choisie.",
    "parameter_not_in_force": "Un paramètre de la règle n'a pas de valeur à cette date.",
}


def law_url(article: str, day: dt.date, code: str = CODE_DU_TRAVAIL) -> str:
    """The law page of the article as in force on ``day`` (the law pages own that URL pattern)."""
    page = LAW_PAGE.format(code=SLUG_OF_CODE[code], article=quote(article))
    return page + "?" + urlencode({"date": day.isoformat()})


def source_view(source: Source) -> dict[str, Any]:
    return {
        "article": source.article,
        "legiarti": source.legiarti,
        "valid_from": source.valid_from,
        "valid_until": source.valid_until,
        "sentence": source.sentence,
        "is_nota": source.passage == "nota",
        "law_url": law_url(source.article, source.valid_from, source.code),
        "code_name": CODE_NAMES[source.code],
        "other_code": source.code != CODE_DU_TRAVAIL,
    }


def block(title: str, text: str, decision: Decision | None, *, sources: Any = None, **extra: Any) -> dict[str, Any]:
    """One legal statement as a page shows it: title, French text, the article versions it rests on."""
    cited = sources if sources is not None else (decision.sources if decision else ())
    # Every key the template reads exists (unknown template variables raise in tests).
    return {
        "items": [],
        "late": False,
        "refusable": False,
        "date": None,
        "title": title,
        "text": text,
        "rule_id": decision.rule_id if decision else "",
        "rule_version": decision.rule_version if decision else "",
        "sources": [source_view(source) for source in cited],
        **extra,
    }
