"""A congé VAE request seen from the employee's pathway on Acquis (reads only).

The request may name the employee's own open candidacy: its certification, certifier and start then fill the
request, and once the certifier has found the file admissible (R6412-4), the dossier de faisabilité Acquis
generates — which carries the decision and its date — is the « justificatif de recevabilité » R6422-2 asks
for, attached by the service instead of being downloaded and uploaded again by the employee.
"""

from __future__ import annotations

from django.core.files.base import ContentFile

from acquis.accounts.models import User
from acquis.pathways.documents.feasibility import feasibility_file
from acquis.pathways.enums import AdmissibilityKind, Closure, Stage
from acquis.pathways.models import Candidacy
from acquis.pathways.selectors import candidacy_status, certifier_name_of

# The admissibility statuses under which Acquis has issued a decision the employer may rely on.
ADMISSIBLE_STATUSES = frozenset({"admissible", "deemed_admissible"})


def pathways_of_employee(employee: User) -> list[Candidacy]:
    """The employee's open candidacies, newest first, with what the request's form shows of them."""
    return list(
        Candidacy.objects.filter(candidate=employee, closure=Closure.OPEN)
        .select_related("certification", "certifier")
        .order_by("-started_on", "-pk")
    )


def pathway_fields(candidacy: Candidacy) -> dict:
    """The request's mentions (R6422-2, 1°) and start (D6422-8) as the pathway states them."""
    return {
        "certification": candidacy.certification,
        "certification_title": candidacy.certification.title,
        "certifier_name": certifier_name_of(candidacy),
        "pathway_started_on": candidacy.started_on,
    }


def is_admissible(candidacy: Candidacy) -> bool:
    """Admissible by decision or by silence today, or past that step (a validation file was filed after it);
    not once the admissibility has lapsed (R6412-4)."""
    code = candidacy_status(candidacy).code
    if code == "lapsed":
        return False
    if candidacy.admissibility_kind == AdmissibilityKind.ADMISSIBLE:
        return True
    if candidacy.stage in (Stage.VALIDATION_FILED, Stage.JURY_SCHEDULED, Stage.JURY_DECIDED):
        return True
    return code in ADMISSIBLE_STATUSES


def admissibility_proof(candidacy: Candidacy) -> ContentFile | None:
    """The dossier de faisabilité with its admissibility decision as a file to attach; None if not admissible."""
    if not is_admissible(candidacy):
        return None
    document = feasibility_file(candidacy)
    if document is None:
        return None
    return ContentFile(document.content, name=document.filename)
