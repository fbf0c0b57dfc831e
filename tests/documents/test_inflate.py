"""Zip and gzip bombs on the operator's imports (security review M7): inflation is bounded in size and ratio,
the import is refused with a clear French message and exit status, and nothing is imported."""

from __future__ import annotations

import gzip
import io
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from acquis.certifications.models import Certification
from acquis.documents import inflate
from acquis.law.models import ArticleVersion, LawSource
from tests.certifications.db import copy_export, part_file
from tests.law.db import SNAPSHOT_2020

# 8 MiB of one byte repeated: about 8 KiB compressed, a ratio near 1,000.
BOMB = b"0" * (8 * 2**20)


def test_a_real_snapshot_inflates_within_the_bounds():
    data = SNAPSHOT_2020.read_bytes()
    assert inflate.gunzip_bounded(data) == gzip.decompress(data)


def test_gzip_bomb_stops_at_the_ratio_before_inflating_it_all():
    packed = gzip.compress(BOMB)
    with pytest.raises(inflate.InflationRefused, match="décompression arrêtée"):
        inflate.gunzip_bounded(packed)


def test_several_gzip_members_are_read_and_counted_together():
    assert inflate.gunzip_bounded(gzip.compress(b"ab") + gzip.compress(b"cd")) == b"abcd"
    with pytest.raises(EOFError):
        inflate.gunzip_bounded(gzip.compress(b"abcdef")[:-12])


def test_zip_member_stops_at_the_size_bound(monkeypatch):
    monkeypatch.setattr(inflate, "MAX_BYTES", 2 * 2**20)
    monkeypatch.setattr(inflate, "MAX_RATIO", 10**6)  # only the size bound applies here
    with pytest.raises(inflate.InflationRefused, match="au plus 2 Mo"):
        inflate.read_bounded(io.BytesIO(BOMB), compressed_size=len(BOMB))


def test_rncp_import_refuses_a_zip_bomb_and_imports_nothing(tmp_path):
    directory = copy_export(tmp_path / "export")
    archive = tmp_path / "export-fiches-csv-2026-11-01.zip"
    standard = part_file(directory, "Standard")
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as out:
        for path in sorted(directory.iterdir()):
            if path == standard:
                out.writestr(path.name, path.read_bytes() + BOMB)  # a valid header, then the bomb
            else:
                out.write(path, arcname=path.name)

    with pytest.raises(CommandError) as refused:
        call_command("rncp_import", str(archive), "--no-progress", stdout=io.StringIO(), stderr=io.StringIO())

    assert "Export refusé, rien n'a été importé" in str(refused.value)
    assert "décompression arrêtée" in str(refused.value)
    assert not Certification.objects.exists()


def test_law_import_refuses_a_gzip_bomb_and_imports_nothing(tmp_path):
    bomb = tmp_path / "code-du-travail-bombe.json.gz"
    bomb.write_bytes(gzip.compress(b'{"type": "section", "data": {"title": "' + BOMB + b'"}}'))

    with pytest.raises(CommandError) as refused:
        call_command("law_import", str(bomb), "--no-progress", stdout=io.StringIO(), stderr=io.StringIO())

    assert "Fichier refusé, rien n'a été importé" in str(refused.value)
    assert "décompression arrêtée" in str(refused.value)
    assert not LawSource.objects.exists() and not ArticleVersion.objects.exists()
