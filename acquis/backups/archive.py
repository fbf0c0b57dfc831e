"""Backups: one archive (tar.gz) holding the database, the uploaded files and a manifest.

- PostgreSQL: ``pg_dump -Fc`` of a snapshot exported by a REPEATABLE READ transaction, in which the manifest's
  row counts and checksums are computed too, so that the dump and the manifest describe the same instant;
  restored by ``pg_restore --single-transaction`` (all or nothing). The binaries are the machine's.
- SQLite (the embedded default): a copy made with the sqlite3 backup API (consistent while the server runs);
  restored with the same API, which replaces the target database in one step.
- Files: every file of the default storage (``MEDIA_ROOT`` on disk), under ``files/`` in the archive.

The manifest lists, per table, the row count and a SHA-256 of its rows in a fixed order, and per file its
size and SHA-256. A restore checks the archive against the manifest before touching anything, then checks the
restored database against it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from django.db import connection, transaction

FORMAT = 1
MANIFEST = "manifest.json"
FILES_PREFIX = "files/"
DUMP_NAMES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}

Progress = Callable[[str], None]


class BackupError(Exception):
    """A clear French message for the operator; nothing was written."""


# ---------------------------------------------------------------------------------------------------- checksums


def _normalise(value: object) -> object:
    # memoryview's repr holds an address; bytes' does not.
    return bytes(value) if isinstance(value, memoryview) else value


def _table_digest(cursor, table: str, order_by: str) -> dict:
    quoted = connection.ops.quote_name(table) if connection.vendor != "sqlite" else f'"{table}"'
    cursor.execute(f"SELECT * FROM {quoted} ORDER BY {order_by}")  # noqa: S608 — names come from the catalogue
    digest = hashlib.sha256()
    rows = 0
    while batch := cursor.fetchmany(2000):
        for row in batch:
            digest.update(repr(tuple(_normalise(v) for v in row)).encode())
            digest.update(b"\n")
            rows += 1
    return {"rows": rows, "sha256": digest.hexdigest()}


def _order_clause(columns: list[str], primary_key: str | None, quote: Callable[[str], str]) -> str:
    # By primary key when there is one; else by every column, so that the order is the same on both sides.
    return quote(primary_key) if primary_key else ", ".join(str(i) for i in range(1, len(columns) + 1))


def sqlite_table_digests(path: Path) -> dict[str, dict]:
    """Row counts and checksums of every table of a SQLite database file."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        cursor = conn.cursor()
        tables = [
            name
            for (name,) in cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            ).fetchall()
        ]
        result = {}
        for table in tables:
            info = cursor.execute(f'PRAGMA table_info("{table}")').fetchall()
            pks = [row[1] for row in info if row[5]]
            order = _order_clause([row[1] for row in info], pks[0] if len(pks) == 1 else None, lambda n: f'"{n}"')
            result[table] = _table_digest(conn.cursor(), table, order)
        return result
    finally:
        conn.close()


def database_table_digests() -> dict[str, dict]:
    """Row counts and checksums of every table of the configured database (in the caller's transaction)."""
    if connection.vendor == "sqlite":
        return sqlite_table_digests(Path(connection.settings_dict["NAME"]))
    with connection.cursor() as cursor:
        result = {}
        for table in sorted(connection.introspection.table_names(cursor)):
            columns = [c.name for c in connection.introspection.get_table_description(cursor, table)]
            primary_key = connection.introspection.get_primary_key_column(cursor, table)
            result[table] = _table_digest(
                cursor, table, _order_clause(columns, primary_key, connection.ops.quote_name)
            )
        return result


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# ------------------------------------------------------------------------------------------------------- files


def storage_files(storage: Storage, directory: str = "") -> Iterable[str]:
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:  # MEDIA_ROOT not created yet: no file uploaded
        return
    for name in sorted(files):
        yield f"{directory}/{name}" if directory else name
    for sub in sorted(directories):
        yield from storage_files(storage, f"{directory}/{sub}" if directory else sub)


def _safe_member_name(name: str) -> bool:
    parts = Path(name).parts
    return not Path(name).is_absolute() and ".." not in parts


