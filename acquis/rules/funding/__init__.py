"""Rule family funding: Funding of VAE costs (R6422-9, R6422-10).

The reasoning is in the modules below; dated numbers in parameters.yaml, worked examples in cases/,
French wording in wording.fr.yaml. This file only re-exports, so that ``from acquis.rules.funding import X``
keeps reading as before the family became a folder.
"""

from acquis.rules.funding.logic import AGREEMENT, ELIGIBLE_EXPENSES, REFUSAL_GROUNDS, REQUEST_PARTS
from acquis.rules.funding.logic import RULES as LOGIC_RULES

RULES = LOGIC_RULES

__all__ = ["AGREEMENT", "ELIGIBLE_EXPENSES", "REFUSAL_GROUNDS", "REQUEST_PARTS", "RULES"]
