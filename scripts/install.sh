#!/usr/bin/env bash
# Install the locked dependencies into .venv, only when the lock file changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/.."
kind="${1:-base}"
lock="requirements/${kind}.txt"
stamp=".venv/.installed-${kind}-$(sha256sum "$lock" pyproject.toml | sha256sum | cut -c1-16)"
if [ -f "$stamp" ]; then exit 0; fi
echo "==> Installation des dépendances ($lock)"
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q --require-hashes -r "$lock"
# setuptools warns that editable installs are editable; silence it, keep errors.
PYTHONWARNINGS=ignore .venv/bin/python -m pip install -q --no-deps -e .
rm -f .venv/.installed-"${kind}"-*
touch "$stamp"
