"""R6422-8-1: what the leave's hours are in law (working time and pay kept; outside working time, cover for
accidents at work). Not a rule (it decides nothing Acquis computes): the request pages and the letter cite it.

The sentences are those of the article versions in the vendored corpus (data/law/legi-data), checked by
tests/leave/test_working_time.py with the rules' own source check. The article was created on 2019-11-04
(décret 2019-1119) and reworded on 2023-12-29 (décret 2023-1275); before 2019-11-04 it did not exist.
The governing date is the first day of the actions: the article speaks of the hours spent on them.
"""

from __future__ import annotations

import datetime as dt

from acquis.rules.decision import Source

_V2019 = ("LEGIARTI000039312509", dt.date(2019, 11, 4), dt.date(2023, 12, 28))
_V2023 = ("LEGIARTI000048721664", dt.date(2023, 12, 29), None)


def _source(version: tuple[str, dt.date, dt.date | None], sentence: str) -> Source:
    legiarti, start, end = version
    return Source(article="R6422-8-1", legiarti=legiarti, valid_from=start, valid_until=end, sentence=sentence)


# (in working time, outside working time) for each version.
R6422_8_1 = (
    (
        _source(
            _V2019,
            "Lorsque les actions de validation des acquis de l'expérience se déroulent pendant le temps de travail, "
            "dans le cadre du plan de développement des compétences, de la mobilisation du compte personnel de "
            "formation, d'un congé de validation des acquis de l'expérience ou de la reconversion ou promotion par "
            "alternance, les heures qui y sont consacrées constituent un temps de travail effectif et donnent lieu "
            "au maintien de la rémunération.",
        ),
        _source(
            _V2019,
            "Lorsque les actions de validation des acquis de l'expérience se déroulent en dehors du temps de "
            "travail, au titre du plan de développement des compétences, du compte personnel de formation ou de la "
            "reconversion ou promotion par alternance, le salarié bénéficie de la législation de la sécurité "
            "sociale relative à la protection en matière d'accidents du travail et de maladies professionnelles.",
        ),
    ),
    (
        _source(
            _V2023,
            "Lorsque les actions de validation des acquis de l'expérience se déroulent pendant le temps de travail, "
            "les heures qui y sont consacrées constituent un temps de travail effectif et donnent lieu au maintien "
            "de la rémunération.",
        ),
        _source(
            _V2023,
            "Lorsque les actions de validation des acquis de l'expérience se déroulent en dehors du temps de "
            "travail, le salarié bénéficie de la législation de la sécurité sociale relative à la protection en "
            "matière d'accidents du travail et de maladies professionnelles.",
        ),
    ),
)


def working_time_sources(on: dt.date) -> tuple[Source, ...]:
    """The two sentences of R6422-8-1 in force on ``on`` (in working time, outside it); () before 2019-11-04."""
    for in_time, outside in R6422_8_1:
        if in_time.in_force_on(on):
            return (in_time, outside)
    return ()
