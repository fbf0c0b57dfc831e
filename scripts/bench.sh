#!/usr/bin/env bash
# make bench: every bench/*.py script, each writing bench/results/<name>.json.
# The HTTP benchmark needs a served Acquis: a dedicated PostgreSQL database (acquis_bench, recreated on
# each run) and granian (the production server, docs/deploy.md) in the production configuration, on
# 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONDONTWRITEBYTECODE=1
BIN=.venv/bin
PY=$BIN/python
TMP=bench/results/tmp
mkdir -p bench/results "$TMP"

# Sized for a 2-core machine: one process per core, a few blocking threads each so that a worker keeps
# its core busy while a thread waits on PostgreSQL. Connections are kept alive (HTTP/1.1).
SERVER_WORKERS=${ACQUIS_BENCH_WORKERS:-2}
SERVER_THREADS=${ACQUIS_BENCH_THREADS:-4}
BENCH_DB=${ACQUIS_BENCH_DB:-acquis_bench}

source scripts/postgres.sh

server_pid=""
cleanup() {
  local rc=$?
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    echo "==> Arrêt de granian (pid $server_pid)"
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  # Our EXIT trap replaces the one postgres.sh sets for its throwaway cluster: call it ourselves.
  if declare -F stop_throwaway_pg >/dev/null; then stop_throwaway_pg; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The bench database lives on the same server as ACQUIS_PG_URL; only the database name differs.
BENCH_DB_URL=$($PY - "$ACQUIS_PG_URL" "$BENCH_DB" <<'PY'
import sys
from urllib.parse import urlsplit, urlunsplit
parts = urlsplit(sys.argv[1])
print(urlunsplit(parts._replace(path="/" + sys.argv[2])))
PY
)

echo "==> Base de mesure : recréation de « $BENCH_DB » sur ${ACQUIS_PG_URL%%@*}@${ACQUIS_PG_URL#*@}"
PG_VERSION=$($PY - "$ACQUIS_PG_URL" "$BENCH_DB" <<'PY'
import sys
import psycopg
from psycopg import sql
with psycopg.connect(sys.argv[1], autocommit=True) as conn:
    # FORCE: a leftover server from an interrupted run must not keep the old database alive.
    conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(sys.argv[2])))
    conn.execute(sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(sql.Identifier(sys.argv[2])))
    print(conn.execute("SHOW server_version").fetchone()[0])
PY
)

BENCH_SECRET="bench-only-$(head -c 48 /dev/urandom | base64 | tr -d '/+=')"  # production refuses < 50 characters
# The measured configuration is production's: every required variable set, DEBUG off.
django_env=(
  ACQUIS_ENV=production
  DJANGO_DEBUG=false
  DJANGO_SETTINGS_MODULE=config.settings.base
  DATABASE_URL="$BENCH_DB_URL"
  DJANGO_SECRET_KEY="$BENCH_SECRET"
  ALLOWED_HOSTS=127.0.0.1
  ACQUIS_BASE_URL=http://127.0.0.1
  EMAIL_URL=locmem://
  DEFAULT_FROM_EMAIL="Acquis bench <bench@acquis.localhost>"
  ACQUIS_STATS_PSEUDONYM_KEY="$BENCH_SECRET-pseudonyms"
  LOG_LEVEL=WARNING
)

echo "==> Migration (ACQUIS_ENV=production, DJANGO_DEBUG=false)"
env "${django_env[@]}" $PY manage.py migrate --no-input -v0
echo "==> Données de référence"
env "${django_env[@]}" $BIN/acquis reference load >/dev/null
echo "==> Données de démonstration"
env "${django_env[@]}" $BIN/acquis demo load >/dev/null

