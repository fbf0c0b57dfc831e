"""Rule family data: Retention of personal data (R6411-6).

The reasoning is in the modules below; dated numbers in parameters.yaml, worked examples in cases/,
French wording in wording.fr.yaml. This file only re-exports, so that ``from acquis.rules.data import X``
keeps reading as before the family became a folder.
"""

from acquis.rules.data.logic import RETENTION_UNTIL
from acquis.rules.data.logic import RULES as LOGIC_RULES

RULES = LOGIC_RULES

__all__ = ["RETENTION_UNTIL", "RULES"]
