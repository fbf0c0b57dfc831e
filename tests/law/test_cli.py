"""acquis law import / show / diff / fetch: output and exit codes (no network: npm is faked)."""

from __future__ import annotations

import io
import os
import stat
import tarfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from acquis.cli import main
from acquis.law.models import ArticleVersion, LawSource
from tests.law.db import RECONSTRUCTED, SNAPSHOT_2020, import_files, law_corpus  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue()


def test_import_reports_counts_then_nothing_changed():
    first = _run("law_import", str(RECONSTRUCTED), "--no-progress")
    assert "sources : 1 créé(s)" in first and "versions d'articles : 22 créé(s)" in first
    again = _run("law_import", str(RECONSTRUCTED), "--no-progress")
    assert "Import terminé : rien n'a changé." in again and "22 inchangé(s)" in again


def test_import_of_a_malformed_file_names_file_position_reason(tmp_path):
    broken = tmp_path / "articles-in-force-2019-11-01.json"
    broken.write_text('[{"num": "R6422-4", "text": }]', encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        _run("law_import", str(broken), "--no-progress")
    message = str(caught.value)
    assert "rien n'a été importé" in message
    assert f"fichier : {broken}" in message and "position : line 1, column 29" in message and "motif :" in message
    assert not LawSource.objects.exists()


def test_import_without_paths_asks_for_some():
    with pytest.raises(CommandError, match="--default"):
        _run("law_import")


def test_console_exit_codes_and_stderr(capsys):
    # Through the acquis console entry point, as a user types it.
    with pytest.raises(SystemExit) as caught:
        main(["law", "import", "/nonexistent/file.json", "--no-progress"])
    assert caught.value.code == 1
    assert "fichier introuvable" in capsys.readouterr().err
    with pytest.raises(SystemExit) as caught:
        main(["law", "show", "R6422-4", "--at", "2019-13-01"])
    assert caught.value.code == 2
    assert "date invalide « 2019-13-01 »" in capsys.readouterr().err


@pytest.mark.usefixtures("law_corpus")
def test_show_prints_the_version_in_force():
    out = _run("law_show", "R6422-4", "--at", "2019-11-10")
    assert "Article R6422-4, version en vigueur le 10 novembre 2019" in out
    assert "Identifiant : LEGIARTI000039330059" in out
    assert "du 4 novembre 2019 au 28 décembre 2023" in out
    assert "Dans les trente jours calendaires suivant la réception" in out


@pytest.mark.usefixtures("law_corpus")
def test_show_without_version_in_force_or_unknown_article():
    with pytest.raises(CommandError, match="Aucune version de l'article R6422-4 n'est en vigueur le 1er janvier 2000"):
        _run("law_show", "R6422-4", "--at", "2000-01-01")
    with pytest.raises(CommandError, match="L'article R9999-9 n'est pas dans le corpus"):
        _run("law_show", "R9999-9", "--at", "2020-01-01")


@pytest.mark.usefixtures("law_corpus")
def test_diff_of_the_sixth_part_on_2019_11_04():
    out = _run("law_diff", "--from", "2019-11-01", "--to", "2019-11-04")
    assert out.splitlines()[0] == (
        "Du 1er novembre 2019 au 4 novembre 2019 : 24 article(s) : 20 modifié(s), 2 créé(s), 2 abrogé(s)"
    )
    assert "== R6422-8-1 — créé" in out and "== R6422-13 — abrogé" in out
    assert "{+en précise la composition et+}" in out  # R6113-21


@pytest.mark.usefixtures("law_corpus")
def test_diff_of_one_article_and_of_a_section():
    out = _run("law_diff", "--from", "2019-11-01", "--to", "2019-11-04", "--article", "R6422-4")
    assert "1 article(s) : 1 modifié(s)" in out and "[-trente-]" not in out and "{+calendaires+}" in out
    out = _run("law_diff", "--from", "2019-11-01", "--to", "2019-11-04", "--section", "Partie législative")
    assert "0 article(s)" in out
    with pytest.raises(CommandError, match="Section introuvable"):
        _run("law_diff", "--from", "2019-11-01", "--to", "2019-11-04", "--section", "Dixième partie")
    with pytest.raises(CommandError, match="doit précéder"):
        _run("law_diff", "--from", "2019-11-04", "--to", "2019-11-01")


@pytest.mark.usefixtures("law_corpus")
def test_diff_says_when_the_earlier_text_is_not_in_the_corpus():
    # The 2020 snapshot knows R6422-4's 2014 version by its metadata only.
    out = _run("law_diff", "--from", "2014-11-14", "--to", "2014-11-15", "--article", "R6422-4")
    assert "texte antérieur absent du corpus" in out and "pas de comparaison mot à mot" in out


def test_fetch_without_npm_gives_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty directory: no npm anywhere
    with pytest.raises(CommandError) as caught:
        _run("law_fetch", "--legi-data", "2.513.0")
    assert "npm est introuvable" in str(caught.value) and "acquis law import" in str(caught.value)
    assert not LawSource.objects.exists()


def test_fetch_rejects_a_malformed_version():
    with pytest.raises(CommandError, match="Version invalide"):
        _run("law_fetch", "--legi-data", "latest; rm -rf /")


def test_fetch_packs_extracts_and_imports(tmp_path, monkeypatch):
    # A fake npm on PATH that "packs" a package holding the 2020 snapshot as the code's JSON.
    import gzip

    package = tmp_path / "legi-data-1.2.3.tgz"
    data = gzip.decompress(SNAPSHOT_2020.read_bytes())
    with tarfile.open(package, "w:gz") as archive:
        info = tarfile.TarInfo("package/data/LEGITEXT000006072050.json")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    npm = bin_dir / "npm"
    npm.write_text(f'#!/bin/sh\n[ "$1" = pack ] && [ "$2" = "@socialgouv/legi-data@1.2.3" ] && cp {package} .\n')
    npm.chmod(npm.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    out = _run("law_fetch", "--legi-data", "1.2.3", "--no-progress")
    assert "Import terminé." in out
    assert LawSource.objects.get().file_name == "code-du-travail-legi-data-1.2.3.json"
    assert ArticleVersion.objects.filter(legiarti_id="LEGIARTI000039330059").exists()
    with pytest.raises(CommandError, match="npm n'a pas pu récupérer"):
        _run("law_fetch", "--legi-data", "9.9.9")
