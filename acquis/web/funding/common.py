"""Loading a funding request for a page: 404 for a request the reader may not read (as for one that does not
exist: ids are sequential), 403 for one it reads but may not act on; anonymous readers go to the login page."""

from __future__ import annotations

import functools

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404

from acquis.accounts.enums import Role
from acquis.accounts.models import Organisation
from acquis.accounts.permissions import load_for
from acquis.funding import selectors
from acquis.funding.models import Funder
from acquis.funding.permissions import FundingAction


def request_page(action: FundingAction):
    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, pk: int, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            funding_request = selectors.request_for_actor(pk)
            missing = "Aucune demande de prise en charge de ce numéro ne vous est accessible."
            try:
                load_for(request.user, action, funding_request, missing=missing)  # the one policy, pages and API
            except PermissionDenied:
                raise PermissionDenied("Vous n'avez pas accès à cette page.") from None
            return view(request, funding_request, *args, **kwargs)

        wrapper.acquis_action = action
        return wrapper

    return decorator


def desk_funder(request, **kwargs) -> Funder | None:
    """The funder whose desk is read: ``?siret=`` (the GIP, or a member of several), else the reader's own."""
    siret = request.GET.get("siret", "").strip()
    if siret:
        funder = Funder.objects.filter(organisation__siret=siret).select_related("organisation").first()
        if funder is None:
            raise Http404("Aucun financeur n'a ce SIRET.")
        return funder
    return selectors.funders_of(request.user).select_related("organisation").first() if not _gip(request) else None


def billing_organisation(request, **kwargs) -> Organisation | None:
    siret = request.GET.get("siret", "").strip()
    if siret:
        organisation = Organisation.objects.filter(siret=siret).first()
        if organisation is None:
            raise Http404("Aucune organisation n'a ce SIRET.")
        return organisation
    membership = request.user.memberships.filter(role=Role.ACCOMPANIER, revoked_at=None).first()
    return membership.organisation if membership else None


def _gip(request) -> bool:
    return request.user.is_superuser or request.user.memberships.filter(role=Role.GIP_STAFF, revoked_at=None).exists()
