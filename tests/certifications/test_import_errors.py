"""Malformed exports: each fault is reported with its file, line and reason, and nothing is imported."""

from __future__ import annotations

import pytest

from acquis.audit.models import AuditEvent
from acquis.certifications.export import RegistryParseError, parse_export
from acquis.certifications.models import (
    Certification,
    CertificationCertifier,
    CertificationReplacement,
    CertificationRomeCode,
    SkillBlock,
)
from acquis.certifications.services import certification_registry_import
from tests.certifications.db import copy_export, import_fixture, part_file, zip_export


def _edit(directory, part, old, new):
    path = part_file(directory, part)
    text = path.read_bytes().decode("utf-8")  # bytes: keep the CRLF line ends and the BOM as they are
    assert old in text, old
    path.write_bytes(text.replace(old, new, 1).encode("utf-8"))
    return path.name


def _append(directory, part, line):
    path = part_file(directory, part)
    with path.open("a", encoding="utf-8", newline="") as handle:
        handle.write(line + "\r\n")
    return path.name


def _snapshot():
    return (
        list(Certification.objects.order_by("pk").values()),
        list(SkillBlock.objects.order_by("pk").values()),
        CertificationCertifier.objects.count(),
        CertificationRomeCode.objects.count(),
        CertificationReplacement.objects.count(),
    )


def _missing_column(d):
    name = _edit(d, "Standard", ';"Actif"\r\n', "\r\n")
    return name, 1, "colonne(s) manquante(s) : Actif"


def _bad_date(d):
    name = _edit(d, "Standard", '"12/12/2020";"12/12/2030"', '"12/12/2020";"31/02/2030"')
    return name, 4, "RNCP35028 : Date_Fin_Enregistrement : date « 31/02/2030 » invalide (attendu : JJ/MM/AAAA)"


def _bad_level(d):
    name = _edit(d, "Standard", '"NIV5";"Niveau 5"', '"NIV9";"Niveau 9"')
    return name, 5, "RNCP35993 : niveau « NIV9 » hors du cadre national (niveaux 1 à 8)"


def _unmapped_old_level(d):
    name = _edit(d, "Standard", '"II";', '"Niveau VI";')
    return name, 12, "RNCP23456 : niveau « Niveau VI » de la nomenclature de 1969 sans correspondance (décret 2019-14)"


def _duplicate_fiche(d):
    name = _append(d, "Standard", '"99";"RNCP35028";"Doublon";"";"";"NIV3";"";"";"";"";"";"";"";"";"";"ACTIVE"')
    return name, 15, "Numero_Fiche RNCP35028 en double (déjà ligne 4)"


def _unknown_fiche_in_side_file(d):
    name = _append(d, "Rome", '"RNCP99999";"K1302";"Assistance auprès d\'adultes"')
    return name, 11, "fiche RNCP99999 absente du fichier Standard"


def _bad_rome_code(d):
    name = _edit(d, "Rome", '"J1301"', '"J13"')
    return name, 6, "RNCP35028 : code ROME « J13 » invalide (attendu : une lettre et 4 chiffres)"


def _wrong_field_count(d):
    name = _edit(d, "Certificateurs", '"RNCP34691";"42181389100028";', '"RNCP34691";"42181389100028";"en trop";')
    return name, 7, "4 champ(s) au lieu de 3 (séparateur « ; »)"


def _bad_active_flag(d):
    name = _edit(d, "Standard", '"Enregistrement sur demande";"";"ACTIVE"', '"Enregistrement sur demande";"";"OUI"')
    return name, 6, "RNCP34690 : Actif « OUI » invalide (attendu : ACTIVE ou INACTIVE)"


def _bad_replacement(d):
    name = _edit(d, "Ancienne_Nouvelle_Certification", '"RNCP11111"', '"ancienne fiche"')
    return name, 6, "RNCP34690 : Ancienne_Certification « ancienne fiche » invalide (attendu : RNCP12345 ou RS1234)"


