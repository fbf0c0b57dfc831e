"""acquis rncp import: summary, idempotence, refusal of a malformed export, progress bars."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from acquis.certifications.models import Certification
from acquis.cli import main
from acquis.demo.synthetic_certifications import write_synthetic_export
from acquis.law.progress import TqdmProgress
from tests.certifications.db import EXPORT_DIR, copy_export, part_file


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("rncp_import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_prints_a_summary_then_nothing_changed():
    out, _ = _run(str(EXPORT_DIR), "--no-progress")
    assert "export France Compétences du 1er novembre 2026 (export-fiches-csv-2026-11-01) : 13 fiche(s) lue(s)." in out
    assert "fiches : 13 créée(s), 0 mise(s) à jour, 0 inchangée(s)." in out
    assert "liens ancienne → nouvelle fiche ajoutés : 3." in out
    assert "fichiers non utilisés : export_fiches_CSV_Formacode_2026_11_01.csv." in out
    again, _ = _run(str(EXPORT_DIR), "--no-progress")
    assert "fiches : 0 créée(s), 0 mise(s) à jour, 13 inchangée(s)." in again
    assert again.rstrip().endswith("Import terminé : rien n'a changé.")


def test_reva_list_summary_counts_skipped_rows(settings):
    out, _ = _run(str(settings.BASE_DIR / "data" / "reference" / "rncp-sample.csv"), "--no-progress")
    assert "liste de certifications (rncp-sample.csv) : 8 fiche(s) lue(s)." in out
    assert "lignes sans numéro RNCP ignorées : 11." in out


def test_malformed_export_is_refused_with_file_line_reason(tmp_path):
    directory = copy_export(tmp_path)
    path = part_file(directory, "Rome")
    path.write_bytes(path.read_bytes() + b'"RS0001";"K1302";"x"\r\n')
    with pytest.raises(CommandError) as caught:
        _run(str(directory), "--no-progress")
    message = str(caught.value)
    assert "Export refusé, rien n'a été importé." in message
    assert f"fichier : {path.name}" in message and "ligne : 11" in message
    assert "motif : fiche RS0001 absente du fichier Standard" in message
    assert not Certification.objects.exists()


def test_acquis_rncp_import_reaches_the_command(capsys):
    assert main(["rncp", "import", str(EXPORT_DIR), "--no-progress"]) == 0
    assert "13 créée(s)" in capsys.readouterr().out
    assert main(["--help"]) == 0
    assert "acquis rncp import" in capsys.readouterr().out


def test_large_files_get_a_progress_bar(tmp_path):
    archive = write_synthetic_export(tmp_path, fiches=2500, export_date=date(2026, 11, 1))
    bars = io.StringIO()
    progress = TqdmProgress(bars)
    assert progress.for_size("petit.csv", 1000) is None
    update = progress.for_size("export_fiches_CSV_Standard_2026_11_01.csv", 600_000)
    update(300_000, 600_000)
    progress.close()
    assert "export_fiches_CSV_Standard_2026_11_01.csv" in bars.getvalue() and "50%" in bars.getvalue()
    _, err = _run(str(archive))
    assert Certification.objects.count() == 2500
    assert "export_fiches_CSV_Blocs_De_Compétences_2026_11_01.csv" in err
