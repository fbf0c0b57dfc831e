"""The map of France by département: real outlines (vendored from the DSFR), every département of the reference
list drawn once, overseas as insets, coloured by class, each with its <title>; the data table beside it."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from acquis.web.statistics.charts import EMPTY, PALETTE, outline_map, outlines
from tests.accounts.factories import UserFactory

DATA = Path(settings.BASE_DIR) / "data" / "statistics"


def _departments() -> dict[str, str]:
    with (Path(settings.BASE_DIR) / "data" / "reference" / "territories.csv").open(encoding="utf-8") as handle:
        return {row["departement_code"]: row["departement_name"] for row in csv.DictReader(handle)}


def test_every_department_of_the_reference_list_has_one_outline():
    departments = _departments()
    chart = outline_map({}, departments)
    drawn = [a.code for a in chart.areas] + [i.area.code for i in chart.insets]
    assert sorted(drawn) == sorted(departments) and len(drawn) == len(set(drawn)) == 101
    assert {i.area.code for i in chart.insets} == {"971", "972", "973", "974", "976"}
    for area in [*chart.areas, *(i.area for i in chart.insets)]:
        assert re.fullmatch(r"[MmLlHhVvZzCcSsQqTtAa0-9.,\s-]+", area.d) and area.d[0] in "Mm"  # a path, nothing else
        assert area.name == departments[area.code] and area.fill == EMPTY


def test_the_vendored_outlines_are_small_sourced_and_licensed():
    path = DATA / "departements-contours.json"
    assert path.stat().st_size < 300_000
    assert "dsfr-chart" in outlines()["source"] and "MIT" in outlines()["source"]
    assert "MIT License" in (DATA / "LICENSE-dsfr-chart-MIT.txt").read_text(encoding="utf-8")


def test_colours_follow_the_values():
    chart = outline_map({"75": 500, "13": 40, "971": 3, "2A": 0}, _departments())
    fills = {a.code: a.fill for a in [*chart.areas, *(i.area for i in chart.insets)]}
    assert fills["2A"] == fills["01"] == EMPTY
    assert PALETTE.index(fills["75"]) > PALETTE.index(fills["13"]) > PALETTE.index(fills["971"])
    assert chart.legend[0] == (EMPTY, "aucun")


def test_the_dashboard_draws_each_department_with_its_title_and_the_table(client, snapshot):
    client.force_login(UserFactory(statistician=True))
    page = client.get(reverse("web:stats_index")).content.decode()
    svg = page[page.index('aria-labelledby="map-title"') : page.index("</figure>", page.index("map-title"))]
    titles = re.findall(r"<path d=\"[^\"]+\" fill=\"[^\"]+\"[^>]*><title>([^<]+) \((\w+)\) : (\d+)</title>", svg)
    assert len(titles) == 101 and {code for _n, code, _v in titles} == set(_departments())
    # The small data set registers its 8 pathways in one département: its title and its table row say so.
    counted = [(name, code, value) for name, code, value in titles if value != "0"]
    assert len(counted) == 1 and counted[0][2] == "8"
    assert f"<td>{counted[0][1]}</td>" in page and "données de la carte" in page
