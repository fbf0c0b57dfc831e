"""The registry import on the export format: content, idempotence, incremental updates, versions."""

from __future__ import annotations

import csv
from datetime import date

from acquis.audit.enums import EventType
from acquis.audit.models import AuditEvent
from acquis.certifications.models import (
    Certification,
    CertificationReplacement,
    SkillBlock,
)
from acquis.certifications.services import certification_registry_import
from acquis.demo.synthetic_certifications import write_synthetic_export
from tests.certifications.db import EXPORT_DIR, copy_export, import_fixture, part_file, zip_export


def _rewrite(path, change):
    """Apply ``change(rows)`` to a CSV of the export, keeping its quoting and encoding."""
    encoding = "utf-8-sig" if "Standard" in path.name else "utf-8"
    with path.open(encoding=encoding, newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    rows = change(rows)
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=";", quoting=csv.QUOTE_ALL).writerows(rows)


def test_import_of_the_export_directory_reads_every_part():
    result = import_fixture()
    assert result.kind == "export" and result.export_date == date(2026, 11, 1)
    assert (result.counts.created, result.counts.updated, result.counts.unchanged) == (13, 0, 0)
    assert result.ignored_files == ["export_fiches_CSV_Formacode_2026_11_01.csv"]
    avf = Certification.objects.get(code="RNCP35506")
    assert avf.title == "Assistant de vie aux familles" and avf.level == 3 and avf.active
    assert avf.registration_end == date(2031, 5, 4) and avf.decision_on == date(2021, 5, 4)
    assert avf.registration_type == "Enregistrement de droit" and avf.fiche_id == "40121"
    assert avf.vae_accessible
    assert [b.code for b in avf.blocks.all()] == ["RNCP35506BC01", "RNCP35506BC02", "RNCP35506BC03"]
    assert [(c.siret, c.name) for c in avf.certifiers.all()] == [
        ("11000007200014", "MINISTERE DU TRAVAIL DU PLEIN EMPLOI ET DE L'INSERTION")
    ]
    assert [r.code for r in avf.rome_codes.all()] == ["K1302", "K1304", "K1303"]
    assert [n.code for n in avf.nsf_codes.all()] == ["330t"]
    assert "Par expérience" in avf.access_routes
    assert avf.search_text.startswith("rncp35506 assistant de vie aux familles")


def test_old_level_names_are_mapped_to_the_framework():
    import_fixture()
    levels = dict(Certification.objects.values_list("code", "level"))
    assert levels["RNCP4821"] == 3  # "Niveau V"
    assert levels["RNCP5983"] == 3  # "V"
    assert levels["RNCP17163"] == 4  # "Niveau IV (BP, BT, …)"
    assert levels["RNCP12345"] == 5  # "Niveau III (Bac+2)"
    assert levels["RNCP23456"] == 6  # "II"
    assert levels["RNCP23457"] == 7  # "Niveau I (…)"
    assert levels["RS5632"] is None
    assert Certification.objects.get(code="RNCP12345").level_raw == "Niveau III (Bac+2)"


def test_rs_fiche_inactive_fiche_and_vae_access():
    import_fixture()
    rs = Certification.objects.get(code="RS5632")
    assert rs.registry == "rs" and rs.level is None and not rs.vae_accessible
    assert not Certification.objects.get(code="RNCP4821").active
    assert not Certification.objects.get(code="RNCP34692").vae_accessible  # "Par candidature individuelle"


def test_replacements_are_recorded_once_from_both_sides():
    import_fixture()
    links = set(CertificationReplacement.objects.values_list("previous_code", "next_code"))
    assert links == {("RNCP4821", "RNCP35506"), ("RNCP23456", "RNCP35993"), ("RNCP11111", "RNCP34690")}


def test_zip_export_imports_like_the_directory(tmp_path):
    archive = zip_export(EXPORT_DIR, tmp_path / "export-fiches-csv-2026-11-01.zip")
    result = certification_registry_import(path=archive)
    assert result.counts.created == 13 and result.source == "export-fiches-csv-2026-11-01.zip"
    assert SkillBlock.objects.filter(certification__code="RNCP35506").count() == 3


def test_reimporting_the_same_export_changes_nothing():
    import_fixture()
    before = list(Certification.objects.order_by("pk").values())
    blocks = list(SkillBlock.objects.order_by("pk").values())
    result = import_fixture()
    assert (result.counts.created, result.counts.updated, result.counts.unchanged) == (0, 0, 13)
    assert not result.counts.changed and result.counts.replacements_created == 0
    assert list(Certification.objects.order_by("pk").values()) == before
    assert list(SkillBlock.objects.order_by("pk").values()) == blocks
    events = AuditEvent.objects.filter(action=EventType.CERTIFICATION_REGISTRY_IMPORTED)
    assert events.count() == 2 and events.last().payload["unchanged"] == 13


