"""French wording shared by the ``acquis law`` commands and the law pages (pure Python)."""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta

from acquis.documents.text import french_date  # noqa: F401 — the law commands' name for it
from acquis.law.diff import ArticleChange, ChangeKind, SegmentKind
from acquis.law.history import ArticleVersion

#: URL slug of each code's law pages (/droit/<slug>/<article>) → its LEGITEXT id and name.
CODE_SLUGS = {
    "code-du-travail": ("LEGITEXT000006072050", "Code du travail"),
    "code-des-relations-entre-le-public-et-l-administration": (
        "LEGITEXT000031366350",
        "Code des relations entre le public et l'administration",
    ),
}
SLUG_OF_CODE = {code: slug for slug, (code, _) in CODE_SLUGS.items()}

KIND_LABELS = {
    ChangeKind.MODIFIED: "modifié",
    ChangeKind.CREATED: "créé",
    ChangeKind.ABROGATED: "abrogé",
    ChangeKind.UNCHANGED: "inchangé",
    ChangeKind.UNKNOWN_EARLIER_TEXT: "texte antérieur absent du corpus",
    ChangeKind.UNKNOWN_LATER_TEXT: "texte postérieur absent du corpus",
}
KIND_PLURALS = {
    ChangeKind.MODIFIED: "modifié(s)",
    ChangeKind.CREATED: "créé(s)",
    ChangeKind.ABROGATED: "abrogé(s)",
    ChangeKind.UNCHANGED: "inchangé(s)",
    ChangeKind.UNKNOWN_EARLIER_TEXT: "sans texte antérieur dans le corpus",
    ChangeKind.UNKNOWN_LATER_TEXT: "sans texte postérieur dans le corpus",
}
STATE_LABELS = {
    "VIGUEUR": "en vigueur",
    "VIGUEUR_DIFF": "en vigueur différée",
    "MODIFIE": "modifié",
    "MODIFIE_MORT_NE": "modifié avant son entrée en vigueur",
    "ABROGE": "abrogé",
    "ABROGE_DIFF": "abrogation différée",
    "TRANSFERE": "transféré",
    "ANNULE": "annulé",
}


def iso_date_argument(value: str) -> date:
    """argparse type: a date written AAAA-MM-JJ, with a French message otherwise."""
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"date invalide « {value} » : attendu AAAA-MM-JJ, par exemple 2019-11-04"
        ) from exc


def last_day(version: ArticleVersion) -> date | None:
    """Last day in force: LEGI end dates are exclusive (the day the next version starts)."""
    return version.valid_until - timedelta(days=1) if version.valid_until else None


def never_in_force(version: ArticleVersion) -> bool:
    start = version.starts_on
    return start is None or (version.valid_until is not None and version.valid_until <= start)


def interval_label(version: ArticleVersion) -> str:
    """« du 4 novembre 2019 au 28 décembre 2023 », « depuis le 29 décembre 2023 »."""
    start = version.starts_on
    if start is not None and version.valid_until is not None and version.valid_until <= start:
        return "jamais entrée en vigueur"
    end = last_day(version)
    if start is None:
        return f"jusqu'au {french_date(end)}" if end else "dates inconnues"
    prefix = "" if version.valid_from else "attestée en vigueur le "
    if version.valid_from is None:
        return prefix + french_date(start) + (f", jusqu'au {french_date(end)}" if end else "")
    if end is None:
        return f"depuis le {french_date(start)}"
    return f"du {french_date(start)} au {french_date(end)}"


def state_label(state: str | None) -> str:
    return STATE_LABELS.get(state or "", state or "inconnu")


def summary(changes: Iterable[ArticleChange]) -> str:
    """« 24 article(s) : 20 modifié(s), 2 créé(s), 2 abrogé(s) »."""
    changes = list(changes)
    counts = Counter(c.kind for c in changes)
    parts = [f"{counts[kind]} {KIND_PLURALS[kind]}" for kind in KIND_PLURALS if counts[kind]]
    return f"{len(changes)} article(s)" + (f" : {', '.join(parts)}" if parts else "")


def plain_diff(change: ArticleChange) -> str:
    """The diff as text, wdiff style: [-supprimé-] {+ajouté+}."""
    marks = {SegmentKind.DELETED: ("[-", "-]"), SegmentKind.INSERTED: ("{+", "+}"), SegmentKind.EQUAL: ("", "")}
    out = []
    for segment in change.segments:
        opening, closing = marks[segment.kind]
        text = segment.text
        stripped = text.lstrip()
        out.append(text[: len(text) - len(stripped)] + opening + stripped + closing)
    return "".join(out)


def change_counts(changes: Iterable[ArticleChange]) -> list[tuple[str, int]]:
    """[("modifié(s)", 20), ("créé(s)", 2), …] in a fixed order, kinds present only."""
    counts = Counter(c.kind for c in changes)
    return [(KIND_PLURALS[kind], counts[kind]) for kind in KIND_PLURALS if counts[kind]]
