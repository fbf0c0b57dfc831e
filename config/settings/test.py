"""Test settings: small overrides of base only."""

from __future__ import annotations

import os

os.environ.setdefault("ACQUIS_ENV", "test")
os.environ.setdefault("ACQUIS_TASKS_BACKEND", "immediate")
os.environ.setdefault("EMAIL_URL", "locmem://")

import dj_database_url  # noqa: E402

from config.settings.base import *  # noqa: E402,F403
from config.settings.base import TEMPLATES  # noqa: E402

# The unit suite runs on in-memory SQLite; the integration pass (make test) points this at PostgreSQL.
DATABASES = {"default": dj_database_url.parse(os.environ.get("ACQUIS_TEST_DATABASE_URL", "sqlite://:memory:"))}


class InvalidTemplateVariable(str):
    """Fail a test on an unknown template variable instead of rendering an empty string."""

    def __mod__(self, other: object) -> str:
        raise NameError(f"Variable de gabarit inconnue : {other!r}")


TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = InvalidTemplateVariable("%s")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Statistics snapshots of the test run: never the developer's var/ (tests that need one write it to tmp_path).
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

STATS_SNAPSHOT_DIR = Path(tempfile.gettempdir()) / f"acquis-test-statistics-{os.getpid()}"