def test_newer_export_updates_changed_fiches_and_keeps_missing_ones(tmp_path):
    import_fixture()
    block_ids = dict(SkillBlock.objects.filter(certification__code="RNCP35506").values_list("code", "pk"))
    newer = copy_export(tmp_path, "export-fiches-csv-2026-12-01")

    def standard(rows):
        for row in rows:
            if row[1] == "RNCP35993":
                row[2] = "Responsable coordonnateur services au domicile (révisé)"
        new = list(rows[1])
        new[0], new[1], new[2] = "50001", "RNCP40001", "Nouvelle fiche de décembre"
        # RNCP34692 leaves the export.
        return [row for row in rows if row[1] != "RNCP34692"] + [new]

    def blocks(rows):
        for row in rows:
            if row[1] == "RNCP35506BC02":
                row[2] = "Entretenir le logement et le linge (révisé)"
        return [row for row in rows if row[1] != "RNCP35506BC03"] + [["RNCP35506", "RNCP35506BC04", "Nouveau bloc"]]

    _rewrite(part_file(newer, "Standard"), standard)
    _rewrite(part_file(newer, "Blocs_De_Compétences"), blocks)
    for part in ("Certificateurs", "VoixdAccès"):
        _rewrite(part_file(newer, part), lambda rows: [row for row in rows if row[0] != "RNCP34692"])
    for path in newer.iterdir():
        path.rename(path.with_name(path.name.replace("2026_11_01", "2026_12_01")))

    result = certification_registry_import(path=newer)
    counts = result.counts
    assert result.export_date == date(2026, 12, 1)
    assert (counts.created, counts.updated, counts.unchanged, counts.marked_absent) == (1, 2, 10, 1)
    assert Certification.objects.get(code="RNCP35993").title.endswith("(révisé)")
    missing = Certification.objects.get(code="RNCP34692")
    assert missing.absent_since == date(2026, 12, 1) and missing.title == "Employé familial"
    blocks_now = dict(SkillBlock.objects.filter(certification__code="RNCP35506").values_list("code", "pk"))
    assert set(blocks_now) == {"RNCP35506BC01", "RNCP35506BC02", "RNCP35506BC04"}
    # Kept blocks keep their ids (other records may point at them).
    assert blocks_now["RNCP35506BC01"] == block_ids["RNCP35506BC01"]
    assert blocks_now["RNCP35506BC02"] == block_ids["RNCP35506BC02"]
    assert SkillBlock.objects.get(code="RNCP35506BC02").title.endswith("(révisé)")

    # The older export again: the fiche is back, the December changes are undone.
    again = import_fixture()
    assert again.counts.back_in_export == 1 and again.counts.updated == 2 and again.counts.created == 0
    assert Certification.objects.get(code="RNCP34692").absent_since is None
    assert Certification.objects.filter(code="RNCP40001").exists()  # never deleted


def test_reva_sample_adds_certifications_without_overriding_the_export(settings):
    sample = settings.BASE_DIR / "data" / "reference" / "rncp-sample.csv"
    import_fixture()
    result = certification_registry_import(path=sample)
    assert result.kind == "sample" and result.fiches == 8 and result.skipped_rows == 11
    # The eight are in the fixture export already: a partial list never overrides the export.
    assert (result.counts.created, result.counts.unchanged, result.counts.marked_absent) == (0, 8, 0)
    assert Certification.objects.get(code="RNCP35506").certifiers.get().siret == "11000007200014"
    assert Certification.objects.get(code="RNCP5983").title.startswith("Surveillant")


def test_reva_sample_alone_creates_vae_accessible_fiches(settings):
    sample = settings.BASE_DIR / "data" / "reference" / "rncp-sample.csv"
    certification_registry_import(path=sample)
    fiche = Certification.objects.get(code="RNCP34690")
    assert fiche.title == "Titre à finalité professionnelle Assistant de vie dépendance"
    assert fiche.vae_accessible and fiche.active and fiche.level is None
    assert fiche.certifiers.get().name == "Iperia" and fiche.certifiers.get().siret == ""


def test_synthetic_export_imports_and_reimports(tmp_path):
    archive = write_synthetic_export(tmp_path, fiches=120, export_date=date(2026, 11, 1), seed=3)
    assert archive.name == "synthetic-export-fiches-csv-2026-11-01.zip"
    first = certification_registry_import(path=archive)
    assert first.counts.created == 120
    assert Certification.objects.filter(absent_since__isnull=True).count() == 120
    second = certification_registry_import(path=archive)
    assert second.counts.unchanged == 120 and not second.counts.changed
