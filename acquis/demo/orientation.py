"""Demo directory: in each région, a career-advice operator (CEP) for the whole région and a VAE advice
centre in its chef-lieu's département, plus the demo accompanier's sites and its R6423-4 information.

Every row is fictitious and marked ``is_demo`` (the pages show « Donnée de démonstration »); telephone numbers
are in the 01 99 00 range ARCEP keeps for fiction, e-mails at exemple.fr. A second run creates nothing.
"""

from __future__ import annotations

from acquis.accounts.models import Organisation, User
from acquis.orientation.enums import OperatorKind, Reception
from acquis.orientation.models import AccompanierProfile, AdviceOperator
from acquis.orientation.services import accompanier_profile_update, advice_operator_create
from acquis.territories.models import Department, Region

# The demo accompanier's sites (département codes): its own (Hérault) and one for the whole of Occitanie.
ACCOMPANIER_SITES = ("34", "31")
PROFILE = {
    "reception_conditions": (
        "Accueil sur rendez-vous du lundi au vendredi, de 9 h à 17 h, dans des locaux accessibles aux personnes "
        "à mobilité réduite ; entretiens possibles en visioconférence."
    ),
    "methods": (
        "Un premier entretien gratuit, puis 12 heures d'accompagnement individuel et 3 ateliers collectifs : "
        "choix des activités à décrire, rédaction du dossier de validation, préparation à l'entretien avec le jury."
    ),
    "staff_qualification": (
        "Trois conseillères, titulaires d'un master en ingénierie de la formation, formées à l'accompagnement "
        "VAE et justifiant chacune de plus de cinq ans d'expérience."
    ),
}


def _phone(index: int) -> str:
    return f"01 99 00 {index // 100:02d} {index % 100:02d}"


def _specs(accompanier: Organisation) -> list[dict]:
    """The demo places, as advice_operator_create's arguments."""
    specs = []
    for index, region in enumerate(Region.objects.order_by("code")):
        specs.append(
            {
                "name": f"Conseil en évolution professionnelle — {region.name} (démo)",
                "kind": OperatorKind.CEP,
                "region": region,
                "reception": Reception.BOTH,
                "phone": _phone(2 * index),
                "email": f"cep-{region.code}@exemple.fr",
            }
        )
        chef_lieu = Department.objects.filter(region=region).order_by("code").first()
        if chef_lieu is not None:
            specs.append(
                {
                    "name": f"Centre de conseil VAE — {chef_lieu.name} (démo)",
                    "kind": OperatorKind.VAE_CENTRE,
                    "region": region,
                    "department": chef_lieu,
                    "reception": Reception.ON_SITE,
                    "address": "1 place de la République",
                    "postcode": f"{chef_lieu.code[:2]}000",
                    "city": chef_lieu.name,
                    "phone": _phone(2 * index + 1),
                    "email": f"vae-{chef_lieu.code.lower()}@exemple.fr",
                }
            )
    sites = Department.objects.select_related("region").filter(code__in=ACCOMPANIER_SITES).order_by("code")
    for position, department in enumerate(sites):
        specs.append(
            {
                "name": f"{accompanier.name} — {department.name}",
                "kind": OperatorKind.ACCOMPANIER,
                "organisation": accompanier,
                "region": department.region,
                "department": department,
                "reception": Reception.BOTH,
                "postcode": f"{department.code}000",
                "city": department.name,
                "phone": _phone(90 + position),
                "email": "accompagnement@exemple.fr",
            }
        )
    return specs


def demo_orientation_load(*, accompanier: Organisation, accompanier_user: User | None = None) -> int:
    """Create the demo directory (once); returns the number of places created."""
    if AdviceOperator.objects.filter(is_demo=True).exists():
        return 0
    specs = _specs(accompanier)
    for spec in specs:
        advice_operator_create(is_demo=True, **spec)
    if not AccompanierProfile.objects.filter(organisation=accompanier).exists():
        accompanier_profile_update(organisation=accompanier, actor=accompanier_user, data=PROFILE)
    return len(specs)
