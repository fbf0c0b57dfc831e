"""service_post: the one shape of a posted form, for every domain's pages."""

from __future__ import annotations

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.test import RequestFactory

from acquis.web.common.actions import service_post


class NameForm(forms.Form):
    name = forms.CharField(max_length=10)


def _request(method: str, data=None):
    request = getattr(RequestFactory(), method)("/x/", data or {})
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _render(form, status):
    return HttpResponse(f"errors={dict(form.errors)}", status=status)


def test_a_valid_form_calls_the_service_once_then_redirects_with_the_message():
    calls = []
    request = _request("post", {"name": "Ada"})
    response = service_post(
        request,
        NameForm(request.POST),
        lambda data: calls.append(data["name"]) or 42,
        success=lambda outcome: f"Créé : {outcome}",
        redirect_to=lambda outcome: f"/objet/{outcome}/",
        render=_render,
    )
    assert calls == ["Ada"]
    assert response.status_code == 302 and response["Location"] == "/objet/42/"
    assert [str(m) for m in get_messages(request)] == ["Créé : 42"]


def test_a_refusal_of_the_service_goes_on_its_field_and_answers_400():
    request = _request("post", {"name": "Ada"})

    def refuse(data):
        raise ValidationError({"title": ValidationError("Ce nom est déjà pris.", code="taken")})

    form = NameForm(request.POST)
    response = service_post(
        request, form, refuse, success="x", redirect_to="/", render=_render, aliases={"title": "name"}
    )
    assert response.status_code == 400
    assert form.errors == {"name": ["Ce nom est déjà pris."]}
    assert list(get_messages(request)) == []


def test_an_invalid_form_never_reaches_the_service():
    request = _request("post", {"name": "x" * 50})
    response = service_post(
        request, NameForm(request.POST), lambda data: 1 / 0, success="x", redirect_to="/", render=_render
    )
    assert response.status_code == 400


def test_a_get_renders_the_unbound_form_and_a_page_may_answer_itself():
    request = _request("get")
    assert service_post(request, NameForm(), lambda data: 1 / 0, render=_render).status_code == 200
    request = _request("post", {"name": "Ada"})
    response = service_post(
        request,
        NameForm(request.POST),
        lambda data: "fait",
        respond=lambda outcome: HttpResponse(outcome),
        render=_render,
    )
    assert response.content == b"fait"
