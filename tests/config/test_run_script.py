"""`make run` (scripts/run.sh): its port comes from PORT, and a visitor gets the service's 404 page, not Django's
debug page listing every URL pattern (DEBUG stays off unless DJANGO_DEBUG asks for it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = (ROOT / "scripts" / "run.sh").read_text()


def test_the_port_comes_from_port_with_8000_by_default():
    assert 'PORT="${PORT:-8000}"' in SCRIPT
    assert 'runserver --insecure "127.0.0.1:${PORT}"' in SCRIPT
    assert "8000" not in SCRIPT.replace('PORT="${PORT:-8000}"', "").replace("(8000 by default)", "")


def test_make_run_s_settings_have_debug_off_unless_asked():
    assert 'export DJANGO_DEBUG="${DJANGO_DEBUG:-false}"' in SCRIPT
    probe = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ACQUIS_ENV"))},
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
    }
    for value, expected in (("false", "False"), ("true", "True")):
        out = subprocess.run(
            [sys.executable, "-c", probe], cwd=ROOT, env={**env, "DJANGO_DEBUG": value}, capture_output=True, text=True
        )
        assert out.stdout.strip() == expected, out.stderr