# ---------------------------------------------------------------------------------------------------- database


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in DUMP_NAMES:
        raise BackupError(f"Base de données « {vendor} » non prise en charge (PostgreSQL ou SQLite).")
    name = str(connection.settings_dict["NAME"])
    if vendor == "sqlite" and (name in (":memory:", "") or "mode=memory" in name):
        raise BackupError("La base SQLite en mémoire ne se sauvegarde pas : indiquez un fichier (DATABASE_URL).")
    return vendor


def _binary(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"Le programme « {name} » est introuvable. Installez le client PostgreSQL de la machine "
            "(paquet Debian postgresql-client, de la version du serveur ou plus récente)."
        )
    return path


def _libpq() -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump/pg_restore from Django's settings (the password by environment)."""
    settings = connection.settings_dict
    args = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings.get(key):
            args += [flag, str(settings[key])]
    env = {**os.environ}
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = settings["PASSWORD"]
    return args, env


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    completed = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if completed.returncode != 0:
        raise BackupError(f"{what} a échoué (code {completed.returncode}) : {completed.stderr.strip()[-2000:]}")


def _dump_postgresql(target: Path) -> dict[str, dict]:
    pg_dump = _binary("pg_dump")
    args, env = _libpq()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        # pg_dump reads the snapshot this transaction holds open; the checksums read the same snapshot.
        _run(
            [pg_dump, "-Fc", "--no-owner", "--no-privileges", f"--snapshot={snapshot}", *args,
             "--file", str(target), "--dbname", connection.settings_dict["NAME"]],
            env,
            "pg_dump",
        )  # fmt: skip
        return database_table_digests()


def _dump_sqlite(target: Path) -> dict[str, dict]:
    source = sqlite3.connect(connection.settings_dict["NAME"])
    destination = sqlite3.connect(target)
    try:
        source.backup(destination)
    finally:
        destination.close()
        source.close()
    return sqlite_table_digests(target)


# ------------------------------------------------------------------------------------------------------ create


