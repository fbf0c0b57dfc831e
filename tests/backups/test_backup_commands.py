"""``acquis backup create`` / ``acquis backup restore``: a round trip on a file-based SQLite database and on
PostgreSQL (its own databases), compared by row counts and checksums of every table and of every uploaded file;
bad inputs exit 2 with a French message and restore nothing.

The commands run as the operator runs them: ``acquis`` in a subprocess, with the production settings module
pointed at a database file (or PostgreSQL database) and a media folder of the test's own.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
ACQUIS = [sys.executable, "-c", "import sys; from acquis.cli import main; sys.exit(main())"]

SEED = """
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from acquis.accounts.models import User
User.objects.create_user(email="sauvegarde@example.org", password="Un mot de passe tres long 42", first_name="Zoé")
User.objects.create_user(email="deux@example.org", password="Un mot de passe tres long 43", first_name="Noé")
default_storage.save("leave/1/justificatif.pdf", ContentFile(b"%PDF-1.4 contenu"))
default_storage.save("pathways/7/dossier.pdf", ContentFile(bytes(range(256)) * 40))
"""


def _run(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*ACQUIS, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def _env(database_url: str, media: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ACQUIS_", "DATABASE_URL"))}
    return env | {
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "ACQUIS_ENV": "development",
        "DATABASE_URL": database_url,
        "ACQUIS_MEDIA_ROOT": str(media),
        "ACQUIS_TASKS_BACKEND": "immediate",
        "EMAIL_URL": "locmem://",
        "PYTHONWARNINGS": "ignore",
    }


def _manifest(archive: Path) -> dict:
    with tarfile.open(archive, "r:gz") as tar:
        return json.loads(tar.extractfile("manifest.json").read())


def _round_trip(tmp_path: Path, source_url: str, target_url: str) -> None:
    source = _env(source_url, tmp_path / "media-source")
    target = _env(target_url, tmp_path / "media-target")
    assert _run(source, "manage", "migrate", "--no-input", "-v0").returncode == 0
    seeded = _run(source, "manage", "shell", "-c", SEED)
    assert seeded.returncode == 0, seeded.stderr

    archive = tmp_path / "sauvegarde.tar.gz"
    created = _run(source, "backup", "create", str(archive))
    assert created.returncode == 0, created.stderr
    assert "Archive écrite" in created.stdout
    manifest = _manifest(archive)
    assert manifest["tables"]["accounts_user"]["rows"] == 2
    assert set(manifest["files"]) == {"leave/1/justificatif.pdf", "pathways/7/dossier.pdf"}

    restored = _run(target, "backup", "restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    assert "conformes au manifeste" in restored.stdout
    assert (tmp_path / "media-target/pathways/7/dossier.pdf").read_bytes() == bytes(range(256)) * 40

    # A backup of the restored instance describes the same rows and files, checksum for checksum.
    again = tmp_path / "encore.tar.gz"
    assert _run(target, "backup", "create", str(again)).returncode == 0
    assert _manifest(again)["tables"] == manifest["tables"]
    assert _manifest(again)["files"] == manifest["files"]

    # The target now holds data: a second restore is refused without --force, and accepted with it.
    refused = _run(target, "backup", "restore", str(archive))
    assert refused.returncode == 2 and "n'est pas vide" in refused.stderr and "--force" in refused.stderr
    assert _run(target, "backup", "restore", "--force", str(archive)).returncode == 0

    # A corrupt archive (one byte of a file changed, manifest untouched) is refused before anything is written.
    corrupt = tmp_path / "corrompue.tar.gz"
    with tarfile.open(archive, "r:gz") as tar_in, tarfile.open(corrupt, "w:gz") as tar_out:
        for member in tar_in.getmembers():
            data = tar_in.extractfile(member).read()
            if member.name == "files/leave/1/justificatif.pdf":
                data = data.replace(b"contenu", b"CONTENU")
            tar_out.addfile(member, io.BytesIO(data))
    answer = _run(target, "backup", "restore", "--force", str(corrupt))
    assert answer.returncode == 2 and "corrompue" in answer.stderr
    assert (tmp_path / "media-target/leave/1/justificatif.pdf").read_bytes() == b"%PDF-1.4 contenu"


def test_sqlite_round_trip_compares_rows_checksums_and_files(tmp_path):
    _round_trip(tmp_path, f"sqlite:///{tmp_path / 'source.sqlite3'}", f"sqlite:///{tmp_path / 'target.sqlite3'}")


def test_bad_inputs_exit_2_in_french(tmp_path):
    env = _env(f"sqlite:///{tmp_path / 'vide.sqlite3'}", tmp_path / "media")
    missing = _run(env, "backup", "restore", str(tmp_path / "absente.tar.gz"))
    assert missing.returncode == 2 and "n'existe pas" in missing.stderr
    garbage = tmp_path / "pas-une-archive.tar.gz"
    garbage.write_bytes(b"ceci n'est pas une archive")
    unreadable = _run(env, "backup", "restore", str(garbage))
    assert unreadable.returncode == 2 and "illisible" in unreadable.stderr
    no_folder = _run(env, "backup", "create", str(tmp_path / "absent" / "x.tar.gz"))
    assert no_folder.returncode == 2 and "n'existe pas" in no_folder.stderr
    assert not (tmp_path / "vide.sqlite3").exists() or os.path.getsize(tmp_path / "vide.sqlite3") == 0


@pytest.mark.postgresql
def test_postgresql_round_trip_compares_rows_checksums_and_files(tmp_path):
    import psycopg
    from psycopg import sql

    base = os.environ["ACQUIS_TEST_DATABASE_URL"]
    parts = urlsplit(base)
    prefix = parts.path.lstrip("/") or "acquis"
    names = [f"{prefix}_backup_source", f"{prefix}_backup_target"]
    admin_url = urlunsplit(parts._replace(path="/postgres"))

    def recreate(drop_only=False):
        with psycopg.connect(admin_url, autocommit=True) as conn:
            for name in names:
                conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
                if not drop_only:
                    conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(name)))

    recreate()
    try:
        urls = [urlunsplit(parts._replace(path="/" + name)) for name in names]
        _round_trip(tmp_path, *urls)
    finally:
        recreate(drop_only=True)
