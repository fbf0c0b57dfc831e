"""Public rule pages: the catalogue, and one page per rule with its versions, sources, parameters, worked
examples and a form to try it. Deciding reads no personal data and keeps nothing, hence VIEW_PUBLIC."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from acquis.accounts.permissions import Action
from acquis.law.selectors import texts_by_legiarti
from acquis.rules.catalogue import default_registry
from acquis.web.decorators import requires
from acquis.web.middleware import read_only
from acquis.web.rules.examples import leave_examples
from acquis.web.rules.forms import TryRuleForm
from acquis.web.rules.presentation import catalogue, cited_legiarti_ids, example_input, rule_page, try_rule


@require_safe
@requires(Action.VIEW_PUBLIC)
def rule_list(request):
    today = timezone.localdate()
    context = {"title": "Règles", "rules": catalogue(default_registry()), "today": today}
    return render(request, "web/rules/list.html", {**context, "examples": leave_examples(today=today)})


@require_http_methods(["GET", "HEAD", "POST"])
@requires(Action.VIEW_PUBLIC)
@read_only  # the try form only computes: no service call, and any database write is refused
def rule_detail(request, rule_id: str):
    registry = default_registry()
    if rule_id not in registry:
        raise Http404("Cette règle n'existe pas.")
    rule = registry.get(rule_id)
    decision = error = None
    if request.method == "POST":
        form = TryRuleForm(request.POST)
        if form.is_valid():
            decision, error = try_rule(registry, rule.id, form.cleaned_data["facts"], form.cleaned_data["at"])
    else:
        # A worked example's "Essayer ce cas" link pre-fills the form through the query string.
        at, facts = example_input(rule.id)
        form = TryRuleForm(initial={"at": request.GET.get("date", at), "facts": request.GET.get("faits", facts)})
    context = {
        "title": rule.title,
        "rule": rule_page(
            rule, registry, timezone.localdate(), texts=texts_by_legiarti(cited_legiarti_ids(rule, registry))
        ),
        "form": form,
        "decision": decision,
        "error": error,
    }
    return render(request, "web/rules/detail.html", context)
