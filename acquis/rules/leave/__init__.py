"""Rule family leave: Congé VAE (R6422-2 to R6422-6, D6422-8).

The reasoning is in the modules below; dated numbers in parameters.yaml, worked examples in cases/,
French wording in wording.fr.yaml. This file only re-exports, so that ``from acquis.rules.leave import X``
keeps reading as before the family became a folder.
"""

from acquis.rules.leave.logic import (
    EMPLOYER_ANSWER_DUE,
    LEAVE_STATUS,
    PAID_HOURS_CAP,
    POSTPONEMENT_LATEST_DATE,
    REQUEST_LATEST_SEND_DATE,
    REQUEST_MISSING_ITEMS,
)
from acquis.rules.leave.logic import RULES as LOGIC_RULES
from acquis.rules.leave.rights import ABSENCE_CAP, FIXED_TERM_CONTRACT_WINDOW, NEW_AUTHORISATION_WAIT
from acquis.rules.leave.rights import RULES as RIGHTS_RULES

RULES = (*LOGIC_RULES, *RIGHTS_RULES)

__all__ = [
    "ABSENCE_CAP",
    "EMPLOYER_ANSWER_DUE",
    "FIXED_TERM_CONTRACT_WINDOW",
    "LEAVE_STATUS",
    "NEW_AUTHORISATION_WAIT",
    "PAID_HOURS_CAP",
    "POSTPONEMENT_LATEST_DATE",
    "REQUEST_LATEST_SEND_DATE",
    "REQUEST_MISSING_ITEMS",
    "RULES",
]
