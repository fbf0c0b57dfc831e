"""Rule family jury: The VAE jury (R6412-5, R6412-7, D6412-6).

The reasoning is in the modules below; dated numbers in parameters.yaml, worked examples in cases/,
French wording in wording.fr.yaml. This file only re-exports, so that ``from acquis.rules.jury import X``
keeps reading as before the family became a folder.
"""

from acquis.rules.jury.logic import COMPOSITION_CHECK, LATEST_DATE, RESULT_NOTIFICATION_DUE
from acquis.rules.jury.logic import RULES as LOGIC_RULES

RULES = LOGIC_RULES

__all__ = ["COMPOSITION_CHECK", "LATEST_DATE", "RESULT_NOTIFICATION_DUE", "RULES"]
