"""``{% who_pays_what candidacy %}``: the candidacy page's "who pays what" block, self-contained so that the
page's view needs no change (the block reads its own rows)."""

from django import template

from acquis.accounts.permissions import can
from acquis.funding.selectors import who_pays_what as who_pays_what_rows
from acquis.pathways.permissions import PathwayAction

register = template.Library()


@register.inclusion_tag("web/funding/_who_pays_what.html", takes_context=True)
def who_pays_what(context, candidacy):
    user = context["request"].user
    return {
        "rows": who_pays_what_rows(candidacy),
        "candidacy": candidacy,
        "can_request": can(user, PathwayAction.EDIT_CANDIDACY, candidacy),
    }
