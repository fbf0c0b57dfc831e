"""Rule family support: Support of VAE candidates (R6423-3-1).

The reasoning is in the modules below; dated numbers in parameters.yaml, worked examples in cases/,
French wording in wording.fr.yaml. This file only re-exports, so that ``from acquis.rules.support import X``
keeps reading as before the family became a folder.
"""

from acquis.rules.support.logic import ADMISSIBILITY_FILING_ASSISTANCE
from acquis.rules.support.logic import RULES as LOGIC_RULES

RULES = LOGIC_RULES

__all__ = ["ADMISSIBILITY_FILING_ASSISTANCE", "RULES"]
