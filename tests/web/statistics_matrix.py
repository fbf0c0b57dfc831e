"""The statistics pages in the permission matrix (issue 17): the GIP and the (national) statisticians read every
dashboard; a certifier its own (the index redirects it there); another région or certifier answers 404
(tests/web/statistics/). The open data is public. Only the GIP loads the qualification needs."""

from __future__ import annotations


def statistics_web(*, gip: set[str], everyone: set[str]) -> dict[str, tuple[str, set[str]]]:
    """The expectations, from the matrix's own role sets (passed in: that module imports this one)."""
    return {
        "web:stats_index": ("get", gip | {"statistician", "certifier"}),
        "web:stats_region": ("get", gip | {"statistician"}),
        "web:stats_certifier": ("get", gip | {"statistician", "certifier"}),
        "web:stats_csv": ("get", gip | {"statistician"}),
        "web:stats_needs": ("post", gip),
        "web:opendata": ("get", everyone),
        "web:opendata_file": ("get", everyone),
    }


# Refused as not found rather than forbidden: the actor reads statistics, but not this scope (a certifier asking
# for a région's dashboard or the national tables): like another organisation's object, 404.
PAGE_NOT_FOUND = {("web:stats_region", "certifier"), ("web:stats_csv", "certifier")}


def owns(name: str) -> bool:
    return name.startswith(("web:stats_", "web:opendata"))


def web_url(name, world):
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


def web_data(name):
    """A valid needs file, so that "allowed" means the load succeeded."""
    if name != "web:stats_needs":
        return None
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {"fichier": SimpleUploadedFile("besoins.csv", b"departement_code,code_nsf,intitule,besoin\n31,331,AS,5\n")}
