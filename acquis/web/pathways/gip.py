"""The GIP's list of accompanying organisations (R6412-2): add one with its Qualiopi certificate, remove one
with a reason. Candidates choose among the organisations listed with a valid certificate."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from acquis.pathways import selectors, services
from acquis.pathways.models import AccompanierListing
from acquis.pathways.permissions import PathwayAction
from acquis.web.common.errors import add_service_errors
from acquis.web.decorators import requires
from acquis.web.pathways import forms


def _listings_page(request, *, form=None, removal=None, removal_for=None, status=200):
    listings = AccompanierListing.objects.select_related("organisation").order_by("removed_on", "organisation__name")
    return render(
        request,
        "web/pathways/accompaniers.html",
        {
            "title": "Liste des organismes accompagnateurs",
            "listings": listings,
            "form": form or forms.ListingForm(),
            "removal": removal,
            "removal_for": removal_for,
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@requires(PathwayAction.MANAGE_ACCOMPANIER_LIST)
def pathway_accompaniers(request):
    if request.method != "POST":
        return _listings_page(request)
    form = forms.ListingForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        organisation = selectors.organisation_by_siret(siret=data["siret"])
        try:
            if organisation is None:
                raise ValidationError({"siret": "Aucune organisation n'a ce SIRET dans Acquis."})
            services.accompanier_listing_add(
                actor=request.user,
                organisation=organisation,
                qualiopi_number=data["qualiopi_number"],
                qualiopi_expires_on=data["qualiopi_expires_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error, {"organisation": "siret"})
        else:
            messages.success(request, f"« {organisation.name} » figure sur la liste des accompagnateurs.")
            return redirect("web:pathway_accompaniers")
    return _listings_page(request, form=form, status=400)


@require_POST
@requires(PathwayAction.MANAGE_ACCOMPANIER_LIST)
def pathway_accompanier_remove(request, listing_id: int):
    listing = get_object_or_404(AccompanierListing, pk=listing_id)
    form = forms.RemovalForm(request.POST)
    if form.is_valid():
        try:
            reason = form.cleaned_data["reason"]
            services.accompanier_listing_remove(actor=request.user, listing=listing, reason=reason)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"« {listing.organisation.name} » est retiré de la liste.")
            return redirect("web:pathway_accompaniers")
    return _listings_page(request, removal=form, removal_for=listing.pk, status=400)
