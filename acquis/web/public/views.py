from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from acquis.accounts.permissions import Action
from acquis.web.decorators import requires
from acquis.web.public.examples import leave_examples


@require_safe
@requires(Action.VIEW_PUBLIC)
def home(request):
    today = timezone.localdate()
    return render(
        request,
        "web/public/home.html",
        {"title": "Accueil", "today": today, "examples": leave_examples(today=today)},
    )
