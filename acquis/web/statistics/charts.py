"""Server-rendered SVG charts (no JavaScript): bar geometry and the map of France by département.

The map draws the real outlines of the départements: the SVG paths of the DSFR's own map component (npm
@gouvfr/dsfr-chart 2.0.4, MIT, © DINUM), vendored unchanged in data/statistics/departements-contours.json by
scripts/extract_department_outlines.py (already projected and simplified by the DSFR team; ~40 kB). Metropolitan
France is one drawing; the five overseas départements are insets on a row below it, each at its own scale (as on
every official map). Every département carries a <title> (name, code, value), and the page shows the data table
beside the map."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

# Five classes of the DSFR blue (« bleu France » tints), lightest for the fewest.
PALETTE = ("#e3e3fd", "#cacafb", "#8585f6", "#313178", "#000091")
EMPTY = "#f6f6f6"
METROPOLE = 1010  # the side of the metropolitan drawing's square viewBox
INSET_WIDTH, INSET_HEIGHT, INSET_GAP, INSET_LABEL = 190, 150, 15, 30
OVERSEAS_NAMES = {"971": "Guadeloupe", "972": "Martinique", "973": "Guyane", "974": "La Réunion", "976": "Mayotte"}


@functools.cache
def outlines() -> dict:
    path = Path(settings.BASE_DIR) / "data" / "statistics" / "departements-contours.json"
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    d: str
    value: int | float | None
    fill: str


@dataclass(frozen=True)
class Inset:
    area: Area
    x: int
    y: int
    width: int
    height: int
    view_box: str
    label: str


@dataclass(frozen=True)
class MapChart:
    areas: list[Area]  # metropolitan France, in the 0 0 1010 1010 frame
    insets: list[Inset]  # the overseas départements, below it
    width: int
    height: int
    legend: list[tuple[str, str]]


def _classes(values: dict[str, int | float]) -> tuple[list, list[tuple[str, str]]]:
    """Quintile-like class bounds of the non-zero values, and the legend."""
    present = sorted(v for v in values.values() if v)
    bounds = [present[min(len(present) - 1, (len(present) * k) // 5)] for k in range(1, 5)] if present else []
    legend = [(EMPTY, "aucun")]
    if present:
        edges = [present[0], *bounds, present[-1]]
        legend += [(PALETTE[i], f"{edges[i]} à {edges[i + 1]}") for i in range(5) if edges[i] <= edges[i + 1]]
    return bounds, legend


def _fill(value, bounds) -> str:
    return PALETTE[sum(1 for b in bounds if value > b)] if value else EMPTY


def outline_map(values: dict[str, int | float], names: dict[str, str]) -> MapChart:
    """The départements coloured by quintile-like classes of ``values`` (département code → value); none: grey."""
    data = outlines()
    bounds, legend = _classes(values)

    def area(code: str, d: str) -> Area:
        value = values.get(code)
        return Area(code, names.get(code, OVERSEAS_NAMES.get(code, code)), d, value, _fill(value, bounds))

    areas = [area(code, d) for code, d in data["metropole"]["paths"].items()]
    insets = []
    for i, (code, shape) in enumerate(data["outre_mer"].items()):
        x = i * (INSET_WIDTH + INSET_GAP)
        insets.append(
            Inset(area(code, shape["d"]), x, METROPOLE + INSET_LABEL, INSET_WIDTH, INSET_HEIGHT - INSET_LABEL,
                  shape["viewBox"], OVERSEAS_NAMES.get(code, code))
        )  # fmt: skip
    width = max(METROPOLE, len(insets) * (INSET_WIDTH + INSET_GAP))
    return MapChart(areas, insets, width, METROPOLE + INSET_HEIGHT + INSET_GAP, legend)


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int
    width: str  # SVG numbers are written with a dot, whatever the page's locale
    text_x: int


def bars(pairs: list[tuple[str, int]], *, width: int = 420) -> tuple[list[Bar], int]:
    """Horizontal bars scaled to the largest value; returns the bars and the SVG height."""
    top = max((v for _l, v in pairs), default=0) or 1
    result = []
    for i, (label, value) in enumerate(pairs):
        length = width * value / top
        result.append(Bar(label, value, i * 28, f"{length:.1f}", 215 + int(length)))
    return result, len(pairs) * 28
