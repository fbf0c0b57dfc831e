"""The one shape of a posted form: validate, call one service, redirect with a message; else the page, 400."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect

from acquis.web.common.errors import add_service_errors


def service_post(
    request,
    form: forms.Form,
    call: Callable[[dict], Any],
    *,
    render: Callable[[forms.Form, int], HttpResponse],
    success: str | Callable[[Any], str] = "",
    redirect_to: str | Callable[[Any], str] = "",
    respond: Callable[[Any], HttpResponse] | None = None,
    aliases: dict[str, str] | None = None,
    refused_status: int = 400,
) -> HttpResponse:
    """A bound, valid form calls ``call(cleaned_data)`` (one service, transactional: a refusal saves
    nothing) and its French refusal goes back on the form. On success, ``respond(outcome)`` when given
    (a page with its own messages), else the ``success`` message and a redirect to ``redirect_to`` — both
    may depend on what the service returned. An unbound form (a GET) or a refused one is rendered by
    ``render(form, status)``: ``refused_status`` (400; the funding pages answer 422) for any POST that did not
    succeed."""
    if form.is_bound and form.is_valid():
        try:
            outcome = call(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error, aliases)
        else:
            if respond is not None:
                return respond(outcome)
            messages.success(request, success(outcome) if callable(success) else success)
            return redirect(redirect_to(outcome) if callable(redirect_to) else redirect_to)
    return render(form, refused_status if request.method == "POST" else 200)