echo "==> Jeton d'API (employeur de démonstration)"
# The clear token is printed once, on the last line; it only exists in this run's throwaway database.
BENCH_TOKEN=$(env "${django_env[@]}" $PY manage.py shell -v0 -c '
from acquis.accounts.enums import OrganisationKind, Role
from acquis.accounts.models import Organisation
from acquis.accounts.services import api_token_create
from acquis.demo.data import ORGANISATIONS
siret = next(o.siret for o in ORGANISATIONS if o.kind == OrganisationKind.COMPANY)
token, raw = api_token_create(organisation=Organisation.objects.get(siret=siret), role=Role.EMPLOYER, name="bench")
print(raw)
' | tail -1)
[[ "$BENCH_TOKEN" == acq_* ]] || { echo "Création du jeton d'API impossible." >&2; exit 1; }

PORT=$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
BASE_URL="http://127.0.0.1:$PORT"
echo "==> Démarrage de granian : $SERVER_WORKERS workers × $SERVER_THREADS threads (WSGI) sur $BASE_URL"
env "${django_env[@]}" $BIN/granian --interface wsgi config.wsgi:application \
  --host 127.0.0.1 --port "$PORT" --workers "$SERVER_WORKERS" --blocking-threads "$SERVER_THREADS" \
  --http 1 --no-ws --log-level warning >>"$TMP/server.log" 2>&1 &
server_pid=$!

echo "==> Attente de la réponse de $BASE_URL/api/v1/health"
for i in $(seq 100); do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "granian s'est arrêté ; journal :" >&2; tail -30 "$TMP/server.log" >&2; server_pid=""; exit 1
  fi
  if $PY -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2).read()' \
    "$BASE_URL/api/v1/health" 2>/dev/null; then
    break
  fi
  if [ "$i" = 100 ]; then echo "granian ne répond pas après 20 s ; journal : $TMP/server.log" >&2; exit 1; fi
  sleep 0.2
done

export ACQUIS_BENCH_BASE_URL="$BASE_URL"
# The scripts that open a session for the server (bench/leave_list.py) must sign it with the server's key.
export DJANGO_SECRET_KEY="$BENCH_SECRET"
export ACQUIS_BENCH_TOKEN="$BENCH_TOKEN"
# For scripts that seed data before measuring (bench/leave_list.py): the throwaway bench database only.
export ACQUIS_BENCH_DATABASE_URL="$BENCH_DB_URL"
export ACQUIS_BENCH_PG_VERSION="$PG_VERSION"
# bench/rncp_import.py creates its own database (acquis_bench_rncp) on this server.
export ACQUIS_BENCH_PG_URL="$ACQUIS_PG_URL"
export ACQUIS_BENCH_SERVER="granian $($BIN/granian --version | awk '{print $2}') workers=$SERVER_WORKERS blocking_threads=$SERVER_THREADS interface=wsgi http=1"

# Every script runs even when one fails, so one broken benchmark does not hide the others' figures.
failed=()
summary=()
# `make bench` runs them all; `scripts/bench.sh rules_api law_corpus` runs the ones named.
for script in bench/*.py; do
  name=$(basename "$script" .py)
  if [ "$#" -gt 0 ] && [[ " $* " != *" $name "* ]]; then continue; fi
  echo "==> Benchmark $name ($script)"
  start=$(date +%s)
  if $PY "$script"; then
    status="ok"
  else
    status="ÉCHEC"
    failed+=("$name")
  fi
  result="bench/results/$name.json"
  [ -f "$result" ] || result="(pas de $result)"
  summary+=("$(printf '  %-20s %-6s %4ss  %s' "$name" "$status" "$(( $(date +%s) - start ))" "$result")")
done

if [ -s "$TMP/server.log" ] && grep -q -E 'ERROR|Traceback|CRITICAL' "$TMP/server.log"; then
  echo "==> Attention : erreurs dans $TMP/server.log"
fi
echo
echo "Résumé (PostgreSQL $PG_VERSION, granian $SERVER_WORKERS×$SERVER_THREADS, $(nproc) cœurs)"
printf '%s\n' "${summary[@]}"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "Benchmarks en échec : ${failed[*]}" >&2
  exit 1
fi
