import os
import subprocess
import sys
from pathlib import Path

import pytest

from config.env import PRODUCTION_REQUIRED, MissingConfiguration, read_env
from config.settings.integrations.email import email_settings

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "ACQUIS_ENV": "production",
    "DJANGO_SECRET_KEY": "k7#Qz!p2Lw9@vN4rT8yB1mX6cF3hJ0sD5gA_eU-oI+Z%Y^R&E*W",
    "DATABASE_URL": "postgres://acquis@127.0.0.1:5432/acquis",
    "ALLOWED_HOSTS": "acquis.example",
    "ACQUIS_BASE_URL": "https://acquis.example",
    "EMAIL_URL": "smtp://user:secret@smtp.example:587?tls=true",
    "DEFAULT_FROM_EMAIL": "Acquis <ne-pas-repondre@acquis.example>",
    "ACQUIS_STATS_PSEUDONYM_KEY": "y" * 40,
}


def _start(env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV and not k.startswith("ACQUIS_")}
    clean.update(env, DJANGO_SETTINGS_MODULE="config.settings.base")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('démarré')"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_its_secrets():
    env = dict(PRODUCTION_ENV)
    del env["DJANGO_SECRET_KEY"], env["EMAIL_URL"]
    result = _start(env)
    assert result.returncode != 0
    assert "variable(s) manquante(s) DJANGO_SECRET_KEY, EMAIL_URL" in result.stderr


def test_production_starts_with_every_secret():
    result = _start(PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "démarré" in result.stdout


@pytest.mark.parametrize(
    ("variable", "value", "reason"),
    [
        ("DJANGO_DEBUG", "true", "DJANGO_DEBUG est activé"),
        ("DJANGO_SECRET_KEY", "court", "DJANGO_SECRET_KEY est trop faible"),
        ("DJANGO_SECRET_KEY", "x" * 60, "DJANGO_SECRET_KEY est trop faible"),
        ("DJANGO_SECRET_KEY", "django-insecure-" + "k7#Qz!p2Lw9@vN4rT8yB1mX6cF3hJ0sD5gA", "trop faible"),
        ("ALLOWED_HOSTS", "acquis.example,*", "ALLOWED_HOSTS accepte tout nom d'hôte"),
        ("EMAIL_URL", "console://", "EMAIL_URL=console:// écrirait les courriels dans le journal"),
    ],
)
def test_production_refuses_unsafe_settings(monkeypatch, variable, value, reason):
    """Security review L2: production started with DEBUG on, a 5-character secret, ALLOWED_HOSTS=* and console
    e-mail (warnings only)."""
    for name, good in PRODUCTION_ENV.items():
        monkeypatch.setenv(name, good)
    monkeypatch.setenv(variable, value)
    with pytest.raises(MissingConfiguration, match=reason):
        read_env()


def test_production_sends_hsts_for_every_subdomain():
    env = dict(PRODUCTION_ENV)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS)",
        ],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k not in env and not k.startswith("ACQUIS_")},
            **env,
            "DJANGO_SETTINGS_MODULE": "config.settings.base",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["31536000", "True"], result.stderr


def test_every_required_variable_is_checked(monkeypatch):
    for name, value in PRODUCTION_ENV.items():
        monkeypatch.setenv(name, value)
    assert read_env().is_production
    for name in PRODUCTION_REQUIRED:
        monkeypatch.delenv(name)
        with pytest.raises(MissingConfiguration, match=name):
            read_env()
        monkeypatch.setenv(name, PRODUCTION_ENV[name])


def test_unknown_environment_and_bad_boolean_are_refused(monkeypatch):
    monkeypatch.setenv("ACQUIS_ENV", "staging")
    with pytest.raises(MissingConfiguration, match="ACQUIS_ENV"):
        read_env()
    monkeypatch.setenv("ACQUIS_ENV", "development")
    monkeypatch.setenv("DJANGO_DEBUG", "peut-être")
    with pytest.raises(MissingConfiguration, match="DJANGO_DEBUG"):
        read_env()


def test_email_url_forms():
    smtp = email_settings("smtp://user:p%40ss@smtp.example:587?tls=true")
    assert smtp["EMAIL_HOST"] == "smtp.example" and smtp["EMAIL_PORT"] == 587
    assert smtp["EMAIL_HOST_PASSWORD"] == "p@ss" and smtp["EMAIL_USE_TLS"] is True
    assert email_settings("console://")["EMAIL_BACKEND"].endswith("console.EmailBackend")
    with pytest.raises(MissingConfiguration, match="schéma inconnu"):
        email_settings("pigeon://")
