"""Rules, rule versions, base definitions and exceptions, and the registry that decides cases.

Vocabulary (docs/rules.md has the long form):

* A **rule** has a stable id (``leave.status``), the facts it reads, and the **governing (anchor) date**
  that selects its version: the date the employer received the request, the day a pathway began…
* A **rule version** covers an interval of governing dates (``valid_until`` inclusive, ``None`` = open).
  It names the dated parameters it reads, cites its own sources, and may carry a transitional note.
* Inside a version, a **base** definition gives the value unless one **exception** applies (Catala-style
  default logic). Two applicable exceptions, or two versions covering one date, raise RuleConflict:
  the engine never picks silently.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from acquis.rules.decision import Decision, Source, TraceNode
from acquis.rules.durations import Duration
from acquis.rules.errors import CatalogueError, InvalidFacts, NoVersionInForce, RuleConflict, UnknownRule
from acquis.rules.facts import FactSpec, parse_facts
from acquis.rules.interpretations import Interpretation
from acquis.rules.parameters import ParameterSet, ParameterValue

_JSON_SCALARS = frozenset({str, int, float, bool, type(None)})


def jsonable(value: Any) -> Any:
    """Python value → JSON value, deterministically (dates ISO, exact numbers, tuples as lists)."""
    # Exact-type fast paths first: a decision converts its facts and trace (a dozen values) on every call,
    # and most of them are already plain JSON (a quarter of decide()'s time went through isinstance chains).
    cls = type(value)
    if cls in _JSON_SCALARS:
        return value
    if cls is dict:
        return {str(key): jsonable(item) for key, item in value.items()}
    if cls is list:
        return [jsonable(item) for item in value]
    if value is None or isinstance(value, bool | str | int | float):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        # Hours and levels in the catalogue are integral; a fractional count (37.5 h) stays a JSON number.
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, Duration):
        return value.to_json()
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): jsonable(item) for key, item in value.items()}
    raise TypeError(f"cannot express {value!r} in a decision")


@dataclass(frozen=True, slots=True)
class Definition:
    """A way to compute the value: the base one (``applies is None``) or an exception to it."""

    name: str
    compute: Callable[[Context], Any]
    applies: Callable[[Context], bool] | None = None
    sources: tuple[Source, ...] = ()
    description: str = ""


# Hierarchy of norms: a loi outranks a décret en Conseil d'État (R), which outranks a décret simple (D).
RANKS = {"L": 3, "R": 2, "D": 1}
RANK_NAMES = {3: "loi", 2: "décret en Conseil d'État", 1: "décret"}


def rank_of(article: str) -> int:
    """The rank of an article of a code from its letter (L, R, D); 0 for anything else (not compared)."""
    return RANKS.get(article[:1], 0)


@dataclass(frozen=True, slots=True)
class HigherNorm:
    """A norm of higher rank that the rule's value may not fall below (a décret cannot give less than the loi).

    ``lower`` and ``higher`` name the parameters holding each norm's value (their sources give the two
    sentences); ``floor`` returns what the higher norm guarantees in this case, or None when it says nothing
    (its text is not in the corpus on that date). When the value falls below it, the Decision's notes show the
    conflict with both sentences, and the value follows the higher norm — unless ``resolution`` is "lower",
    which needs the id of the documented interpretation that says so.
    """

    name: str
    lower: str
    higher: str
    floor: Callable[[Context], Any]
    resolution: str = "higher"
    interpretation: str = ""
    # Other parameters of the higher norm that ``floor`` reads. The higher norm's parameters are read on the
    # day ``floor`` chooses (a loi applies from its own date) and may have no value on some governing dates
    # (their text is not in the corpus): ``floor`` then answers None, so they are not checked for coverage.
    also_reads: tuple[str, ...] = ()
    also_cites: tuple[Source, ...] = ()  # cited when the higher norm prevails (e.g. the loi keeping the pay)

    @property
    def parameters(self) -> tuple[str, ...]:
        return (self.higher, *self.also_reads)


@dataclass(frozen=True, slots=True)
class RuleVersion:
    version: str
    valid_from: dt.date
    valid_until: dt.date | None
    base: Definition
    exceptions: tuple[Definition, ...] = ()
    parameters: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    transitional_note: str = ""
    higher_norms: tuple[HigherNorm, ...] = ()
    # Survival of an abrogated wording (a transitional note keeping it for earlier cases): the version reads
    # its parameters as they stood on this day, whatever the governing date.
    texts_of: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)

    def reads(self, name: str) -> bool:
        return name in self.parameters or any(name in norm.parameters for norm in self.higher_norms)

    def all_own_sources(self) -> tuple[Source, ...]:
        found = list(self.sources)
        for definition in (self.base, *self.exceptions):
            found.extend(definition.sources)
        return tuple(found)


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    articles: tuple[str, ...]
    anchor: str  # the governing date, in words
    facts: tuple[FactSpec, ...]
    value: str  # what the value is, in words
    versions: tuple[RuleVersion, ...]
    anchor_fact: str | None = None  # when the governing date is itself a fact of the case
    # When the governing date is derived from the facts (a programme's first year): parsed facts → date.
    anchor_from: Callable[[Mapping[str, Any]], dt.date] | None = None
    fact_specs: dict[str, FactSpec] = field(init=False, repr=False, compare=False)
    _version_by_day: dict[dt.date, RuleVersion] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "fact_specs", {spec.name: spec for spec in self.facts})
        object.__setattr__(self, "_version_by_day", {})

    @property
    def governed_by_facts(self) -> bool:
        """Whether the governing date comes from the facts, so that ``at`` may be omitted."""
        return self.anchor_fact is not None or self.anchor_from is not None

    def governing_date(self, facts: Mapping[str, Any], at: dt.date | None) -> dt.date:
        """The date that selects the version: from the facts when the rule says so (``at``, if given, must
        then be equal: deciding under the wrong version is the error this prevents), else ``at``."""
        if self.anchor_fact is not None:
            anchor_value, origin = facts[self.anchor_fact], self.anchor_fact
        elif self.anchor_from is not None:
            anchor_value, origin = self.anchor_from(facts), f"its facts ({self.anchor})"
        else:
            if at is None:
                raise InvalidFacts(f"rule {self.id} needs the governing date ({self.anchor}) passed as 'at'")
            return at
        if at is not None and anchor_value != at:
            raise InvalidFacts(
                f"rule {self.id} is governed by {origin} ({anchor_value.isoformat()}), "
                f"but the case was asked at {at.isoformat()}: pass the same date, or omit 'at'"
            )
        return anchor_value

    def version_at(self, day: dt.date) -> RuleVersion:
        # Resolved once per governing date: a list of 10,000 cases has a few hundred distinct dates at most.
        # Only successes are kept, so a conflict or a gap raises every time it is asked.
        found = self._version_by_day.get(day)
        if found is None:
            found = self._version_by_day[day] = self._find_version(day)
        return found

    def _find_version(self, day: dt.date) -> RuleVersion:
        matching = [version for version in self.versions if version.covers(day)]
        if len(matching) > 1:
            names = ", ".join(version.version for version in matching)
            raise RuleConflict(f"rule {self.id}: versions {names} all apply on {day.isoformat()}")
        if not matching:
            spans = "; ".join(
                f"{v.valid_from.isoformat()} → {v.valid_until.isoformat() if v.valid_until else 'open'}"
                for v in self.versions
            )
            raise NoVersionInForce(
                f"rule {self.id} has no version in force on {day.isoformat()} ({self.anchor}); versions: {spans}"
            )
        return matching[0]


class Context:
    """What a definition sees: the governing date, the parsed facts, and dated parameters."""

    __slots__ = (
        "at",
        "rule",
        "version",
        "_facts",
        "_parameters",
        "read_facts",
        "read_parameters",
        "steps",
        "missing",
        "cited",
        "notes",
    )

    def __init__(self, at: dt.date, rule: Rule, version: RuleVersion, facts: dict[str, Any], parameters: ParameterSet):
        self.at = at
        self.rule = rule
        self.version = version
        self._facts = facts
        self._parameters = parameters
        self.read_facts: list[str] = []
        self.read_parameters: list[tuple[str, ParameterValue]] = []
        self.steps: list[TraceNode] = []
        self.missing: list[str] = []
        self.cited: list[Source] = []
        self.notes: list[str] = []

    def fact(self, name: str) -> Any:
        if name not in self.rule.fact_specs:
            raise CatalogueError(f"rule {self.rule.id} reads undeclared fact {name!r}")
        if name not in self.read_facts:
            self.read_facts.append(name)
        return self._facts.get(name)

    def has_fact(self, name: str) -> bool:
        return name in self._facts

    def param(self, name: str, on: dt.date | None = None) -> Any:
        """The parameter's value on the governing date (or ``on``), recorded with its source for the decision."""
        if not self.version.reads(name):
            raise CatalogueError(f"rule {self.rule.id}@{self.version.version} reads undeclared parameter {name!r}")
        value = self._parameters[name].at(on or self.version.texts_of or self.at)
        if not any(read_name == name and read is value for read_name, read in self.read_parameters):
            self.read_parameters.append((name, value))
        return value.value

    def step(self, step: str, value: Any, detail: str = "", sources: tuple[str, ...] = ()) -> None:
        self.steps.append(TraceNode(step=step, value=jsonable(value), detail=detail, sources=sources))

    def mark_missing(self, name: str) -> None:
        if name not in self.missing:
            self.missing.append(name)

    def cite(self, source: Source) -> None:
        """A source the reasoning relied on for this case only (e.g. the renaming of an institution)."""
        if source not in self.cited:
            self.cited.append(source)

    def note(self, text: str) -> None:
        """A note for this case's decision (an interpretation applied, a conflict between norms)."""
        if text not in self.notes:
            self.notes.append(text)


