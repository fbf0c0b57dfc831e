"""The statistics pages' URLs for tests/web/test_permissions_matrix.py (moved out to keep it under 1,000 lines)."""

from __future__ import annotations


def statistics_url(name, world):
    from django.urls import reverse

    from acquis.statistics.services import statistics_snapshot_create
    from tests.pathways.factories import department

    region = department("31").region  # région 76
    if name in ("web:stats_csv", "web:opendata_file"):
        statistics_snapshot_create()  # both answer 404 until a snapshot exists
    if name == "web:stats_region":
        return reverse(name, kwargs={"code": region.code})
    if name == "web:stats_certifier":
        return reverse(name, kwargs={"siret": world["actors"]["certifier"].memberships.get().organisation.siret})
    if name == "web:stats_csv":
        return reverse(name) + "?indicateur=funnel_cohort&par=region"
    if name == "web:opendata_file":
        return reverse(name, kwargs={"name": "etapes_region", "extension": "csv"})
    return reverse(name)
