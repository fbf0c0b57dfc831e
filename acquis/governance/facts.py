"""The governance facts adapter (the domain template's ``facts.py``): a commission's composition on a day → the facts
of ``cpc.composition_check``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from acquis.governance.models import Commission
from acquis.governance.representativeness import RepresentativenessUnknown, representative_list
from acquis.governance.selectors import members_in_office


def composition_facts(*, commission: Commission, on: dt.date) -> dict[str, Any]:
    """The facts of cpc.composition_check for the composition in office on ``on``."""
    try:
        unions = list(representative_list(kind="unions", on=on).names)
        employers = list(representative_list(kind="employers", on=on).names)
    except RepresentativenessUnknown:
        # No list known on that day: the rule then reports every union/employer member as not representative;
        # the facts kept with the change show the empty lists.
        unions, employers = [], []
    return {
        "representative_unions": unions,
        "representative_employer_orgs": employers,
        "members": [
            {
                "college": member.college,
                "organisation": member.organisation,
                "ministry": member.ministry or None,
                "sex": member.sex,
                "substitute": {"sex": member.substitute_sex} if member.substitute_sex else None,
                "term_years": member.term_years,
            }
            for member in members_in_office(commission=commission, on=on).order_by("id")
        ],
    }
