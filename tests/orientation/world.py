"""A small registry and ROME for the finder's tests, written through the real services."""

from __future__ import annotations

from django.conf import settings

from acquis.certifications.enums import RomeLinkSource
from acquis.certifications.models import Certification, CertificationRomeCode, SkillBlock
from acquis.orientation.models import RomeCode, RomeJobTitle
from acquis.orientation.services import finder_refresh
from acquis.orientation.text import roots_text
from acquis.territories.services import territories_load

CODES = {
    "J1501": ("Aide-soignant / Aide-soignante", "J1501"),
    "J1506": ("Infirmier / Infirmière en soins généraux", "J1506"),
    "H2913": ("Soudeur / Soudeuse", "H2913"),
    "N1101": ("Cariste", "N1101"),
    "M1203": ("Comptable", "M1203"),
    "M1213": ("Assistant / Assistante comptable", "M1203"),
    "K1304": ("Employé familial / Employée familiale", "K1304"),
}
TITLES = [
    (10891, "Aide-soignant / Aide-soignante", "J1501", True),
    (10893, "Aide-soignant / Aide-soignante en gériatrie", "J1501", False),
    (20001, "Infirmier / Infirmière", "J1506", True),
    (20002, "Soudeur / Soudeuse", "H2913", True),
    (11679, "Cariste", "N1101", True),
    (20003, "Comptable", "M1203", True),
    (20004, "Assistant / Assistante comptable", "M1213", True),
    (20005, "Employé / Employée de ménage", "K1304", False),
    (20006, "Employé familial / Employée familiale", "K1304", True),
]


def certification(code, title, level, *, active=True, vae=True, rome=(), blocks=()):
    fiche = Certification.objects.create(code=code, title=title, level=level, active=active, vae_accessible=vae)
    for position, rome_code in enumerate(rome):
        CertificationRomeCode.objects.create(
            certification=fiche, position=position, code=rome_code, label=CODES[rome_code][0]
        )
    for block_code, block_title in blocks:
        SkillBlock.objects.create(certification=fiche, code=block_code, title=block_title)
    return fiche


def small_world():
    territories_load(path=settings.BASE_DIR / "data" / "reference" / "territories.csv")
    RomeCode.objects.bulk_create(RomeCode(code=c, label=label, parent_code=p) for c, (label, p) in CODES.items())
    RomeJobTitle.objects.bulk_create(
        RomeJobTitle(code_ogr=ogr, label=label, rome_code=code, principal=principal, roots=roots_text(label))
        for ogr, label, code, principal in TITLES
    )
    certification("RNCP35830", "Diplôme d'Etat Aide soignant - DEAS", 4)
    certification(
        "RNCP38565",
        "Diplôme d'État d'infirmier",
        6,
        rome=("J1506",),
        blocks=(("RNCP38565BC01", "Évaluation d'une situation clinique"),),
    )
    certification("RNCP34172", "CQP Soudeur industriel", 3)
    certification("RNCP90001", "CQP Soudeur ancien", 3, active=False)
    certification("RNCP90002", "Certificat soudeur hors VAE", 3, vae=False)
    certification("RNCP34857", "Titre professionnel Cariste d'entrepôt - CE", 3)
    certification("RNCP37121", "Titre professionnel Comptable assistant - CA", 4)
    certification("RNCP35375", "BUT Gestion des entreprises : gestion comptable, fiscale et financière - GEA", 6)
    certification("RNCP37792", "Titre à finalité professionnelle Employé familial", 3)
    return finder_refresh()


def registry_link_sources(code: str) -> list[tuple[str, str]]:
    return list(
        CertificationRomeCode.objects.filter(certification__code=code).values_list("code", "source").order_by("code")
    )


__all__ = ["RomeLinkSource", "certification", "registry_link_sources", "small_world"]


def demo_directory_world():
    """Territories, an accompanier on the GIP's list (Qualiopi valid 200 more days) and the demo places."""
    import datetime as dt

    from django.utils import timezone

    from acquis.demo.orientation import demo_orientation_load
    from acquis.territories.services import territories_load
    from tests.pathways.factories import listed_accompanier

    territories_load()
    accompanier = listed_accompanier(expires=timezone.localdate() + dt.timedelta(days=200))
    demo_orientation_load(accompanier=accompanier)
    return accompanier
