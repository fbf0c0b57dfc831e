"""The public check of an attestation (issue 15, point 10): anyone holding the paper types its code.

The page shows what the attestation itself states (certifier, holder's name, certification, result and its
blocks, the jury's day, reference and day of issue), nothing else of the candidacy. Unknown codes answer 404
like the codes of attestations not issued; one indexed read per request and no session needed, so a rate
limit in front of /verifier/ (per address, at the proxy) is enough against guessing 100-bit codes.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from acquis.accounts.permissions import Action
from acquis.pathways.documents.attestation import RESULT_WORDING
from acquis.pathways.enums import AttestationKind, ResultKind
from acquis.pathways.selectors import attestation_by_verification_code, verification_code_normalise
from acquis.web.decorators import requires


def _private(response):
    # Nothing to keep in a shared cache nor to index: the answer concerns one person.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
@requires(Action.VIEW_PUBLIC)
def attestation_verify_form(request):
    """The form (GET ?code=): a code typed in leads to its page."""
    code = request.GET.get("code", "").strip()
    if code:
        return redirect("web:attestation_verify", code=verification_code_normalise(code)[:40] or "-")
    return _private(render(request, "web/pathways/verify_form.html", {"title": "Vérifier une attestation"}))


@require_safe
@requires(Action.VIEW_PUBLIC)
def attestation_verify(request, code: str):
    document = attestation_by_verification_code(code=code)
    if document is None:
        raise Http404("Aucune attestation délivrée ne porte ce code de vérification.")
    result = document.result
    return _private(
        render(
            request,
            "web/pathways/verify.html",
            {
                "title": "Attestation vérifiée",
                "document": document,
                "kind_label": AttestationKind(document.attestation.kind).label,
                "result_wording": RESULT_WORDING[ResultKind(result.kind)],
                "partial": result.kind == ResultKind.PARTIAL,
            },
        )
    )
