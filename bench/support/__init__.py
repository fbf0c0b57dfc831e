"""Helpers shared by the benchmark scripts (a folder, so that scripts/bench.sh does not run it as one)."""
