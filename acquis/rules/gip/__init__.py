"""Rule family gip: The GIP running the VAE public service (L6411-2).

The reasoning is in the modules below; dated numbers in parameters.yaml, worked examples in cases/,
French wording in wording.fr.yaml. This file only re-exports, so that ``from acquis.rules.gip import X``
keeps reading as before the family became a folder.
"""

from acquis.rules.gip.institutions import Institution, identity_of, institution_of
from acquis.rules.gip.logic import MEMBER_BY_RIGHT
from acquis.rules.gip.logic import RULES as LOGIC_RULES

RULES = LOGIC_RULES

__all__ = ["Institution", "MEMBER_BY_RIGHT", "RULES", "identity_of", "institution_of"]
