"""E-mail backend from a single EMAIL_URL (console://, locmem://, smtp://user:pass@host:port?tls=true)."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlparse

from config.env import MissingConfiguration


def email_settings(email_url: str) -> dict[str, object]:
    url = urlparse(email_url)
    if url.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if url.scheme == "locmem":
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if url.scheme in ("smtp", "smtps"):
        query = parse_qs(url.query)
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": url.hostname or "localhost",
            "EMAIL_PORT": url.port or (465 if url.scheme == "smtps" else 25),
            "EMAIL_HOST_USER": unquote(url.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(url.password or ""),
            "EMAIL_USE_SSL": url.scheme == "smtps",
            "EMAIL_USE_TLS": query.get("tls", ["false"])[0].lower() == "true",
            "EMAIL_TIMEOUT": 20,
        }
    raise MissingConfiguration(f"EMAIL_URL={email_url!r} : schéma inconnu (console, locmem, smtp ou smtps).")
