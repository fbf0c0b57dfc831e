#!/usr/bin/env bash
# Source me: sets ACQUIS_PG_URL to a PostgreSQL server for tests and benchmarks.
#  1. $DATABASE_URL when it is a postgres:// URL that answers;
#  2. the local server on 127.0.0.1:5432 when it answers (trust auth, user postgres);
#  3. otherwise a throwaway cluster (initdb + pg_ctl, fsync off) in a temporary directory, stopped on exit;
#     Debian's postgresql package is installed first when no PostgreSQL binary exists.
#     ACQUIS_PG_THROWAWAY=1 forces this third way (to test it on a machine that has a server).
pg_answers() {
  .venv/bin/python - "$1" <<'PY' >/dev/null 2>&1
import sys, psycopg
psycopg.connect(sys.argv[1], connect_timeout=3).close()
PY
}

pg_bindir() {
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then pg_config --bindir; return; fi
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

ACQUIS_PG_URL=""
if [[ "${DATABASE_URL:-}" == postgres* ]] && pg_answers "$DATABASE_URL"; then
  ACQUIS_PG_URL="$DATABASE_URL"
elif [ -z "${ACQUIS_PG_THROWAWAY:-}" ] && pg_answers "postgres://postgres@127.0.0.1:5432/postgres"; then
  ACQUIS_PG_URL="postgres://postgres@127.0.0.1:5432/postgres"
else
  bindir="$(pg_bindir)"
  if [ -z "$bindir" ]; then
    echo "==> Aucun binaire PostgreSQL : installation du paquet Debian postgresql"
    as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    bindir="$(pg_bindir)"
  fi
  ACQUIS_PG_DIR="$(mktemp -d /tmp/acquis-pg.XXXXXX)"
  port=$(( 20000 + RANDOM % 20000 ))
  run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  # initdb refuses to run as root: the cluster belongs to the postgres user when we are root.
  if [ "$(id -u)" = 0 ]; then chown postgres "$ACQUIS_PG_DIR"; fi
  echo "==> Démarrage d'un PostgreSQL jetable ($bindir, port $port)"
  run_pg "$bindir/initdb" -D "$ACQUIS_PG_DIR/data" -U postgres -A trust -E UTF8 >/dev/null
  run_pg "$bindir/pg_ctl" -D "$ACQUIS_PG_DIR/data" -l "$ACQUIS_PG_DIR/log" -w \
    -o "-p $port -k $ACQUIS_PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" start >/dev/null
  stop_throwaway_pg() { run_pg "$bindir/pg_ctl" -D "$ACQUIS_PG_DIR/data" -m fast stop >/dev/null 2>&1; rm -rf "$ACQUIS_PG_DIR"; }
  trap stop_throwaway_pg EXIT
  ACQUIS_PG_URL="postgres://postgres@127.0.0.1:$port/postgres"
fi
export ACQUIS_PG_URL
