"""Rule family cpc: Commissions professionnelles consultatives (R6113-22, R6113-24).

The reasoning is in the modules below; dated numbers in parameters.yaml, worked examples in cases/,
French wording in wording.fr.yaml. This file only re-exports, so that ``from acquis.rules.cpc import X``
keeps reading as before the family became a folder.
"""

from acquis.rules.cpc.logic import BRANCH_PROPOSAL_WINDOWS, COMPOSITION_CHECK, PROGRAMME_DEADLINE, VIOLATION_PARAMETERS
from acquis.rules.cpc.logic import RULES as LOGIC_RULES

RULES = LOGIC_RULES

__all__ = ["BRANCH_PROPOSAL_WINDOWS", "COMPOSITION_CHECK", "PROGRAMME_DEADLINE", "RULES", "VIOLATION_PARAMETERS"]
