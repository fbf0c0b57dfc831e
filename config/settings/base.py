"""Production-safe settings; every value comes from config.env (documented in docs/environment.md)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

from config.env import BASE_DIR, read_env
from config.settings.integrations.email import email_settings
from config.settings.integrations.oidc import oidc_settings

ENV = read_env()

SECRET_KEY = ENV.secret_key
DEBUG = ENV.debug
ALLOWED_HOSTS = ENV.allowed_hosts
CSRF_TRUSTED_ORIGINS = ENV.csrf_trusted_origins
ACQUIS_BASE_URL = ENV.base_url

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "widget_tweaks",
    "dsfr",
    "mozilla_django_oidc",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "acquis.audit",
    "acquis.accounts",
    "acquis.territories",
    "acquis.law",
    "acquis.certifications",
    "acquis.orientation",
    "acquis.leave",
    "acquis.governance",
    "acquis.pathways",
    "acquis.funding",
    "acquis.statistics",
    "acquis.notifications",
    "acquis.backups",
    "acquis.demo",
    "acquis.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "acquis.web.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # PostgreSQL refuses NUL in text: a 400 here, never a 500 from the database.
    "acquis.web.middleware.RefuseNulMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "acquis.web.middleware.ActingRoleMiddleware",
    # Turns a login refused for too many failures into the « trop de tentatives » page (429).
    "axes.middleware.AxesMiddleware",
    # Last, so that it wraps the view alone: a GET may read, never write.
    "acquis.web.middleware.ReadOnlySafeMethodsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "acquis" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dsfr.context_processors.site_config",
                "acquis.web.context_processors.acquis",
            ],
            # One date format on every page, e-mail and document, with no {% load %} to forget.
            "builtins": ["acquis.documents.templatetags.french_dates"],
        },
    },
]
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {"default": dj_database_url.parse(ENV.database_url, conn_max_age=60, conn_health_checks=True)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    (BASE_DIR / "var").mkdir(exist_ok=True)
    # Several processes (web server and task worker) share the embedded database.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # The worklist's covering index (Candidacy, include=…) is a PostgreSQL optimisation; on the embedded
    # database it is a plain index, as intended, and the warning would print on every command.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses any login (password, admin, OIDC callback) while the account or address is locked out.
    "axes.backends.AxesStandaloneBackend",
    "acquis.accounts.backends.EmailBackend",
    "acquis.accounts.oidc.backends.ProviderBackend",
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:space"
LOGOUT_REDIRECT_URL = "web:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# French only: LANGUAGE_CODE fixes the language, so no LocaleMiddleware negotiation on every request
# (it cost about 0.2 ms a request on the rules API, measured with bench/rules_api.py).
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
# ACQUIS_MEDIA_ROOT: where uploaded files live (a backup restore test points it at a temporary folder).
MEDIA_ROOT = Path(os.environ.get("ACQUIS_MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Largest attachment a congé VAE request accepts: a product choice (a scanned letter fits easily), not law.
ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
# Congé VAE e-mails (`acquis leave remind`): product choices, not law. The law sets the answer delay
# (rule leave.employer_answer_due); Acquis only chooses when to remind. Nothing legal depends on them.
# Remind the employer this many days before the last day to answer (and on each later day until it, if the
# daily scan missed that day).
LEAVE_ANSWER_REMINDER_DAYS = 3
# A scan that missed days (scheduler down) still sends a deemed-consent notice up to this many days after
# consent arose, never later: a notice about an old request would confuse more than inform.
LEAVE_NOTICE_CATCH_UP_DAYS = 7
# VAE pathway e-mails (`acquis pathways notices`): product choices, not law. The law sets the delays (rules
# admissibility.decision_due, admissibility.lapse_date, jury.latest_date); Acquis only chooses when to remind.
# Each reminder goes once, on the first scan from this many days before its date (up to that date: a missed
# day is caught up). Remind the certifier before the last day of its decision on admissibility…
PATHWAY_DECISION_REMINDER_DAYS = 14
# …and before the latest jury date while no jury is scheduled.
PATHWAY_JURY_REMINDER_DAYS = 21
# Warn the candidate (and accompanier) before their admissibility lapses for want of a recorded step.
PATHWAY_LAPSE_WARNING_DAYS = 30
# The GIP's « recevable » notice (certifier silent at the end of its delay) is sent by the first scan from the
# day after the delay; a scan that missed days still sends it up to this many days later, not after.
PATHWAY_NOTICE_CATCH_UP_DAYS = 30
# A registration invitation (an accompanier or the GIP registering a person, who accepts it from the e-mail's
# link) can be accepted for this many days, then the link answers that it has expired: a product choice, not
# law. Long enough for a person who reads their mail weekly; short enough that a forgotten proposal (whose
# start date and experiences age) is not accepted months later. The inviter can send a new one.
PATHWAY_INVITATION_VALID_DAYS = 30

# Statistics (acquis/statistics, docs/statistics.md): the Parquet snapshots and open data files, and the secret
# of the keyed hashes that pseudonymise people in them (HMAC-SHA256; keep it out of the snapshots' reach).
STATS_SNAPSHOT_DIR = BASE_DIR / "var" / "statistics"
STATS_PSEUDONYM_KEY = ENV.stats_pseudonym_key
# Snapshot directories older than this many days are deleted by each new snapshot (docs/statistics.md, R6411-6):
# a snapshot holds pseudonymised, not anonymous, data, kept no longer than the follow-up needs.
STATS_SNAPSHOT_RETENTION_DAYS = 400

SESSION_COOKIE_SECURE = ENV.session_cookie_secure
CSRF_COOKIE_SECURE = ENV.session_cookie_secure
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if ENV.is_production:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    # Every subdomain is served over HTTPS too: a plain-HTTP subdomain could otherwise set cookies for this one.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True

# Login throttling (django-axes; security review M3). Each refused password costs a full PBKDF2 check (about
# 0.3 s of one core, bench/login_cost.py): without a limit, 4 guesses a second saturated the 2-core server.
# Locked after this many failures for one account (any address) or from one address (any account), until the
# cool-off has passed; a success resets the count. Product choices (ANSSI's guide on authentication suggests a
# limit and a delay rather than a definitive lock, which would let anyone lock an account out for good).
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "acquis.accounts.backends.login_username"
AXES_LOCKOUT_TEMPLATE = "web/accounts/locked_out.html"
# Only failures are kept (AccessAttempt: address and e-mail, erased with the account, acquis.accounts.retention);
# successful logins are already in the audit log.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_VERBOSE = False
if ENV.is_production:
    # Behind the reverse proxy of docs/deploy.md: the client is the last address it appends to X-Forwarded-For.
    AXES_IPWARE_PROXY_COUNT = 1
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

# Session lifetime by role (from the login; acquis.accounts.selectors.session_age): the more an account can
# reach, the sooner it must log in again. Product choices, documented in docs/security.md.
ACQUIS_SESSION_AGES = {
    "admin": 2 * 3600,  # superuser, staff (the admin site) and the GIP's team
    "professional": 8 * 3600,  # a role acting for an organisation: one working day
    "personal": 12 * 3600,  # candidates, employees
}
SESSION_COOKIE_AGE = max(ACQUIS_SESSION_AGES.values())

vars().update(email_settings(ENV.email_url))
DEFAULT_FROM_EMAIL = ENV.default_from_email
SERVER_EMAIL = ENV.default_from_email

_OIDC = oidc_settings(ENV)
vars().update(_OIDC)

# Content-Security-Policy (django-csp; security review L2): no inline script or style anywhere, so an injected
# <script> or on* attribute never runs. The logout form's redirection to an identity provider's end_session
# endpoint is a navigation from a form: form-action must allow those origins.
_PROVIDER_ORIGINS = sorted(
    {
        "{0.scheme}://{0.netloc}".format(urlsplit(values["OIDC_OP_LOGOUT_ENDPOINT"]))
        for values in _OIDC["ACQUIS_OIDC_PROVIDERS"].values()
        if values.get("OIDC_OP_LOGOUT_ENDPOINT")
    }
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'", *_PROVIDER_ORIGINS],
        "frame-ancestors": ["'none'"],
    }
}

TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if ENV.tasks_backend == "immediate"
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default", "emails"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": ENV.log_level},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

NINJA_PAGINATION_PER_PAGE = 50
