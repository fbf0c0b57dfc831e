"""Writes of the orientation domain: the directory's places and the accompaniers' R6423-4 information."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from acquis.accounts.models import Organisation, User
from acquis.audit.enums import EventType
from acquis.audit.services import audit_event_record, service
from acquis.orientation.enums import OperatorKind, Reception
from acquis.orientation.models import AccompanierProfile, AdviceOperator
from acquis.territories.models import Department, Region

PROFILE_FIELDS = ("reception_conditions", "methods", "staff_qualification")
PROFILE_MAX_LENGTH = 5000


@service
def advice_operator_create(
    *,
    name: str,
    kind: str,
    region: Region,
    department: Department | None = None,
    organisation: Organisation | None = None,
    reception: str = Reception.BOTH,
    is_demo: bool = False,
    actor: User | None = None,
    **contact: str,
) -> AdviceOperator:
    """Add a place to the directory; ``contact``: address, postcode, city, phone, email, website."""
    errors: dict[str, str] = {}
    if kind not in OperatorKind.values:
        errors["kind"] = "Nature de lieu de conseil inconnue."
    if kind == OperatorKind.ACCOMPANIER and organisation is None:
        errors["organisation"] = "Un accompagnateur de la liste du GIP est désigné par son organisation."
    if department is not None and department.region_id != region.pk:
        errors["department"] = "Ce département n'appartient pas à la région indiquée."
    if reception not in Reception.values:
        errors["reception"] = "Mode d'accueil inconnu."
    if errors:
        raise ValidationError(errors)
    operator = AdviceOperator(
        name=name,
        kind=kind,
        region=region,
        department=department,
        organisation=organisation,
        reception=reception,
        is_demo=is_demo,
        **contact,
    )
    operator.full_clean()
    operator.save()
    audit_event_record(
        actor=actor,
        action=EventType.ADVICE_OPERATOR_CREATED,
        obj=operator,
        payload={"kind": kind, "region": region.code, "department": department.code if department else None},
    )
    return operator


@service
def accompanier_profile_update(
    *, organisation: Organisation, actor: User | None, data: dict[str, Any]
) -> AccompanierProfile:
    """Write the R6423-4 information of an accompanier organisation (what is shown to candidates)."""
    values = {name: str(data.get(name, "") or "").strip() for name in PROFILE_FIELDS}
    errors = {
        name: f"Ce texte dépasse {PROFILE_MAX_LENGTH} caractères."
        for name, value in values.items()
        if len(value) > PROFILE_MAX_LENGTH
    }
    if errors:
        raise ValidationError(errors)
    profile, _created = AccompanierProfile.objects.select_for_update().get_or_create(organisation=organisation)
    changed = sorted(name for name, value in values.items() if getattr(profile, name) != value)
    for name, value in values.items():
        setattr(profile, name, value)
    profile.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    profile.save()
    audit_event_record(
        actor=actor, action=EventType.ACCOMPANIER_PROFILE_UPDATED, obj=profile, payload={"changed": changed}
    )
    return profile
