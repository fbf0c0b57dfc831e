"""Server-rendered SVG charts (no JavaScript): bar geometry and the tile map of France by département.

The map is a tile grid (cartogram), not real outlines: no outline data ships offline. Each département is one
square placed roughly where it lies; the five overseas départements sit on the bottom row. Every chart is shown
with its data table."""

from __future__ import annotations

from dataclasses import dataclass

# (column, row) of each département's tile.
TILES = {
    "62": (6, 0), "59": (7, 0),
    "76": (5, 1), "80": (6, 1), "02": (7, 1), "08": (8, 1),
    "50": (2, 2), "14": (3, 2), "27": (4, 2), "95": (5, 2), "60": (6, 2), "51": (7, 2), "55": (8, 2), "57": (9, 2),
    "67": (10, 2),
    "29": (0, 3), "22": (1, 3), "35": (2, 3), "61": (3, 3), "78": (4, 3), "75": (5, 3), "93": (6, 3), "77": (7, 3),
    "54": (8, 3), "88": (9, 3), "68": (10, 3),
    "56": (1, 4), "53": (2, 4), "72": (3, 4), "28": (4, 4), "92": (5, 4), "94": (6, 4), "10": (7, 4), "52": (8, 4),
    "70": (9, 4), "90": (10, 4),
    "44": (2, 5), "49": (3, 5), "37": (4, 5), "41": (5, 5), "91": (6, 5), "89": (7, 5), "21": (8, 5), "25": (9, 5),
    "85": (2, 6), "79": (3, 6), "86": (4, 6), "36": (5, 6), "45": (6, 6), "58": (7, 6), "71": (8, 6), "39": (9, 6),
    "01": (10, 6), "74": (11, 6),
    "17": (3, 7), "16": (4, 7), "87": (5, 7), "18": (6, 7), "03": (7, 7), "42": (8, 7), "69": (9, 7), "38": (10, 7),
    "73": (11, 7),
    "33": (3, 8), "24": (4, 8), "19": (5, 8), "23": (6, 8), "63": (7, 8), "43": (8, 8), "07": (9, 8), "26": (10, 8),
    "05": (11, 8),
    "40": (3, 9), "47": (4, 9), "46": (5, 9), "15": (6, 9), "12": (7, 9), "48": (8, 9), "30": (9, 9), "84": (10, 9),
    "04": (11, 9), "06": (12, 9),
    "64": (3, 10), "32": (4, 10), "82": (5, 10), "81": (6, 10), "34": (7, 10), "13": (10, 10), "83": (11, 10),
    "65": (3, 11), "31": (4, 11), "09": (5, 11), "11": (6, 11), "66": (7, 11), "2B": (12, 11),
    "2A": (12, 12),
    "971": (0, 13), "972": (1, 13), "973": (2, 13), "974": (3, 13), "976": (4, 13),
}  # fmt: skip
TILE = 34
GAP = 3
# Five classes of the DSFR blue (« bleu France » tints), lightest for the fewest.
PALETTE = ("#e3e3fd", "#cacafb", "#8585f6", "#313178", "#000091")
TEXT_ON = ("#161616", "#161616", "#161616", "#ffffff", "#ffffff")


@dataclass(frozen=True)
class Tile:
    code: str
    name: str
    x: int
    y: int
    value: int | float | None
    fill: str
    text: str


@dataclass(frozen=True)
class MapChart:
    tiles: list[Tile]
    width: int
    height: int
    legend: list[tuple[str, str]]


def tile_map(values: dict[str, int | float], names: dict[str, str]) -> MapChart:
    """Tiles coloured by quintile-like classes of ``values`` (département code → value); no value: grey."""
    present = sorted(v for v in values.values() if v)
    bounds = [present[min(len(present) - 1, (len(present) * k) // 5)] for k in range(1, 5)] if present else []
    tiles = []
    for code, (col, row) in TILES.items():
        value = values.get(code)
        if not value:
            fill, text = "#f6f6f6", "#161616"
        else:
            level = sum(1 for b in bounds if value > b)
            fill, text = PALETTE[level], TEXT_ON[level]
        tiles.append(Tile(code, names.get(code, code), col * (TILE + GAP), row * (TILE + GAP), value, fill, text))
    legend = [("#f6f6f6", "aucun")]
    if present:
        edges = [present[0], *bounds, present[-1]]
        legend += [(PALETTE[i], f"{edges[i]} à {edges[i + 1]}") for i in range(5) if edges[i] <= edges[i + 1]]
    return MapChart(tiles, 13 * (TILE + GAP), 14 * (TILE + GAP), legend)


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
