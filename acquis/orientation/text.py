"""French words as the finder compares them: folded, split, and reduced to a root.

Pure Python, shared by both search engines, so "infirmière", "INFIRMIERS" and "infirmier" meet whatever
the database. PostgreSQL's ``french`` stemmer also runs on its side, but it leaves feminine forms apart
("soudeuse" → ``soudeux``, "soudeur" → ``soudeur``) and derived nouns too ("soudage"); the roots below join
a job's masculine, feminine and activity nouns (soudeur, soudeuse, soudage, soudure → ``soud``).

The rules are a light stemmer, not a linguist: plural, then feminine, then one derivational suffix, never
leaving a root under :data:`MIN_ROOT` letters (so "aide" stays "aide").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from acquis.certifications.levels import fold

MIN_ROOT = 4
#: Words carrying no meaning for the search, in folded form.
STOPWORDS = frozenset(
    [
        "a",
        "au",
        "aux",
        "avec",
        "ce",
        "ces",
        "chez",
        "comme",
        "dans",
        "de",
        "des",
        "du",
        "en",
        "et",
        "il",
        "ils",
        "j",
        "je",
        "la",
        "le",
        "les",
        "leur",
        "l",
        "d",
        "m",
        "mes",
        "mon",
        "ma",
        "n",
        "ne",
        "nous",
        "on",
        "ou",
        "par",
        "pas",
        "plus",
        "pour",
        "qu",
        "que",
        "qui",
        "sa",
        "se",
        "ses",
        "son",
        "sur",
        "ta",
        "te",
        "tes",
        "ton",
        "tu",
        "un",
        "une",
        "vous",
        "y",
        "s",
        "c",
        "t",
        "ai",
        "as",
        "avait",
        "ete",
        "etre",
        "fait",
        "fais",
        "faisais",
        "suis",
        "sommes",
        "etais",
        "j'ai",
        "depuis",
        "pendant",
        "ans",
        "an",
        "annee",
        "annees",
        "mois",
        "semaine",
        "semaines",
        "jour",
        "jours",
        "heure",
        "heures",
        "tout",
        "tous",
        "toute",
        "toutes",
        "tres",
        "bien",
        "aussi",
        "puis",
        "ensuite",
        "deja",
        "travaille",
        "travaillais",
        "travaill",
        "metier",
        "emploi",
        "poste",
        "experience",
        "professionnelle",
        "professionnel",
        "huit",
        "sept",
        "six",
        "cinq",
        "quatre",
        "trois",
        "deux",
        "dix",
        "vingt",
        "quinze",
        "douze",
        "onze",
        "neuf",
    ]
)
#: Words of a certification's title that name its kind, not the job: not used to link a title to the ROME.
DIPLOMA_WORDS = frozenset(
    [
        "titre",
        "professionnel",
        "professionnelle",
        "finalite",
        "diplome",
        "etat",
        "cap",
        "bac",
        "pro",
        "bts",
        "but",
        "bp",
        "cqp",
        "mc",
        "mention",
        "complementaire",
        "licence",
        "master",
        "deust",
        "certificat",
        "qualification",
        "brevet",
        "option",
        "specialite",
        "post",
        "niveau",
        "superieur",
        "jeunesse",
        "education",
        "populaire",
        "sport",
        "aptitude",
        "fonctions",
    ]
)
_FEMININE = (
    ("trice", "teur"),
    ("euse", "eur"),
    ("iere", "ier"),
    ("ienne", "ien"),
    ("enne", "en"),
    ("onne", "on"),
    ("ante", "ant"),
    ("ente", "ent"),
    ("ive", "if"),
    ("ette", "et"),
    ("ere", "er"),
    ("ee", "e"),
)
# Longest first: the first suffix that leaves a root of MIN_ROOT letters is removed.
_DERIVATIONS = tuple(
    sorted(
        [
            "abilite",
            "ations",
            "ation",
            "ateur",
            "atif",
            "ative",
            "ement",
            "able",
            "erie",
            "ance",
            "ence",
            "ites",
            "ite",
            "eur",
            "age",
            "ure",
            "ier",
            "ien",
            "iste",
            "ique",
            "ant",
            "er",
            "if",
            "e",
        ],
        key=len,
        reverse=True,
    )
)
_WORD = re.compile(r"[a-z0-9]+")
_TOKEN = re.compile(r"[^\W_]+")


@lru_cache(maxsize=65536)
def root(word: str) -> str:
    """The root of one folded word ("soudeuses" → "soud", "infirmiers" → "infirm")."""
    if len(word) <= MIN_ROOT or word.isdigit():
        return word
    if word[-1] in "sx" and len(word) > MIN_ROOT:
        word = word[:-1]
    for feminine, masculine in _FEMININE:
        if word.endswith(feminine) and len(word) - len(feminine) >= MIN_ROOT - 1:
            word = word[: -len(feminine)] + masculine
            break
    for suffix in _DERIVATIONS:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_ROOT:
            return word[: -len(suffix)]
    return word


def words(text: str) -> list[str]:
    """Folded words of ``text``, in order ("L'aide-soignante" → ["l", "aide", "soignante"])."""
    return _WORD.findall(fold(text))


def _tokens(text: str):
    """(the word as written, in lower case; its folded form) for each word of ``text``."""
    for token in _TOKEN.findall(text):
        pieces = _WORD.findall(fold(token))
        for piece in pieces:
            yield (token.lower() if len(pieces) == 1 else piece), piece


@dataclass(frozen=True)
class Analysed:
    """A text's meaningful words and their roots (same order, duplicates removed)."""

    words: tuple[str, ...]
    roots: tuple[str, ...]
    #: The words as the person wrote them (lower case), to quote them back.
    written: tuple[str, ...] = ()

    def word_of(self, wanted: str) -> str:
        """The first word of the text with this root, as written."""
        return next((w for w, r in zip(self.written, self.roots, strict=True) if r == wanted), wanted)


def analyse(text: str, *, ignore: frozenset[str] = frozenset()) -> Analysed:
    kept_words: list[str] = []
    kept_roots: list[str] = []
    written: list[str] = []
    for as_written, word in _tokens(text):
        if word in STOPWORDS or word in ignore or (len(word) < 2 and not word.isdigit()):
            continue
        base = root(word)
        if base not in kept_roots:
            kept_words.append(word)
            kept_roots.append(base)
            written.append(as_written)
    return Analysed(tuple(kept_words), tuple(kept_roots), tuple(written))


def roots_text(text: str) -> str:
    """The roots of ``text`` joined by spaces: what the engines index beside the text itself."""
    return " ".join(analyse(text).roots)
