"""Public rule pages: the catalogue, and one page per rule with its versions, sources, parameters, worked
examples and a form to try it. Deciding reads no personal data and keeps nothing, hence VIEW_PUBLIC.

The form asks for the facts with fields generated from the rule's fact specification (fact_form.py); the
JSON input stays, folded, for developers. Both give the engine the same facts."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from acquis.accounts.permissions import Action
from acquis.law.selectors import texts_by_legiarti
from acquis.rules.catalogue import default_registry
from acquis.rules.errors import InvalidFacts
from acquis.rules.facts import load_facts_json
from acquis.web.decorators import requires
from acquis.web.middleware import read_only
from acquis.web.rules.examples import leave_examples
from acquis.web.rules.fact_form import AT_FIELD, PREFIX, fact_form_class, form_data
from acquis.web.rules.forms import TryRuleForm, unwritable
from acquis.web.rules.presentation import catalogue, cited_legiarti_ids, example_input, rule_page, try_rule

FIELDS, JSON = "champs", "json"
UNREADABLE = (
    "Cette saisie ne peut pas être lue : envoyez le formulaire « Essayer la règle » de la page, "
    "par ses champs ou par sa saisie JSON."
)


@require_safe
@requires(Action.VIEW_PUBLIC)
def rule_list(request):
    today = timezone.localdate()
    context = {"title": "Règles", "rules": catalogue(default_registry()), "today": today}
    return render(request, "web/rules/list.html", {**context, "examples": leave_examples(today=today)})


def _input_mode(post) -> str | None:
    """Which of the two inputs was sent: its button says so; an old client sending ``facts`` means JSON."""
    mode = post.get("saisie")
    if mode in (FIELDS, JSON):
        return mode
    if mode is None and "facts" in post:
        return JSON
    if mode is None and any(key.startswith(PREFIX) for key in post):
        return FIELDS
    return None


def _prefill(rule, at: str, facts_text: str) -> dict:
    """The fields of a worked example's "Essayer ce cas" link; facts that are not a JSON object fill nothing."""
    try:
        facts = load_facts_json(facts_text)
    except InvalidFacts:
        facts = None
    return form_data(rule, at, facts) if isinstance(facts, dict) and not unwritable(facts) else {}


@require_http_methods(["GET", "HEAD", "POST"])
@requires(Action.VIEW_PUBLIC)
@read_only  # the try form only computes: no service call, and any database write is refused
def rule_detail(request, rule_id: str):
    registry = default_registry()
    if rule_id not in registry:
        raise Http404("Cette règle n'existe pas.")
    rule = registry.get(rule_id)
    fact_form = fact_form_class(rule)
    decision = error = mode = None
    status = 200
    if request.method == "POST":
        mode = _input_mode(request.POST)
        if mode is None:
            return render(request, "400.html", {"title": "Requête refusée", "reason": UNREADABLE}, status=400)
        at, facts = example_input(rule.id)
        if mode == JSON:
            form, fields = TryRuleForm(request.POST, auto_id="json-%s"), fact_form(initial=_prefill(rule, at, facts))
            if form.is_valid():
                decision, error = try_rule(registry, rule.id, form.cleaned_data["facts"], form.cleaned_data["at"])
        else:
            form, fields = TryRuleForm(initial={"at": at, "facts": facts}, auto_id="json-%s"), fact_form(request.POST)
            if fields.is_valid():
                decision, error = try_rule(registry, rule.id, fields.facts, fields.cleaned_data[AT_FIELD])
        status = 400 if form.errors or fields.errors else 200
    else:
        # A worked example's "Essayer ce cas" link pre-fills both inputs through the query string.
        at, facts = example_input(rule.id)
        at, facts = request.GET.get("date", at), request.GET.get("faits", facts)
        form = TryRuleForm(initial={"at": at, "facts": facts}, auto_id="json-%s")
        fields = fact_form(initial=_prefill(rule, at, facts))
    context = {
        "title": rule.title,
        "rule": rule_page(
            rule, registry, timezone.localdate(), texts=texts_by_legiarti(cited_legiarti_ids(rule, registry))
        ),
        "form": form,
        "fields": fields,
        "json_open": mode == JSON,
        "decision": decision,
        "error": error,
    }
    return render(request, "web/rules/detail.html", context, status=status)
