"""The rule model: one frozen record per rule of a pack, its options, and the table of rule kinds.

A rule's kind (phrase, pattern, regex, metric, check) is a module of rolelint.checks with the same
interface (see rolelint/checks/__init__.py); ``KINDS`` maps each kind's name to it. Options are
declared in the rule file with their types and defaults, checked when the pack loads, and a config's
values for them are checked when the config loads (rolelint.registry), with one wording for errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rolelint.checks import metric as metric_kind
from rolelint.checks import named as named_kind
from rolelint.checks import pattern as pattern_kind
from rolelint.checks import phrase as phrase_kind
from rolelint.checks import regex as regex_kind
from rolelint.diagnostics import Severity

KINDS = {
    "phrase": phrase_kind,
    "pattern": pattern_kind,
    "regex": regex_kind,
    "metric": metric_kind,
    "check": named_kind,
}
OPTION_TYPES = {
    "integer": (int,),
    "number": (int, float),
    "string": (str,),
    "boolean": (bool,),
    "list": (list, tuple),
    "mapping": (dict,),
}
TAGGED_NEEDS = {"lemma", "pos", "dep", "ner"}


class RulePackError(Exception):
    """A rule pack (or a user's option for a rule) is invalid; the message names file, rule and key."""


@dataclass(frozen=True)
class RuleOption:
    name: str
    type: str
    default: Any
    description: str
    choices: tuple | None = None


@dataclass(frozen=True, eq=False)
class Rule:
    """A rule of a pack, as loaded: equal only to itself (each load compiles its own matchers)."""

    code: str
    name: str
    severity: Severity
    enabled: bool
    kind: str
    scope: dict
    message: str
    suggestion: str | None
    fixable: bool
    spec: dict
    options: dict[str, RuleOption]
    docs: dict
    examples: dict
    source_path: Path
    aliases: tuple[str, ...] = ()
    compiled: Any = field(default=None, compare=False, repr=False)

    @property
    def needs(self) -> frozenset[str]:
        """NLP needs of this rule (empty: no spaCy)."""
        return frozenset(KINDS[self.kind].needs(self, self.compiled))


# --- options --------------------------------------------------------------------------------


def option_problem(option: RuleOption, value: Any) -> str | None:
    types = OPTION_TYPES[option.type]
    if isinstance(value, bool) and bool not in types:
        return f"should be {option.type}, got {value!r}"
    if not isinstance(value, types):
        return f"should be {option.type}, got {value!r}"
    if option.choices is not None:
        values = value if isinstance(value, (list, tuple)) else [value]
        bad = [v for v in values if v not in option.choices]
        if bad:
            return f"{bad[0]!r} is not accepted; choose from {', '.join(map(str, option.choices))}"
    return None


def resolve_options(rule: Rule, given: dict | None) -> dict[str, Any]:
    """The rule's declared defaults, overridden by ``given``; raises RulePackError on a bad key or value."""
    values = {name: option.default for name, option in rule.options.items()}
    for key, value in (given or {}).items():
        option = rule.options.get(key)
        if option is None:
            accepted = ", ".join(sorted(rule.options)) or "none"
            raise RulePackError(f"invalid config: rule {rule.code} ({rule.name}) has no option {key!r}; accepted options: {accepted}")
        problem = option_problem(option, value)
        if problem:
            raise RulePackError(f"invalid config: option {key!r} of rule {rule.code} ({rule.name}) {problem}")
        values[key] = value
    return values
