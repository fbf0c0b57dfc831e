#!/usr/bin/env bash
# Source me: makes sure Debian's Chromium is installed (never a browser download) and exports its path.
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
ACQUIS_CHROMIUM="${ACQUIS_CHROMIUM:-$(command -v chromium || true)}"
if [ -z "$ACQUIS_CHROMIUM" ]; then
  echo "==> Chromium absent : installation du paquet Debian chromium"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  ACQUIS_CHROMIUM="$(command -v chromium)"
fi
export ACQUIS_CHROMIUM
