from django.shortcuts import render
from django.views.decorators.http import require_safe

from acquis.accounts.permissions import Action
from acquis.certifications.levels import framework_levels
from acquis.web.decorators import requires


@require_safe
@requires(Action.VIEW_PUBLIC)
def home(request):
    """The person's front door: describe an experience (the finder at /trouver/), understand VAE, check one's
    rights, find advice. The deemed-consent demonstration lives on the rules catalogue (web:rules)."""
    levels = [(level, f"Niveau {level} — {label}") for level, label in framework_levels().items()]
    return render(request, "web/public/home.html", {"title": "Accueil", "levels": levels})
