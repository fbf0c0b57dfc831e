"""The candidate's own view of their candidacy: where they are among the five steps of a VAE, the one next
thing to do and by when, in plain French. Dates come from the computed status (acquis.pathways.status, itself
from the rules' Decisions); the legal detail stays on the page, folded behind « Base légale »."""

from __future__ import annotations

from typing import Any

from acquis.pathways.enums import AccompanimentMode
from acquis.pathways.models import Candidacy
from acquis.pathways.status import Status

STEPS = (
    "S'inscrire et décrire votre expérience",
    "Déposer le dossier de faisabilité",
    "Préparer le dossier de validation",
    "Passer devant le jury",
    "Recevoir le résultat",
)
STEP_OF_STATUS = {
    "registered": 1,
    "feasibility_submitted": 2,
    "feasibility_incomplete": 2,
    "pending": 2,
    "not_admissible": 2,
    "admissible": 3,
    "deemed_admissible": 3,
    "lapsed": 3,
    "validation_filed": 4,
    "jury_scheduled": 4,
    "result_full": 5,
    "result_partial": 5,
    "result_refused": 5,
    "result_withdrawn": 5,
}


def _registered(candidacy: Candidacy) -> tuple[str, str]:
    if not candidacy.experiences.exists():
        return (
            "Décrivez votre expérience : vos emplois, stages ou activités bénévoles en rapport avec la certification.",
            "experience",
        )
    if candidacy.accompaniment_mode == AccompanimentMode.ACCOMPANIED and candidacy.accompanier_id is None:
        return (
            "Choisissez votre accompagnateur sur la liste du GIP, puis déposez votre dossier de faisabilité.",
            "choisir-accompagnateur",
        )
    return "Déposez votre dossier de faisabilité : il présente votre expérience au certificateur.", "faisabilite"


# status code → (what to do or to expect, the page anchor of the form that does it, or "")
NEXT = {
    "feasibility_submitted": (
        "Le certificateur vérifie que votre dossier est complet. Rien à faire pour l'instant.",
        "",
    ),
    "feasibility_incomplete": ("Le certificateur vous demande des pièces : ajoutez-les à votre dossier.", "piece"),
    "pending": (
        "Le certificateur examine votre dossier. Sans réponse de sa part dans le délai, votre dossier sera recevable.",
        "",
    ),
    "not_admissible": (
        "Votre demande n'est pas recevable pour cette certification. Un conseiller peut vous aider à viser une autre "
        "certification, ou certains blocs de compétences.",
        "suivi",
    ),
    "admissible": ("Votre dossier est recevable : préparez puis déposez votre dossier de validation.", "validation"),
    "deemed_admissible": (
        "Votre dossier est recevable (le certificateur n'a pas répondu dans le délai) : préparez puis déposez votre "
        "dossier de validation.",
        "validation",
    ),
    "lapsed": (
        "Votre recevabilité n'est plus valable, faute de démarche enregistrée à temps. Si vous aviez un motif "
        "légitime (maladie, par exemple), enregistrez-le.",
        "suivi",
    ),
    "validation_filed": ("Le certificateur vous convoquera devant le jury.", ""),
    "jury_scheduled": ("Préparez votre entretien avec le jury.", ""),
    "result_full": ("Vous avez obtenu la certification. Vous pouvez demander votre attestation.", "attestation"),
    "result_partial": (
        "Vous avez validé une partie des blocs de compétences. Demandez l'attestation des blocs acquis ; vous pourrez "
        "compléter plus tard avec un nouveau dossier de validation.",
        "attestation",
    ),
    "result_refused": (
        "Le jury n'a pas validé la certification. Parlez-en à votre accompagnateur ou à un conseiller pour la suite.",
        "",
    ),
    "result_withdrawn": ("Le résultat a été retiré. Contactez le certificateur.", ""),
    "dropped_out": ("Vous avez abandonné ce parcours. Vous pouvez le rouvrir.", "suivi"),
    "archived": ("Ce parcours est archivé. Vous pouvez le rouvrir.", "suivi"),
    "reoriented": ("Ce parcours continue dans une nouvelle candidature.", ""),
}
# The stages after admissibility where a step keeps it from lapsing: the label of the deadline says so.
STEP_DEADLINE_ANCHOR = {"admissible": "demarche", "deemed_admissible": "demarche"}


def candidate_journey(candidacy: Candidacy, status: Status) -> dict[str, Any]:
    number = STEP_OF_STATUS.get(status.code, 5 if candidacy.closure else 1)
    if status.code == "registered":
        text, anchor = _registered(candidacy)
    else:
        text, anchor = NEXT.get(status.code, ("", ""))
    if status.deadline and status.code in STEP_DEADLINE_ANCHOR:
        text = (
            "Enregistrez une démarche (un rendez-vous, un atelier, une partie du dossier rédigée) pour garder votre "
            "recevabilité, puis déposez votre dossier de validation."
        )
        anchor = STEP_DEADLINE_ANCHOR[status.code]
    return {
        "number": number,
        "count": len(STEPS),
        "title": STEPS[number - 1],
        "next_title": STEPS[number] if number < len(STEPS) else "",
        "steps": [{"number": i, "title": title, "done": i < number} for i, title in enumerate(STEPS, start=1)],
        "text": text,
        "anchor": anchor,
        "deadline": status.deadline,
        "deadline_label": status.deadline_label,
    }
