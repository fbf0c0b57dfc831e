from django.shortcuts import render
from django.views.decorators.http import require_safe

from acquis.accounts.permissions import Action
from acquis.web.decorators import requires


@require_safe
@requires(Action.VIEW_PUBLIC)
def home(request):
    return render(request, "web/public/home.html", {"title": "Accueil"})
