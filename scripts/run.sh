#!/usr/bin/env bash
# make run: the embedded service on http://127.0.0.1:8000 (PORT=… to change it) with its task worker.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=config.settings.base
mkdir -p var
PY=.venv/bin/python
PORT=${PORT:-8000}
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

  Acquis est servi sur http://127.0.0.1:$PORT
  Connectez-vous avec un des comptes ci-dessus (mot de passe commun affiché), par exemple
  gip@demo.acquis.localhost. Journal du traitement des tâches : var/worker.log. Ctrl+C pour arrêter.

MSG
$PY manage.py runserver 127.0.0.1:$PORT
