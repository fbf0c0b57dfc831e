"""Typed reading of the environment: the one place where Acquis reads ``os.environ``.

Every variable is documented in docs/environment.md. In production a missing secret stops
start-up with a message naming every missing variable at once, so an operator fixes them in one go.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

ENVIRONMENTS = ("development", "test", "production")


class MissingConfiguration(RuntimeError):
    """Raised at start-up when production lacks a required variable."""


def _bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in ("1", "true", "yes", "on"):
        return True
    if raw.lower() in ("0", "false", "no", "off"):
        return False
    raise MissingConfiguration(f"{name}={raw!r} n'est pas un booléen (attendu : true/false).")


def _list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if not raw:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


@dataclass(frozen=True)
class OidcProvider:
    """One OpenID Connect provider (ProConnect for professionals, FranceConnect for candidates)."""

    name: str
    client_id: str
    client_secret: str
    authorization_endpoint: str
    token_endpoint: str
    user_endpoint: str
    jwks_endpoint: str
    logout_endpoint: str
    issuer: str
    sign_algo: str
    scopes: str

    @property
    def enabled(self) -> bool:
        return bool(self.client_id and self.authorization_endpoint)


def _oidc(prefix: str, name: str, scopes: str) -> OidcProvider:
    def get(key: str, default: str = "") -> str:
        return os.environ.get(f"{prefix}_{key}", default)

    return OidcProvider(
        name=name,
        client_id=get("CLIENT_ID"),
        client_secret=get("CLIENT_SECRET"),
        authorization_endpoint=get("AUTHORIZATION_ENDPOINT"),
        token_endpoint=get("TOKEN_ENDPOINT"),
        user_endpoint=get("USER_ENDPOINT"),
        jwks_endpoint=get("JWKS_ENDPOINT"),
        logout_endpoint=get("LOGOUT_ENDPOINT"),
        issuer=get("ISSUER"),
        sign_algo=get("SIGN_ALGO", "RS256"),
        scopes=get("SCOPES", scopes),
    )


@dataclass(frozen=True)
class Env:
    environment: str
    secret_key: str
    debug: bool
    allowed_hosts: list[str]
    csrf_trusted_origins: list[str]
    database_url: str
    base_url: str
    email_url: str
    default_from_email: str
    tasks_backend: str
    log_level: str
    session_cookie_secure: bool
    proconnect: OidcProvider
    franceconnect: OidcProvider
    stats_pseudonym_key: str = ""
    missing: list[str] = field(default_factory=list)

    @property
    def is_production(self) -> bool:
        return self.environment == "production"


# Variables without which a production instance must not start: a default here would be a
# silent security hole (a known SECRET_KEY) or silently lost data (an SQLite file in a container).
PRODUCTION_REQUIRED = (
    "DJANGO_SECRET_KEY",
    "DATABASE_URL",
    "ALLOWED_HOSTS",
    "ACQUIS_BASE_URL",
    "EMAIL_URL",
    "DEFAULT_FROM_EMAIL",
    "ACQUIS_STATS_PSEUDONYM_KEY",
)


def _unsafe_production_settings() -> list[str]:
    """What production must refuse rather than warn about (security review L2): each was accepted with a warning
    at most, and each exposes people's data (DEBUG pages, forged sessions, Host poisoning, e-mail bodies in the
    worker's log)."""
    problems = []
    if _bool("DJANGO_DEBUG", default=False):
        problems.append("DJANGO_DEBUG est activé (les pages d'erreur montreraient les données)")
    secret = os.environ.get("DJANGO_SECRET_KEY", "")
    # Django's own bar (check --deploy, security.W009): 50 characters, 5 distinct, not a generated insecure one.
    if len(secret) < 50 or len(set(secret)) < 5 or secret.startswith("django-insecure-"):
        problems.append("DJANGO_SECRET_KEY est trop faible (50 caractères aléatoires au moins)")
    if "*" in _list("ALLOWED_HOSTS", []):
        problems.append("ALLOWED_HOSTS accepte tout nom d'hôte (*) : nommez le ou les domaines servis")
    # console:// writes every e-mail's body (names, decisions) to the worker's log. (locmem://, which keeps them
    # in memory, stays allowed for the benchmark's production-like runs: it writes nothing anywhere.)
    if os.environ.get("EMAIL_URL", "").split(":", 1)[0].lower() == "console":
        problems.append("EMAIL_URL=console:// écrirait les courriels dans le journal : indiquez un serveur SMTP")
    return problems


def read_env() -> Env:
    environment = os.environ.get("ACQUIS_ENV", "development")
    if environment not in ENVIRONMENTS:
        raise MissingConfiguration(
            f"ACQUIS_ENV={environment!r} est inconnu : choisissez parmi {', '.join(ENVIRONMENTS)}."
        )
    production = environment == "production"
    missing = [name for name in PRODUCTION_REQUIRED if not os.environ.get(name)] if production else []
    if missing:
        raise MissingConfiguration(
            "Configuration de production incomplète : variable(s) manquante(s) "
            + ", ".join(missing)
            + ". Voir docs/environment.md."
        )
    if production:
        unsafe = _unsafe_production_settings()
        if unsafe:
            raise MissingConfiguration(
                "Configuration de production dangereuse, refusée : "
                + " ; ".join(unsafe)
                + ". Voir docs/environment.md."
            )
    return Env(
        environment=environment,
        secret_key=os.environ.get("DJANGO_SECRET_KEY", "acquis-development-only-secret-key-do-not-use-in-production"),
        debug=_bool("DJANGO_DEBUG", default=not production and environment != "test"),
        allowed_hosts=_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"]),
        csrf_trusted_origins=_list("CSRF_TRUSTED_ORIGINS", []),
        database_url=os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'acquis.sqlite3'}"),
        base_url=os.environ.get("ACQUIS_BASE_URL", "http://127.0.0.1:8000"),
        email_url=os.environ.get("EMAIL_URL", "console://"),
        default_from_email=os.environ.get("DEFAULT_FROM_EMAIL", "Acquis <ne-pas-repondre@acquis.localhost>"),
        tasks_backend=os.environ.get("ACQUIS_TASKS_BACKEND", "database"),
        log_level=os.environ.get("LOG_LEVEL", "INFO"),
        session_cookie_secure=_bool("SESSION_COOKIE_SECURE", default=production),
        proconnect=_oidc("PROCONNECT", "proconnect", "openid email given_name usual_name siret"),
        franceconnect=_oidc("FRANCECONNECT", "franceconnect", "openid email given_name family_name birthdate"),
        stats_pseudonym_key=os.environ.get(
            "ACQUIS_STATS_PSEUDONYM_KEY", "acquis-development-only-pseudonym-key-do-not-use-in-production"
        ),
    )