class ValueContext(Context):
    """The same view of the case for bulk evaluation: reads facts and parameters, records nothing.

    Definitions run unchanged; only the bookkeeping a Decision needs (facts read, parameters read with their
    sources, trace steps) is skipped, which is most of the cost of a small rule such as leave.status.
    """

    __slots__ = ()

    def fact(self, name: str) -> Any:
        if name not in self.rule.fact_specs:
            raise CatalogueError(f"rule {self.rule.id} reads undeclared fact {name!r}")
        return self._facts.get(name)

    def param(self, name: str, on: dt.date | None = None) -> Any:
        if not self.version.reads(name):
            raise CatalogueError(f"rule {self.rule.id}@{self.version.version} reads undeclared parameter {name!r}")
        return self._parameters[name].at(on or self.version.texts_of or self.at).value

    def step(self, step: str, value: Any, detail: str = "", sources: tuple[str, ...] = ()) -> None:
        pass

    def mark_missing(self, name: str) -> None:
        pass

    def cite(self, source: Source) -> None:
        pass

    def note(self, text: str) -> None:
        pass


def _read_source(ctx: Context, name: str) -> Source | None:
    return next((read.source for read_name, read in reversed(ctx.read_parameters) if read_name == name), None)


def _apply_higher_norm(ctx: Context, norm: HigherNorm, value: Any) -> Any:
    read_before, steps_before = len(ctx.read_parameters), len(ctx.steps)
    floor = norm.floor(ctx)
    if floor is None or value is None or value >= floor:
        # The higher norm changes nothing here: its reading is not part of this decision's reasoning.
        del ctx.read_parameters[read_before:], ctx.steps[steps_before:]
        return value
    for source in norm.also_cites:
        ctx.cite(source)
    lower, higher = _read_source(ctx, norm.lower), _read_source(ctx, norm.higher)
    kept = floor if norm.resolution == "higher" else value
    ctx.step(f"conflict of norms: {norm.name}", jsonable(kept), f"{jsonable(value)} below {jsonable(floor)}")
    if lower is not None and higher is not None:
        outcome = (
            f"the value follows the {RANK_NAMES[rank_of(higher.article)]} ({jsonable(floor)})"
            if norm.resolution == "higher"
            else (
                f"the {RANK_NAMES[rank_of(lower.article)]} is kept ({jsonable(value)}), "
                f"interpretation {norm.interpretation}"
            )
        )
        ctx.note(
            f"Conflict of norms ({norm.name}): {lower.article} {lower.legiarti} "
            f"({RANK_NAMES[rank_of(lower.article)]}) gives {jsonable(value)}: « {lower.sentence} »; "
            f"{higher.article} {higher.legiarti} ({RANK_NAMES[rank_of(higher.article)]}) guarantees "
            f"{jsonable(floor)}: « {higher.sentence} »; {outcome}."
        )
    return kept


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a bulk evaluation keeps of a decision: the value (JSON form, as Decision.value) and the version."""

    value: Any
    rule_version: str


class Registry:
    """The catalogue: rules by id, the parameters they read, and the hash identifying both."""

    def __init__(
        self,
        parameters: ParameterSet,
        rules: Iterable[Rule] = (),
        ruleset_hash: str = "",
        interpretations: Iterable[Interpretation] = (),
    ) -> None:
        self.parameters = parameters
        self.ruleset_hash = ruleset_hash
        self._rules: dict[str, Rule] = {}
        for rule in rules:
            self.register(rule)
        self.interpretations: tuple[Interpretation, ...] = tuple(interpretations)
        self._interpretations_of: dict[str, list[Interpretation]] = {}
        for interpretation in self.interpretations:
            for rule_id in interpretation.rules:
                if rule_id not in self._rules:
                    raise CatalogueError(f"interpretation {interpretation.id} names unknown rule {rule_id!r}")
                self._interpretations_of.setdefault(rule_id, []).append(interpretation)

    def interpretations_of(self, rule_id: str, version: RuleVersion | None = None) -> tuple[Interpretation, ...]:
        """The named readings a rule applies (interpretations.yaml), in file order; with ``version``, only
        those whose sentence that version reads (an interpretation of the 2019 wording is not the 2023's)."""
        found = self._interpretations_of.get(rule_id, ())
        if version is None:
            return tuple(found)
        return tuple(item for item in found if item.applies_to(version.valid_from, version.valid_until))

    def _check_higher_norm(self, rule: Rule, version: RuleVersion, norm: HigherNorm) -> None:
        if norm.lower not in version.parameters:
            raise CatalogueError(f"rule {rule.id}@{version.version}: norm {norm.name} names undeclared {norm.lower!r}")
        for name in norm.parameters:
            if name not in self.parameters:
                raise CatalogueError(f"rule {rule.id}: norm {norm.name} reads unknown parameter {name!r}")
        lower = {rank_of(value.source.article) for value in self.parameters[norm.lower].values}
        higher = {rank_of(value.source.article) for value in self.parameters[norm.higher].values}
        if min(higher) <= max(lower):
            raise CatalogueError(f"rule {rule.id}: norm {norm.name}: {norm.higher} does not outrank {norm.lower}")
        if norm.resolution not in ("higher", "lower") or (norm.resolution == "lower" and not norm.interpretation):
            raise CatalogueError(
                f"rule {rule.id}: norm {norm.name}: keeping the lower norm needs a documented interpretation"
            )

    def register(self, rule: Rule) -> None:
        if rule.id in self._rules:
            raise CatalogueError(f"rule id {rule.id} registered twice")
        if not rule.versions:
            raise CatalogueError(f"rule {rule.id} has no version")
        if rule.anchor_fact is not None and rule.anchor_fact not in rule.fact_specs:
            raise CatalogueError(f"rule {rule.id}: anchor fact {rule.anchor_fact!r} is not one of its facts")
        ordered = sorted(rule.versions, key=lambda version: version.valid_from)
        for previous, current in zip(ordered, ordered[1:], strict=False):
            if previous.valid_until is None or current.valid_from <= previous.valid_until:
                raise CatalogueError(f"rule {rule.id}: versions {previous.version} and {current.version} overlap")
        for version in ordered:
            if version.valid_until is not None and version.valid_until < version.valid_from:
                raise CatalogueError(f"rule {rule.id}@{version.version}: valid_until before valid_from")
            for name in version.parameters:
                self._check_parameter_covers(rule, version, name)
            for norm in version.higher_norms:
                self._check_higher_norm(rule, version, norm)
        self._rules[rule.id] = rule

    def _check_parameter_covers(self, rule: Rule, version: RuleVersion, name: str) -> None:
        # A version must be able to read each of its parameters on every governing date it covers;
        # checked once at load time so that a gap is a start-up error, not a failure on some case.
        if name not in self.parameters:
            raise CatalogueError(f"rule {rule.id}@{version.version} reads unknown parameter {name!r}")
        values = self.parameters[name].values
        first, last = values[0], values[-1]
        parameter = self.parameters[name]
        surviving = version.texts_of is not None and parameter.covers(version.texts_of, version.texts_of)
        if not surviving and not parameter.covers(version.valid_from, version.valid_until):
            raise CatalogueError(
                f"rule {rule.id}@{version.version} ({version.valid_from} → {version.valid_until or 'open'}) reads "
                f"parameter {name}, whose values cover only {first.valid_from} → {last.valid_until or 'open'}"
            )

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._rules

    def __iter__(self):
        return iter(self._rules.values())

    def get(self, rule_id: str) -> Rule:
        try:
            return self._rules[rule_id]
        except KeyError:
            raise UnknownRule(f"unknown rule {rule_id!r}; known rules: {', '.join(sorted(self._rules))}") from None

    def _run(
        self, rule: Rule, facts: Mapping[str, Any], at: dt.date | None, context_class: type[Context]
    ) -> tuple[Context, Definition, Any]:
        """Parse the facts, pick the version in force on the governing date, apply base or exception."""
        parsed = parse_facts(rule.fact_specs, facts)
        at = rule.governing_date(parsed, at)
        version = rule.version_at(at)
        ctx = context_class(at, rule, version, parsed, self.parameters)
        try:
            applicable = [exception for exception in version.exceptions if exception.applies(ctx)]
            if len(applicable) > 1:
                names = ", ".join(exception.name for exception in applicable)
                raise RuleConflict(f"rule {rule.id}@{version.version}: exceptions {names} all apply to this case")
            chosen = applicable[0] if applicable else version.base
            value = chosen.compute(ctx)
            for norm in version.higher_norms:
                value = _apply_higher_norm(ctx, norm, value)
            return ctx, chosen, jsonable(value)
        except OverflowError:
            # A date of the facts so close to year 1 or 9999 that a deadline computed from it does not exist
            # (9999-12-31 + 15 days): the facts are unusable, not the engine broken.
            raise InvalidFacts(
                f"rule {rule.id}: a date computed from the facts falls outside years 1 to 9999; "
                "check the dates of the case"
            ) from None

    def evaluate(self, rule_id: str, facts: Mapping[str, Any], at: dt.date | None = None) -> Outcome:
        """The value ``decide`` would give, and its version, without sources, trace or inputs: for lists that
        need thousands of values. Same parsing, same version choice, same definitions, same errors; a page
        that shows one case's reasoning calls ``decide``."""
        ctx, _chosen, value = self._run(self.get(rule_id), facts, at, ValueContext)
        return Outcome(value, ctx.version.version)

    def decide(self, rule_id: str, facts: Mapping[str, Any], at: dt.date | None = None) -> Decision:
        rule = self.get(rule_id)
        ctx, chosen, value = self._run(rule, facts, at, Context)
        at, version = ctx.at, ctx.version

        sources: dict[tuple[str, str], Source] = {}
        for source in (*version.sources, *chosen.sources, *ctx.cited):
            sources.setdefault((source.legiarti, source.sentence), source)
        parameter_nodes = []
        for name, read in ctx.read_parameters:
            sources.setdefault((read.source.legiarti, read.source.sentence), read.source)
            parameter_nodes.append(
                TraceNode(step=f"parameter {name}", value=jsonable(read.value), sources=(read.source.legiarti,))
            )
        skipped = tuple(
            TraceNode(step=f"exception {exception.name}", value=False, detail="does not apply")
            for exception in version.exceptions
            if exception is not chosen
        )
        definition_node = TraceNode(
            step=f"{'exception' if chosen is not version.base else 'base'} {chosen.name}",
            value=value,
            detail=chosen.description,
            sources=tuple(source.legiarti for source in chosen.sources),
            children=tuple(ctx.steps),
        )
        trace = TraceNode(
            step=f"{rule.id}@{version.version}",
            value=value,
            detail=f"governing date {at.isoformat()} ({rule.anchor})",
            sources=tuple(source.legiarti for source in version.sources),
            children=(*parameter_nodes, *skipped, definition_node),
        )
        notes = (
            ((version.transitional_note,) if version.transitional_note else ())
            + tuple(ctx.notes)
            + tuple(interpretation.note() for interpretation in self.interpretations_of(rule.id, version))
        )
        return Decision(
            rule_id=rule.id,
            rule_version=version.version,
            at=at,
            value=value,
            sources=tuple(sources.values()),
            inputs_used={name: jsonable(facts[name]) for name in ctx.read_facts if name in facts},
            missing_inputs=tuple(ctx.missing),
            trace=trace,
            ruleset_hash=self.ruleset_hash,
            notes=notes,
        )
