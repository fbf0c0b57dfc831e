"""Extract the outlines of the départements from the npm package @gouvfr/dsfr-chart (MIT, © DINUM) into
data/statistics/departements-contours.json — run once, by hand, when the vendored file must be refreshed:

    npm pack @gouvfr/dsfr-chart@2.0.4 && tar xzf gouvfr-dsfr-chart-2.0.4.tgz
    python scripts/extract_department_outlines.py package/dist/MapChart/MapChart.js

The package's map component draws metropolitan France as one SVG (viewBox 0 0 1010 1010, one <path class="FR-xx">
per département, already projected and simplified by the DSFR team to integer coordinates) and each overseas
département as its own small SVG. We copy those path strings unchanged (no further simplification: the whole
file is ~40 kB) and record where they come from; nothing is drawn or guessed here.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "data" / "statistics" / "departements-contours.json"
# The overseas components: département code → the name the package gives its SVG component.
OVERSEAS = {"971": "Guadeloupe", "972": "Martinique", "973": "Guyane", "974": "Reunion", "976": "Mayotte"}


def _component(source: str, name: str) -> str:
    """The source of the render function of the component registered as ``name`` in the package's map table."""
    variable = re.search(rf"\b{name}: (\w+)", source).group(1)
    render = re.search(rf"{re.escape(variable)} = /\* @__PURE__ \*/ tn\(\w+, \[\[\"render\", (\w+)\]\]\)", source)
    start = source.index(f"function {render.group(1)}(")
    return source[start : source.index("\nconst ", start)]


def main(bundle: Path) -> None:
    source = bundle.read_text(encoding="utf-8")
    france = _component(source, "France")
    paths = dict(re.findall(r'class: "FR-(\w+)",\s*style: [^\n]*\n\s*d: "([^"]+)"', france))
    overseas = {}
    for code, name in OVERSEAS.items():
        body = _component(source, name)
        box_variable = re.search(r'rt\("svg", ([\w$]+)', body).group(1)
        box = re.search(rf'{re.escape(box_variable)} = \{{\s*xmlns: "[^"]+",\s*viewBox: "([^"]+)"', source).group(1)
        (outline,) = re.findall(r'd: "([^"]+)"', body)
        overseas[code] = {"viewBox": box, "d": outline}
    assert len(paths) == 96, f"{len(paths)} départements métropolitains trouvés, 96 attendus"
    document = {
        "source": "npm @gouvfr/dsfr-chart 2.0.4, dist/MapChart/MapChart.js (licence MIT, © 2021 DINUM)",
        "method": "chemins SVG du paquet copiés tels quels (déjà projetés et simplifiés en coordonnées entières)",
        "metropole": {"viewBox": "0 0 1010 1010", "paths": dict(sorted(paths.items()))},
        "outre_mer": overseas,
    }
    TARGET.write_text(json.dumps(document, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{TARGET}: {len(paths)} + {len(overseas)} départements, {TARGET.stat().st_size} octets")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