def backup_create(output: Path, *, storage: Storage = default_storage, progress: Progress = print) -> dict:
    """Write the archive to ``output`` (through a temporary file, renamed at the end) and return the manifest."""
    engine = _engine()
    if output.exists() and output.is_dir():
        raise BackupError(f"« {output} » est un dossier : indiquez le chemin du fichier d'archive.")
    if not output.parent.is_dir():
        raise BackupError(f"Le dossier « {output.parent} » n'existe pas.")
    with tempfile.TemporaryDirectory(prefix="acquis-backup-") as tmp:
        dump = Path(tmp) / DUMP_NAMES[engine]
        progress(f"Base de données ({engine}) : copie…")
        tables = _dump_postgresql(dump) if engine == "postgresql" else _dump_sqlite(dump)
        progress(f"  {len(tables)} tables, {sum(t['rows'] for t in tables.values())} lignes")
        files = {}
        partial = output.with_name(output.name + ".partiel")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(dump, arcname=dump.name)
            names = list(storage_files(storage))
            progress(f"Fichiers déposés : {len(names)}")
            for index, name in enumerate(names, 1):
                with storage.open(name, "rb") as handle:
                    content = handle.read()
                files[name] = {"size": len(content), "sha256": hashlib.sha256(content).hexdigest()}
                info = tarfile.TarInfo(FILES_PREFIX + name)
                info.size = len(content)
                archive.addfile(info, io.BytesIO(content))
                if index % 100 == 0:
                    progress(f"  {index}/{len(names)}")
            manifest = {
                "format": FORMAT,
                "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "engine": engine,
                "database": {"file": dump.name, "sha256": _sha256_file(dump), "size": dump.stat().st_size},
                "tables": tables,
                "files": files,
            }
            data = json.dumps(manifest, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        partial.replace(output)
    progress(f"Archive écrite : {output} ({output.stat().st_size} octets)")
    return manifest


# ----------------------------------------------------------------------------------------------------- restore


def _read_archive(path: Path, tmp: Path) -> tuple[dict, Path, dict[str, bytes]]:
    """Extract and check everything against the manifest, before anything is restored."""
    if not path.is_file():
        raise BackupError(f"L'archive « {path} » n'existe pas.")
    try:
        with tarfile.open(path, "r:gz") as archive:
            try:
                manifest = json.loads(archive.extractfile(MANIFEST).read())
            except KeyError:
                raise BackupError(f"« {path} » n'est pas une archive Acquis : pas de {MANIFEST}.") from None
            if manifest.get("format") != FORMAT:
                raise BackupError(f"Format d'archive inconnu ({manifest.get('format')!r}, attendu {FORMAT}).")
            database = manifest["database"]
            member = archive.extractfile(database["file"])
            dump = tmp / Path(database["file"]).name
            with dump.open("wb") as handle:
                shutil.copyfileobj(member, handle)
            if _sha256_file(dump) != database["sha256"]:
                raise BackupError("Archive corrompue : la copie de la base ne correspond pas à son empreinte.")
            files = {}
            for name, expected in manifest["files"].items():
                if not _safe_member_name(name):
                    raise BackupError(f"Archive refusée : chemin de fichier dangereux « {name} ».")
                content = archive.extractfile(FILES_PREFIX + name).read()
                if hashlib.sha256(content).hexdigest() != expected["sha256"]:
                    raise BackupError(f"Archive corrompue : le fichier « {name} » ne correspond pas à son empreinte.")
                files[name] = content
    except (tarfile.TarError, EOFError, OSError, ValueError, KeyError, TypeError) as error:
        raise BackupError(f"Archive illisible ou corrompue « {path} » : {error}") from None
    return manifest, dump, files


def _target_is_empty(storage: Storage) -> bool:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    return not tables and not next(iter(storage_files(storage)), None)


def _restore_postgresql(dump: Path, *, force: bool) -> None:
    pg_restore = _binary("pg_restore")
    args, env = _libpq()
    connection.close()  # our own connection must not hold locks on the tables being replaced
    clean = ["--clean", "--if-exists"] if force else []
    _run(
        [pg_restore, "--single-transaction", "--exit-on-error", "--no-owner", "--no-privileges", *clean, *args,
         "--dbname", connection.settings_dict["NAME"], str(dump)],
        env,
        "pg_restore",
    )  # fmt: skip


def _restore_sqlite(dump: Path) -> None:
    connection.close()
    source = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
    destination = sqlite3.connect(connection.settings_dict["NAME"])
    try:
        # The backup API replaces the whole target in one step, under its write lock.
        source.backup(destination)
    finally:
        destination.close()
        source.close()


def backup_restore(
    path: Path, *, force: bool = False, storage: Storage = default_storage, progress: Progress = print
) -> dict:
    engine = _engine()
    with tempfile.TemporaryDirectory(prefix="acquis-restore-") as tmp:
        progress(f"Lecture et vérification de l'archive {path}…")
        manifest, dump, files = _read_archive(path, Path(tmp))
        if manifest["engine"] != engine:
            raise BackupError(f"L'archive vient d'une base {manifest['engine']} ; la base configurée est {engine}.")
        if engine == "sqlite" and sqlite_table_digests(dump) != manifest["tables"]:
            raise BackupError("Archive corrompue : les tables ne correspondent pas au manifeste.")
        if not force and not _target_is_empty(storage):
            raise BackupError(
                "La base ou le stockage des fichiers cible n'est pas vide : refus de l'écraser. "
                "Relancez avec --force pour le remplacer par l'archive."
            )
        progress(f"Restauration de la base ({len(manifest['tables'])} tables)…")
        _restore_postgresql(dump, force=force) if engine == "postgresql" else _restore_sqlite(dump)
        restored = database_table_digests()
        if restored != manifest["tables"]:
            differing = sorted(
                t for t in set(restored) | set(manifest["tables"]) if restored.get(t) != manifest["tables"].get(t)
            )
            raise BackupError(f"La base restaurée diffère du manifeste (tables : {', '.join(differing[:10])}).")
        progress(f"Restauration des fichiers ({len(files)})…")
        for name, content in files.items():
            if storage.exists(name):
                storage.delete(name)
            saved = storage.save(name, ContentFile(content))
            if saved != name:
                raise BackupError(f"Le fichier « {name} » a été enregistré sous « {saved} ».")
    progress("Restauration terminée : base et fichiers conformes au manifeste.")
    return manifest
