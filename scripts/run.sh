#!/usr/bin/env bash
# make run: the embedded service on http://127.0.0.1:$PORT (8000 by default) with its task worker.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=config.settings.base
PORT="${PORT:-8000}"
export ACQUIS_BASE_URL="${ACQUIS_BASE_URL:-http://127.0.0.1:${PORT}}"
# A visitor of the demo gets the service's own 404 and 500 pages, not Django's debug page listing every URL
# pattern: DEBUG stays off unless a developer asks for it (DJANGO_DEBUG=true make run).
export DJANGO_DEBUG="${DJANGO_DEBUG:-false}"
mkdir -p var
PY=.venv/bin/python
echo "==> Migration de la base ${DATABASE_URL:-SQLite embarquée var/acquis.sqlite3}"
$PY manage.py migrate --no-input -v0
echo "==> Données de référence (territoires, ROME, catalogue de France VAE et échantillon RNCP, recherche)"
.venv/bin/acquis reference load
echo "==> Corpus juridique (Code du travail, sixième partie)"
.venv/bin/acquis law import --default --no-progress
echo "==> Données de démonstration"
.venv/bin/acquis demo load
echo "==> Démarrage du traitement des tâches (courriels, rappels)"
$PY manage.py db_worker --queue-name '*' > var/worker.log 2>&1 &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
cat <<MSG

  Acquis est servi sur http://127.0.0.1:${PORT}
  Connectez-vous avec un des comptes ci-dessus (mot de passe commun affiché), par exemple
  gip@demo.acquis.localhost. Journal du traitement des tâches : var/worker.log. Ctrl+C pour arrêter.

MSG
# --insecure: runserver serves the static files (DSFR) even with DEBUG off.
$PY manage.py runserver --insecure "127.0.0.1:${PORT}"
