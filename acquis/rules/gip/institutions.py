"""Institutions that the law renamed: one legal person, several dated names.

A text that lists "Pôle emploi" until 2023-12-31 and "l'opérateur France Travail" from 2024-01-01 names
the same legal person (loi 2023-1196 of 18 December 2023, art. 6: L5312-1 now reads « L'opérateur France
Travail est une institution nationale publique dotée de la personnalité morale »; the institution was
renamed, not replaced). Rules compare identities, not names, so that an organisation recorded under either
name is recognised on either side of the renaming, and a decision that matched it through the renaming
cites the renaming's source.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from acquis.rules.decision import Source


@dataclass(frozen=True, slots=True)
class DatedName:
    code: str  # the code facts use for this name (organisation_kind)
    name: str
    valid_from: dt.date | None  # None: before anything the corpus holds
    valid_until: dt.date | None  # last day, inclusive; None: still the name

    def covers(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )


@dataclass(frozen=True, slots=True)
class Institution:
    identity: str  # stable id: the current name's code
    names: tuple[DatedName, ...]
    renamed_by: str  # the act that renamed it, in words
    source: Source  # where the corpus shows the renaming

    def name_on(self, day: dt.date) -> DatedName:
        return next(name for name in self.names if name.covers(day))

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(name.code for name in self.names)


FRANCE_TRAVAIL = Institution(
    identity="france_travail",
    names=(
        DatedName("pole_emploi", "Pôle emploi", None, dt.date(2023, 12, 31)),
        DatedName("france_travail", "l'opérateur France Travail", dt.date(2024, 1, 1), None),
    ),
    renamed_by="loi n° 2023-1196 du 18 décembre 2023, art. 6 (JORFTEXT000048581935), from 2024-01-01",
    # L6411-2 in its 2024 version puts « l'opérateur France Travail » in the place of « Pôle emploi » in the
    # same list, by the same loi; its NOTA dates the change. (L5312-1, the institution's own article, is not
    # in the vendored corpus, which holds the sixth part of the Code du travail.)
    source=Source(
        article="L6411-2",
        legiarti="LEGIARTI000048600352",
        valid_from=dt.date(2024, 1, 1),
        valid_until=None,
        sentence=(
            "Conformément au V de l'article 6 de la loi n° 2023-1196 du 18 décembre 2023, ces dispositions "
            "entrent en vigueur le 1er janvier 2024."
        ),
        passage="nota",
    ),
)

INSTITUTIONS = (FRANCE_TRAVAIL,)
_BY_CODE = {code: institution for institution in INSTITUTIONS for code in institution.codes}


def institution_of(code: str) -> Institution | None:
    """The renamed institution a code names (under any of its names), or None."""
    return _BY_CODE.get(code)


def identity_of(code: str) -> str:
    """The stable identity of a code: the institution's for a renamed one, the code itself otherwise."""
    institution = institution_of(code)
    return institution.identity if institution else code
