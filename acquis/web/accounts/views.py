from django.conf import settings
from django.contrib.auth import login, logout
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from acquis.accounts.oidc.providers import provider_logout_url
from acquis.accounts.permissions import Action
from acquis.accounts.selectors import active_memberships
from acquis.web.accounts.forms import LoginForm
from acquis.web.decorators import requires


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()}):
        return candidate
    return ""


@require_http_methods(["GET", "HEAD", "POST"])
@requires(Action.VIEW_PUBLIC)
def login_view(request):
    form = LoginForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        login(request, form.user)
        return redirect(_next_url(request) or settings.LOGIN_REDIRECT_URL)
    return render(
        request,
        "web/accounts/login.html",
        {
            "title": "Connexion",
            "form": form,
            "next": _next_url(request),
            "oidc_providers": sorted(settings.ACQUIS_OIDC_PROVIDERS),
        },
        status=400 if form.errors else 200,
    )


@require_POST
@requires(Action.VIEW_ACCOUNT)
def logout_view(request):
    at_provider = provider_logout_url(
        request.session, post_logout_redirect_uri=request.build_absolute_uri(reverse(settings.LOGOUT_REDIRECT_URL))
    )
    logout(request)
    return redirect(at_provider or settings.LOGOUT_REDIRECT_URL)


@require_safe
@requires(Action.VIEW_ACCOUNT)
def account(request):
    return render(
        request,
        "web/accounts/account.html",
        {
            "title": "Mon compte",
            "memberships": active_memberships(user=request.user),
            "oidc_providers": sorted(settings.ACQUIS_OIDC_PROVIDERS),
        },
    )
