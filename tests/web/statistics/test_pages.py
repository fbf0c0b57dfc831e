"""The statistics pages: dashboards by scope (404 outside it), CSV of every table, needs, open data."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from acquis.accounts.enums import Role
from acquis.accounts.services import membership_grant
from acquis.certifications.models import Certification, CertificationNsfCode
from acquis.statistics.indicators import INDICATORS
from acquis.statistics.services import statistics_snapshot_create
from acquis.territories.models import Region
from tests.accounts.factories import UserFactory


def regional_statistician(code: str):
    user = UserFactory()
    region = Region.objects.get_or_create(code=code, defaults={"name": f"Région {code}"})[0]
    membership_grant(user=user, role=Role.STATISTICIAN, organisation=None, region=region)
    return user


def test_national_dashboard_shows_the_funnel_map_and_definitions(client, snapshot):
    client.force_login(UserFactory(statistician=True))
    page = client.get(reverse("web:stats_index")).content.decode()
    assert "Tableau de bord national" in page
    assert "Entonnoir par cohorte d&#x27;inscription" in page or "Entonnoir par cohorte d'inscription" in page
    assert "suivi longitudinal" in page  # the definition beside the table
    assert "<svg" in page and 'aria-labelledby="map-title"' in page
    assert "<td>2024</td><td>6</td><td>5</td><td>5</td><td>3</td><td>1</td><td>1</td><td>1</td>" in page


def test_regional_service_sees_its_region_only(client, snapshot):
    client.force_login(regional_statistician("76"))
    response = client.get(reverse("web:stats_index"))
    assert response.status_code == 302 and response["Location"] == reverse("web:stats_region", kwargs={"code": "76"})
    assert "<td>2024</td><td>6</td>" in client.get(response["Location"]).content.decode()
    Region.objects.get_or_create(code="84", defaults={"name": "Auvergne-Rhône-Alpes"})
    assert client.get(reverse("web:stats_region", kwargs={"code": "84"})).status_code == 404
    assert client.get(reverse("web:stats_csv") + "?indicateur=funnel_cohort").status_code == 404
    assert client.get(reverse("web:stats_csv") + "?indicateur=funnel_cohort&portee=region&code=84").status_code == 404
    assert client.get(reverse("web:stats_csv") + "?indicateur=rates&portee=region&code=76").status_code == 200


def test_certifier_sees_its_own_candidates_only(client, snapshot, small_world):
    certifier = small_world["full"].certifier
    member = UserFactory(certifier=True, organisation=certifier)
    client.force_login(member)
    own = reverse("web:stats_certifier", kwargs={"siret": certifier.siret})
    assert client.get(reverse("web:stats_index"))["Location"] == own
    page = client.get(own).content.decode()
    assert "<td>2024</td><td>1</td><td>1</td><td>1</td><td>1</td><td>1</td><td>0</td><td>0</td>" in page
    other = small_world["partial"].certifier.siret
    assert client.get(reverse("web:stats_certifier", kwargs={"siret": other})).status_code == 404
    response = client.get(
        reverse("web:stats_csv") + f"?indicateur=funnel_cohort&portee=certifier&code={certifier.siret}"
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1] == ["2024", "1", "1", "1", "1", "1", "0", "0"]


@pytest.mark.parametrize("indicator", list(INDICATORS))
def test_every_table_downloads_as_csv(client, snapshot, small_world, indicator):
    client.force_login(UserFactory(gip_staff=True))
    response = client.get(reverse("web:stats_csv") + f"?indicateur={indicator}")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    content = response.content.decode()
    assert len(list(csv.reader(io.StringIO(content)))) >= 1
    # An export like the others: no candidate's e-mail or name in it (ids are numbers like the counts: the
    # snapshot's columns are checked for them, tests/statistics/test_exports.py).
    assert "@" not in content
    for candidacy in small_world.values():
        assert candidacy.candidate.last_name not in content and candidacy.candidate.first_name not in content
    assert client.get(reverse("web:stats_csv") + f"?indicateur={indicator}&par=person_key").status_code in (200, 400)


def test_dashboard_without_snapshot_says_how_to_make_one(client):
    client.force_login(UserFactory(statistician=True))
    assert "acquis stats snapshot" in client.get(reverse("web:stats_index")).content.decode()


def test_needs_upload_and_comparison(client, snapshot):
    client.force_login(UserFactory(gip_staff=True))
    bad = SimpleUploadedFile("b.csv", b"departement_code,code_nsf,intitule,besoin\n99,331,AS,x\n")
    response = client.post(reverse("web:stats_needs"), {"fichier": bad})
    assert response.status_code == 422 and "département inconnu" in response.content.decode()
    good = SimpleUploadedFile("b.csv", b"departement_code,code_nsf,intitule,besoin\n31,331,Aides-soignants,40\n")
    assert client.post(reverse("web:stats_needs"), {"fichier": good}).status_code == 302
    page = client.get(reverse("web:stats_index")).content.decode()
    assert "<td>31</td><td>331</td><td>Aides-soignants</td><td>40</td><td>0</td><td>0,0</td>" in page
    # Once the certifications are in domain 331, the 8 pathways of département 31 count against the need.
    for certification in Certification.objects.all():
        CertificationNsfCode.objects.create(certification=certification, position=1, code="331")
    statistics_snapshot_create()
    page = client.get(reverse("web:stats_index")).content.decode()
    assert "<td>31</td><td>331</td><td>Aides-soignants</td><td>40</td><td>8</td><td>20,0</td>" in page


def test_open_data_page_shows_only_the_published_files(client, snapshot):
    page = client.get(reverse("web:opendata")).content.decode()
    assert "Dictionnaire des données" in page and "secret statistique" in page.lower()
    # Every count of the small data set is under 11: the public page shows « s », never the 6 or the 8.
    assert "<td>s</td>" in page
    assert "<td>8</td>" not in page and "<td>6</td>" not in page
    response = client.get(reverse("web:opendata_file", kwargs={"name": "etapes_region", "extension": "parquet"}))
    assert response.status_code == 200 and response.content[:4] == b"PAR1"
    assert (
        client.get(reverse("web:opendata_file", kwargs={"name": "events", "extension": "parquet"})).status_code == 404
    )


def test_open_data_api_gives_what_the_page_gives(client, snapshot):
    index = client.get("/api/v1/open-data").json()
    assert index["snapshot_on"] == snapshot.on.isoformat()
    names = [
        "inscriptions_departement_annee",
        "inscriptions_certification_annee",
        "inscriptions_mois",
        "etapes_region",
        "conges_vae_annee",
    ]
    assert [t["name"] for t in index["tables"]] == names
    table = client.get("/api/v1/open-data/inscriptions_departement_annee").json()
    values = [row["inscriptions"] for row in table["rows"]]
    assert None in values and all(v is None or v == 0 or v >= 11 for v in values)
    assert client.get("/api/v1/open-data/events").status_code == 404
