"""``acquis rules …``: list the catalogue, decide one case, check the catalogue.

Pure entry point (no Django): ``main(argv) -> exit code``; the project's console command dispatches
``acquis rules …`` here. Contract:

* ``list`` — one JSON object per rule (id, title, articles, governing date, facts, versions) on stdout.
* ``decide RULE_ID [--at YYYY-MM-DD] --facts FILE|-`` — the Decision as JSON on stdout, exit 0; on error
  ``{"error": code, "message": …}`` on stdout, exit 2 (codes: unknown_rule, missing_facts, invalid_facts,
  no_version_in_force, rule_conflict, parameter_not_in_force, invalid_arguments). ``--at`` may be omitted
  when the rule takes its governing date from its facts. Hostile facts (invalid UTF-8, numbers of thousands
  of digits, JSON nested 100,000 deep, dates whose deadlines overflow year 9999) are invalid_facts, exit 2.
* ``find ARTICLE [--json]`` — every rule, parameter, case and interpretation citing the article; exit 0
  (2 with invalid_arguments when ARTICLE is not an article number).
* ``check [--cases DIR]`` — the findings as JSON; exit 0 when there is no error, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from acquis.rules.errors import InvalidFacts, RulesError
from acquis.rules.facts import load_facts_json, parse_date

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _ArgumentError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    # argparse exits the process on bad arguments; the contract says "exit 2 with a JSON error".
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _ArgumentError(message)


def _parser() -> _Parser:
    parser = _Parser(prog="acquis rules", description="Effective-dated VAE rules with cited sources.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    sub.add_parser("list", help="list the rules of the catalogue")
    decide = sub.add_parser("decide", help="decide one case and print the Decision as JSON")
    decide.add_argument("rule_id")
    decide.add_argument(
        "--at",
        default=None,
        help="the rule's governing date, YYYY-MM-DD; optional when the rule takes it from its facts",
    )
    decide.add_argument("--facts", required=True, help="JSON file of facts, or - for stdin")
    find = sub.add_parser("find", help="every rule, parameter, case and interpretation citing an article")
    find.add_argument("article", help="an article number, e.g. R6412-4")
    find.add_argument("--json", action="store_true", help="print JSON instead of the human listing")
    check = sub.add_parser("check", help="check sources against the law corpus and case coverage")
    check.add_argument("--cases", type=Path, default=None, help="directory of YAML case files")
    return parser


def _emit(out: TextIO, payload: Any) -> None:
    out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


def _error(out: TextIO, code: str, message: str) -> int:
    _emit(out, {"error": code, "message": message})
    return EXIT_ERROR


def _list(out: TextIO) -> int:
    from acquis.rules.catalogue import catalogue_listing

    _emit(out, catalogue_listing())
    return EXIT_OK


def _decide(out: TextIO, stdin: TextIO, rule_id: str, at_text: str, facts_path: str) -> int:
    from acquis.rules.catalogue import default_registry

    at = None
    if at_text is not None:
        try:
            at = parse_date("--at", at_text)  # YYYY-MM-DD only, as the facts' dates
        except InvalidFacts:
            return _error(out, "invalid_arguments", f"--at must be a date written YYYY-MM-DD, got {at_text!r}")
    try:
        # Bytes from a file: load_facts_json decodes them, so invalid UTF-8 is invalid_facts, as on stdin.
        raw: str | bytes = stdin.read() if facts_path == "-" else Path(facts_path).read_bytes()
    except OSError as error:
        return _error(out, "invalid_facts", f"cannot read facts file {facts_path}: {error.strerror}")
    except UnicodeDecodeError as error:
        return _error(out, "invalid_facts", f"facts are not UTF-8 text (invalid byte at position {error.start})")
    registry = default_registry()
    if at is None and rule_id in registry and not registry.get(rule_id).governed_by_facts:
        rule = registry.get(rule_id)
        return _error(out, "invalid_arguments", f"--at is required for {rule.id}: its governing date is {rule.anchor}")
    try:
        decision = registry.decide(rule_id, load_facts_json(raw), at)
    except RulesError as error:
        return _error(out, error.code, error.message)
    out.write(decision.to_json(indent=2) + "\n")
    return EXIT_OK


def _find(out: TextIO, article_text: str, as_json: bool) -> int:
    from acquis.rules.cases import DEFAULT_CASES_DIR, load_cases
    from acquis.rules.catalogue import default_registry
    from acquis.rules.find import find_article, format_found, normalise_article

    article = normalise_article(article_text)
    if article is None:
        return _error(out, "invalid_arguments", f"{article_text!r} is not an article number such as R6412-4")
    found = find_article(default_registry(), load_cases(DEFAULT_CASES_DIR), article)
    if as_json:
        _emit(out, found)
    else:
        out.write(format_found(found))
    return EXIT_OK


def default_corpus() -> Any:
    """The vendored law corpus (acquis.law.corpus), built in memory from data/law/."""
    from acquis.law.corpus import load_default_corpus

    return load_default_corpus()


def _check(out: TextIO, cases_dir: Path | None) -> int:
    from acquis.rules.cases import DEFAULT_CASES_DIR, load_cases
    from acquis.rules.catalogue import default_registry
    from acquis.rules.check import run_check

    try:
        cases = load_cases(cases_dir or DEFAULT_CASES_DIR)
    except (OSError, ValueError) as error:
        return _error(out, "invalid_arguments", f"cannot load test cases: {error}")
    findings = run_check(default_registry(), default_corpus(), cases)
    errors = [f for f in findings if f.level == "error"]
    _emit(
        out,
        {
            "errors": len(errors),
            "warnings": len(findings) - len(errors),
            "findings": [finding.to_json() for finding in findings],
        },
    )
    return EXIT_FINDINGS if errors else EXIT_OK


def main(argv: list[str] | None = None, *, stdout: TextIO | None = None, stdin: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    try:
        args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    except _ArgumentError as error:
        return _error(out, "invalid_arguments", str(error))
    except SystemExit as exit_:  # --help
        return int(exit_.code or 0)
    if args.command == "list":
        return _list(out)
    if args.command == "decide":
        return _decide(out, stdin or sys.stdin, args.rule_id, args.at, args.facts)
    if args.command == "find":
        return _find(out, args.article, args.json)
    return _check(out, args.cases)


if __name__ == "__main__":
    raise SystemExit(main())
