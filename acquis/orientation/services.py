"""Writes of the orientation domain: loading the ROME, computing ROME links and rebuilding the finder's index.

Writes of the orientation domain: the directory's places and the accompaniers' R6423-4 information.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError

from acquis.accounts.models import Organisation, User
from acquis.audit.enums import EventType
from acquis.audit.services import audit_event_record, service
from acquis.orientation.enums import OperatorKind, Reception
from acquis.orientation.finder.index import index_rebuild
from acquis.orientation.job_titles import job_title_index, job_title_index_reset
from acquis.orientation.links import computed_links_sync
from acquis.orientation.models import (
    AccompanierProfile,
    AdviceOperator,
    RomeCode,
    RomeJobTitle,
    RomeKnowledge,
    RomeSkill,
)
from acquis.orientation.rome import read_codes, read_job_titles, read_knowledge, read_skills
from acquis.orientation.skills import skill_index_reset
from acquis.orientation.text import roots_text
from acquis.territories.models import Department, Region

DEFAULT_ROME_DIR = Path(settings.BASE_DIR) / "data" / "reference" / "rome"
_TITLE_FIELDS = ("label", "rome_code", "principal", "rarely_used", "roots")


@dataclass(frozen=True)
class RomeLoadResult:
    codes_created: int
    codes_updated: int
    titles_created: int
    titles_updated: int
    titles_removed: int


@dataclass(frozen=True)
class FinderRefreshResult:
    certifications_linked: int
    computed_links_written: int
    documents: int


@service
def rome_reference_load(*, directory: Path = DEFAULT_ROME_DIR, actor=None) -> RomeLoadResult:
    """Create, update or remove ROME codes and job titles so that the tables equal the files; twice = no change."""
    codes = read_codes(directory)
    records = read_job_titles(directory, codes)
    stored_codes = {row.code: row for row in RomeCode.objects.all()}
    new_codes = [
        RomeCode(code=code, label=label, parent_code=parent)
        for code, (label, parent) in codes.items()
        if code not in stored_codes
    ]
    changed_codes = [
        row for code, row in stored_codes.items() if code in codes and (row.label, row.parent_code) != codes[code]
    ]
    for row in changed_codes:
        row.label, row.parent_code = codes[row.code]
    RomeCode.objects.bulk_create(new_codes, batch_size=1000)
    RomeCode.objects.bulk_update(changed_codes, ["label", "parent_code"], batch_size=500)
    stored = {row.code_ogr: row for row in RomeJobTitle.objects.all()}
    created, updated = [], []
    for record in records:
        values = {**asdict(record), "roots": roots_text(record.label)}
        row = stored.get(record.code_ogr)
        if row is None:
            created.append(RomeJobTitle(**values))
        elif any(getattr(row, name) != values[name] for name in _TITLE_FIELDS):
            for name in _TITLE_FIELDS:
                setattr(row, name, values[name])
            updated.append(row)
    gone = set(stored) - {record.code_ogr for record in records}
    RomeJobTitle.objects.bulk_create(created, batch_size=1000)
    RomeJobTitle.objects.bulk_update(updated, list(_TITLE_FIELDS), batch_size=500)
    RomeJobTitle.objects.filter(code_ogr__in=gone).delete()
    if updated:
        job_title_index_reset()
    result = RomeLoadResult(len(new_codes), len(changed_codes), len(created), len(updated), len(gone))
    audit_event_record(
        actor=actor,
        action=EventType.ROME_REFERENCE_LOADED,
        object_type="orientation.rome",
        object_id=directory.name,
        payload={"codes": len(codes), "titles": len(records), **asdict(result)},
    )
    return result


@dataclass(frozen=True)
class TableLoad:
    created: int
    updated: int
    removed: int
    rows: int


@dataclass(frozen=True)
class SkillsLoadResult:
    skills: TableLoad
    knowledge: TableLoad


def _sync(model, records, fields: tuple[str, ...]) -> TableLoad:
    """Make ``model``'s rows equal ``records`` (keyed by code OGR): bulk writes, nothing touched twice."""
    stored = {row.code_ogr: row for row in model.objects.all()}
    created, updated = [], []
    for record in records:
        values = asdict(record)
        row = stored.get(record.code_ogr)
        # The roots are recomputed only for a new or relabelled row: a second load reads and compares, no more.
        values["roots"] = row.roots if row is not None and row.label == record.label else roots_text(record.label)
        if row is None:
            created.append(model(**values))
        elif any(getattr(row, name) != values[name] for name in fields):
            for name in fields:
                setattr(row, name, values[name])
            updated.append(row)
    gone = set(stored) - {record.code_ogr for record in records}
    model.objects.bulk_create(created, batch_size=2000)
    model.objects.bulk_update(updated, list(fields), batch_size=500)
    model.objects.filter(code_ogr__in=gone).delete()
    return TableLoad(len(created), len(updated), len(gone), len(records))


@service
def rome_skills_load(*, directory: Path = DEFAULT_ROME_DIR, actor=None) -> SkillsLoadResult:
    """Load the ROME's skills (compétences, macro-compétences) and knowledge (savoirs) as the files say.

    Both files are read and checked before anything is written, and the service runs in one transaction: a
    bad or missing file leaves both tables as they were. Twice = no change.
    """
    skills = read_skills(directory)
    knowledge = read_knowledge(directory)
    result = SkillsLoadResult(
        skills=_sync(RomeSkill, skills, ("label", "macro", "macro_code_ogr", "category", "subcategory", "roots")),
        knowledge=_sync(RomeKnowledge, knowledge, ("label", "category", "subcategory", "roots")),
    )
    skill_index_reset()
    audit_event_record(
        actor=actor,
        action=EventType.ROME_SKILLS_LOADED,
        object_type="orientation.rome",
        object_id=directory.name,
        payload=asdict(result),
    )
    return result


@service
def finder_refresh(*, actor=None) -> FinderRefreshResult:
    """Recompute the candidate ROME links of fiches without their own, then rebuild the finder's index.

    Run after every change of the registry or the ROME (``acquis reference load``, ``acquis rncp import``,
    ``acquis demo load``): the finder reads only what this wrote.
    """
    linked, links = computed_links_sync(job_title_index())
    documents = index_rebuild()
    result = FinderRefreshResult(linked, links, documents)
    audit_event_record(
        actor=actor,
        action=EventType.FINDER_REFRESHED,
        object_type="orientation.finder",
        object_id="index",
        payload=asdict(result),
    )
    return result


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
