"""The orientation services' audit cases, joined to tests/audit/test_services.py's CASES."""

from __future__ import annotations

from pathlib import Path

from acquis.audit.enums import EventType
from acquis.orientation import services
from tests.accounts.factories import OrganisationFactory
from tests.pathways.factories import department

SERVICES = "acquis.orientation.services."


ORIENTATION_CASES = {
    SERVICES + "rome_skills_load": (
        lambda: services.rome_skills_load(directory=Path(__file__).with_name("fixtures") / "rome"),
        EventType.ROME_SKILLS_LOADED,
    ),
    SERVICES + "advice_operator_create": (
        lambda: services.advice_operator_create(
            name="Point conseil VAE", kind="vae_centre", region=department().region, department=department()
        ),
        EventType.ADVICE_OPERATOR_CREATED,
    ),
    SERVICES + "accompanier_profile_update": (
        lambda: services.accompanier_profile_update(
            organisation=OrganisationFactory(), actor=None, data={"methods": "Entretiens individuels."}
        ),
        EventType.ACCOMPANIER_PROFILE_UPDATED,
    ),
}
