"""Statistics pages (issue 17): dashboards by scope, CSV of every table, the qualification needs, open data.

Thin: the tables come from acquis.statistics.selectors (DuckDB over the latest snapshot); the reader's scope comes
from acquis.statistics.permissions. Another région's or certifier's dashboard answers 404."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from acquis.accounts.models import Organisation
from acquis.accounts.permissions import Action, can
from acquis.statistics import opendata, selectors
from acquis.statistics.indicators import INDICATORS, Filters
from acquis.statistics.permissions import Scope, certifier_sirets_of, national_reader, regions_of
from acquis.statistics.services import qualification_needs_load
from acquis.territories.models import Department, Region
from acquis.web.decorators import requires
from acquis.web.statistics.charts import bars, outline_map


def _year(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and 1990 <= int(value) <= 2100 else None


def _filters(request) -> Filters:
    department = request.GET.get("departement") or None
    if department and not Department.objects.filter(code=department).exists():
        department = None
    region = request.GET.get("region") or None
    if region and not Region.objects.filter(code=region).exists():
        region = None
    return Filters(_year(request.GET.get("de")), _year(request.GET.get("a")), region, department)


def _scope_or_404(request, scope: Scope) -> Scope:
    if not can(request.user, Action.VIEW_STATISTICS, scope):
        raise Http404
    return scope


def _dashboard(request, scope: Scope, title: str):
    snapshot = selectors.latest_snapshot()
    filters = _filters(request)
    context = {
        "title": title,
        "scope": scope,
        "snapshot": snapshot,
        "filters": filters,
        "query": request.GET.urlencode(),
    }
    if snapshot is not None:
        tables = selectors.dashboard_tables(snapshot, scope, filters)
        names = dict(Department.objects.values_list("code", "name"))
        by_department = {code: n for code, n in tables["registrations"].rows}
        cohort = tables["funnel_cohort"]
        totals = [sum(r[i] for r in cohort.rows) for i in range(1, len(cohort.columns))]
        funnel_bars, funnel_height = bars(list(zip(cohort.labels[1:], totals, strict=True)))
        context |= {
            "tables": [(INDICATORS.get(key) or INDICATORS["registrations"], key, t) for key, t in tables.items()],
            "map": outline_map(by_department, names),
            "map_rows": sorted((code, names.get(code, code), n) for code, n in by_department.items()),
            "funnel_bars": funnel_bars,
            "funnel_height": funnel_height,
            "needs": selectors.needs_against_pathways(snapshot, scope, filters),
        }
    return render(request, "web/statistics/dashboard.html", context)


@requires(Action.VIEW_STATISTICS)
def stats_index(request):
    if national_reader(request.user):
        return _dashboard(request, Scope("national"), "Tableau de bord national")
    regions = sorted(regions_of(request.user))
    if regions:
        return redirect("web:stats_region", code=regions[0])
    return redirect("web:stats_certifier", siret=sorted(certifier_sirets_of(request.user))[0])


@requires(Action.VIEW_STATISTICS)
def stats_region(request, code: str):
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise Http404
    return _dashboard(request, _scope_or_404(request, Scope("region", code)), f"Tableau de bord : {region.name}")


@requires(Action.VIEW_STATISTICS)
def stats_certifier(request, siret: str):
    organisation = Organisation.objects.filter(siret=siret).first()
    if organisation is None:
        raise Http404
    scope = _scope_or_404(request, Scope("certifier", siret))
    return _dashboard(request, scope, f"Tableau de bord du certificateur : {organisation.name}")


@requires(Action.VIEW_STATISTICS)
def stats_csv(request):
    """Any indicator as CSV, in the scope the reader may read (``portee``/``code``), with the page's filters."""
    kind, code = request.GET.get("portee", "national"), request.GET.get("code", "")
    if kind not in ("national", "region", "certifier"):
        raise Http404
    scope = _scope_or_404(request, Scope(kind, "" if kind == "national" else code))
    indicator = INDICATORS.get(request.GET.get("indicateur", ""))
    snapshot = selectors.latest_snapshot()
    if indicator is None or snapshot is None:
        raise Http404
    by = request.GET.get("par") or None
    try:
        table = selectors.indicator_table(snapshot, scope, _filters(request), indicator.id, by)
    except ValueError as error:
        return HttpResponse(f"Paramètre invalide : {error}", status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{indicator.id}-{snapshot.on.isoformat()}.csv"'
    writer = csv.writer(response)
    writer.writerow(table.labels)
    writer.writerows(table.rows)
    return response


@require_http_methods(["GET", "POST"])
@requires(Action.LOAD_QUALIFICATION_NEEDS)
def stats_needs(request):
    if request.method == "POST":
        upload = request.FILES.get("fichier")
        if upload is None:
            messages.error(request, "Choisissez un fichier CSV.")
        else:
            try:
                count = qualification_needs_load(actor=request.user, content=upload.read(), name=upload.name)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return render(request, "web/statistics/needs.html", _needs_context(), status=422)
            messages.success(request, f"{count} besoins chargés.")
            return redirect("web:stats_needs")
    return render(request, "web/statistics/needs.html", _needs_context())


def _needs_context():
    from acquis.statistics.needs import COLUMNS

    return {"columns": COLUMNS, "title": "Besoins en qualifications par territoire"}


@requires(Action.VIEW_PUBLIC)
def opendata_index(request):
    snapshot = selectors.latest_snapshot()
    files = selectors.opendata_files(snapshot)
    for item in files:
        item["header"], item["table"] = opendata.read_table(snapshot.opendata, item["name"])
    context = {"snapshot": snapshot, "files": files, "title": "Données ouvertes"}
    return render(request, "web/statistics/opendata.html", context)


@requires(Action.VIEW_PUBLIC)
def opendata_file(request, name: str, extension: str):
    snapshot = selectors.latest_snapshot()
    if snapshot is None or name not in opendata.DICTIONARY or extension not in ("csv", "parquet"):
        raise Http404
    path = snapshot.opendata / f"{name}.{extension}"
    content_type = "text/csv; charset=utf-8" if extension == "csv" else "application/vnd.apache.parquet"
    # Small files (aggregates): read whole, so that no handle outlives the response.
    response = HttpResponse(path.read_bytes(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{path.name}"'
    return response