VARIANTS = {
    "missing_column": _missing_column,
    "bad_date": _bad_date,
    "bad_level": _bad_level,
    "unmapped_old_level": _unmapped_old_level,
    "duplicate_fiche": _duplicate_fiche,
    "unknown_fiche_in_side_file": _unknown_fiche_in_side_file,
    "bad_rome_code": _bad_rome_code,
    "wrong_field_count": _wrong_field_count,
    "bad_active_flag": _bad_active_flag,
    "bad_replacement": _bad_replacement,
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_malformed_export_is_refused_with_file_line_and_reason(tmp_path, variant):
    directory = copy_export(tmp_path)
    file, line, reason = VARIANTS[variant](directory)
    with pytest.raises(RegistryParseError) as caught:
        certification_registry_import(path=directory)
    assert (caught.value.file, caught.value.line, caught.value.reason) == (file, line, reason)
    assert str(caught.value) == f"{file}, ligne {line} : {reason}"
    assert not Certification.objects.exists() and not SkillBlock.objects.exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("variant", ["duplicate_fiche", "unknown_fiche_in_side_file"])
def test_malformed_newer_export_leaves_the_registry_as_it_was(tmp_path, variant):
    import_fixture()
    before = _snapshot()
    directory = copy_export(tmp_path)
    _edit(directory, "Standard", "Agent de service médico-social", "Agent de service médico-social (révisé)")
    VARIANTS[variant](directory)
    with pytest.raises(RegistryParseError):
        certification_registry_import(path=directory)
    assert _snapshot() == before


def test_error_inside_a_zip_names_the_member(tmp_path):
    directory = copy_export(tmp_path)
    file, line, _ = _bad_level(directory)
    archive = zip_export(directory, tmp_path / "export-fiches-csv-2026-11-01.zip")
    with pytest.raises(RegistryParseError) as caught:
        parse_export(archive)
    assert (caught.value.file, caught.value.line) == (file, line)


def test_export_without_standard_file_is_refused(tmp_path):
    directory = copy_export(tmp_path)
    part_file(directory, "Standard").unlink()
    with pytest.raises(RegistryParseError, match="aucun fichier export_fiches_CSV_Standard"):
        parse_export(directory)


def test_not_a_zip_is_refused(tmp_path):
    bogus = tmp_path / "export-fiches-csv-2026-11-01.zip"
    bogus.write_text("pas une archive")
    with pytest.raises(RegistryParseError, match="archive ZIP illisible"):
        parse_export(bogus)


def test_non_utf8_file_is_refused_with_its_line(tmp_path):
    directory = copy_export(tmp_path)
    path = part_file(directory, "Nsf")
    path.write_bytes(path.read_bytes().replace("Spécialités".encode(), "Spécialités".encode("latin-1"), 1))
    with pytest.raises(RegistryParseError) as caught:
        parse_export(directory)
    assert caught.value.file == path.name and caught.value.line == 2 and "UTF-8" in caught.value.reason


def test_unknown_csv_file_is_refused(tmp_path):
    other = tmp_path / "liste.csv"
    other.write_text("a,b\n1,2\n")
    with pytest.raises(RegistryParseError, match="fichier CSV non reconnu"):
        certification_registry_import(path=other)


def test_malformed_reva_row_is_refused_with_its_line(tmp_path, settings):
    sample = (settings.BASE_DIR / "data" / "reference" / "rncp-sample.csv").read_text(encoding="utf-8")
    broken = tmp_path / "rncp.csv"
    broken.write_text(sample.replace("34691,", "34a91,", 1), encoding="utf-8")
    with pytest.raises(RegistryParseError) as caught:
        certification_registry_import(path=broken)
    assert caught.value.line == 5 and caught.value.reason == "rncp_id « 34a91 » invalide (chiffres attendus)"
    assert not Certification.objects.exists()
