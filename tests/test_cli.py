import subprocess
import sys
from pathlib import Path

from acquis.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_help_lists_acquis_commands(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "acquis demo load" in out and "acquis reference load" in out and "acquis manage" in out


def test_unknown_group_or_action_exits_2(capsys):
    assert main(["pigeon"]) == 2
    assert "groupe de commandes inconnu" in capsys.readouterr().err
    assert main(["demo"]) == 2
    assert "précisez une action parmi : load" in capsys.readouterr().err


def test_console_script_runs_a_command():
    result = subprocess.run(
        [sys.executable, "-m", "acquis.cli", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and "acquis demo load" in result.stdout


def test_rules_group_reaches_the_pure_rules_cli(capsys):
    assert main(["rules", "list"]) == 0
    assert "leave.status" in capsys.readouterr().out
