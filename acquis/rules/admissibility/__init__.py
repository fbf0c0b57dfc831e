"""Rule family admissibility: Recevabilité (R6412-3, R6412-4).

The reasoning is in the modules below; dated numbers in parameters.yaml, worked examples in cases/,
French wording in wording.fr.yaml. This file only re-exports, so that ``from acquis.rules.admissibility import X``
keeps reading as before the family became a folder.
"""

from acquis.rules.admissibility.logic import (
    ANNUAL_QUOTA,
    DECISION_DUE,
    LAPSE_DATE,
    PATHWAY_START,
    STATUS,
)
from acquis.rules.admissibility.logic import RULES as LOGIC_RULES

RULES = LOGIC_RULES

__all__ = [
    "ANNUAL_QUOTA",
    "DECISION_DUE",
    "LAPSE_DATE",
    "PATHWAY_START",
    "RULES",
    "STATUS",
]
