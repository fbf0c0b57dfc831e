"""The representative organisations at national and interprofessional level, by date (vendored data).

Loaded from data/governance/representative-organisations.yaml: each list has valid_from / valid_until (last
day, inclusive) and its source (the representativeness arrêté). Strict like the rule parameters: a gap or an
overlap is an error, and a date outside every list has no answer (never the nearest list).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.conf import settings

from acquis.documents.text import french_date

DATA_FILE = Path(settings.BASE_DIR) / "data" / "governance" / "representative-organisations.yaml"
KINDS = ("unions", "employers")


class RepresentativenessUnknown(LookupError):
    pass


@dataclass(frozen=True)
class RepresentativeList:
    kind: str
    valid_from: dt.date
    valid_until: dt.date | None
    source: str
    names: tuple[str, ...]

    def covers(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


def parse_lists(
    document: dict, path: str = "representative-organisations.yaml"
) -> dict[str, tuple[RepresentativeList, ...]]:
    lists: dict[str, tuple[RepresentativeList, ...]] = {}
    for kind in KINDS:
        entries = sorted(
            (
                RepresentativeList(
                    kind=kind,
                    valid_from=item["valid_from"],
                    valid_until=item["valid_until"],
                    source=str(item["source"]),
                    names=tuple(str(name) for name in item["names"]),
                )
                for item in document.get(kind) or ()
            ),
            key=lambda entry: entry.valid_from,
        )
        if not entries:
            raise ValueError(f"{path}: no list of {kind}")
        for previous, current in zip(entries, entries[1:], strict=False):
            if previous.valid_until is None or current.valid_from != previous.valid_until + dt.timedelta(days=1):
                raise ValueError(f"{path}: {kind} list from {current.valid_from} does not follow the previous one")
        lists[kind] = tuple(entries)
    return lists


@functools.cache
def representative_lists() -> dict[str, tuple[RepresentativeList, ...]]:
    return parse_lists(yaml.safe_load(DATA_FILE.read_text(encoding="utf-8")), DATA_FILE.name)


def representative_list(*, kind: str, on: dt.date) -> RepresentativeList:
    for entry in representative_lists()[kind]:
        if entry.covers(on):
            return entry
    raise RepresentativenessUnknown(
        f"Aucune liste des organisations représentatives ({kind}) n'est connue au {french_date(on)}."
    )
