#!/usr/bin/env bash
# make test: lint, migrations check, then pytest on SQLite (unit + browser) and on PostgreSQL (integration).
set -euo pipefail
cd "$(dirname "$0")/.."
# Bytecode is written (to the ignored __pycache__ folders): pytest caches its assertion rewriting there, which the
# second pass (PostgreSQL) then reuses instead of rewriting every test module again.
BIN=.venv/bin

echo "==> ruff check"
$BIN/ruff check .
echo "==> ruff format --check"
$BIN/ruff format --check .
echo "==> makemigrations --check"
DJANGO_SETTINGS_MODULE=config.settings.test $BIN/python manage.py makemigrations --check --dry-run -v1

echo "==> acquis rules check (sources des règles contre le corpus, couverture des cas)"
$BIN/acquis rules check > /dev/null || { $BIN/acquis rules check; exit 1; }

source scripts/chromium.sh
source scripts/postgres.sh

echo "==> pytest : tests unitaires et navigateur (SQLite)"
$BIN/python -m pytest -m "not postgresql" --numprocesses=auto "$@"
echo "==> pytest : tests d'intégration (PostgreSQL ${ACQUIS_PG_URL%%@*}@…)"
ACQUIS_TEST_DATABASE_URL="$ACQUIS_PG_URL" $BIN/python -m pytest -m postgresql --numprocesses=auto "$@"
