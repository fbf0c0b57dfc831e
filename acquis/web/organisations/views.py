from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from acquis.accounts.models import ApiToken, Organisation
from acquis.accounts.permissions import Action, api_token_roles, can
from acquis.accounts.selectors import organisation_members, organisation_tokens
from acquis.accounts.services import api_token_create, api_token_revoke
from acquis.web.decorators import requires
from acquis.web.organisations.forms import ApiTokenForm


def _organisation(request, siret: str, **kwargs) -> Organisation:
    return get_object_or_404(Organisation, siret=siret)


def _token_form(request, organisation, data=None) -> ApiTokenForm:
    return ApiTokenForm(data, roles=api_token_roles(request.user, organisation))


def _render_detail(request, organisation, form, status=200, new_token=None):
    return render(
        request,
        "web/organisations/detail.html",
        {
            "title": organisation.name,
            "organisation": organisation,
            "members": organisation_members(organisation=organisation),
            "tokens": organisation_tokens(organisation=organisation),
            "may_manage_tokens": can(request.user, Action.MANAGE_API_TOKENS, organisation),
            "form": form,
            "new_token": new_token,
        },
        status=status,
    )


@require_safe
@requires(Action.VIEW_ORGANISATION, load=_organisation)
def detail(request, organisation, siret):
    return _render_detail(request, organisation, _token_form(request, organisation))


@require_POST
@requires(Action.MANAGE_API_TOKENS, load=_organisation)
def token_create(request, organisation, siret):
    form = _token_form(request, organisation, request.POST)
    if not form.is_valid():
        return _render_detail(request, organisation, form, status=400)
    try:
        _token, raw = api_token_create(
            organisation=organisation,
            role=form.cleaned_data["role"],
            name=form.cleaned_data["name"],
            actor=request.user,
        )
    except ValidationError as exc:
        form.add_error(None, exc)
        return _render_detail(request, organisation, form, status=400)
    return _render_detail(request, organisation, _token_form(request, organisation), new_token=raw)


@require_POST
@requires(Action.MANAGE_API_TOKENS, load=_organisation)
def token_revoke(request, organisation, siret, token_id: int):
    token = get_object_or_404(ApiToken, pk=token_id, organisation=organisation)
    try:
        api_token_revoke(token=token, actor=request.user)
        messages.success(request, f"Le jeton « {token.name} » est révoqué.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("web:organisation", siret=organisation.siret)
