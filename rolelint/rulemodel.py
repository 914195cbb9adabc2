"""The rule model: one frozen record per rule of a pack, and the table of rule kinds.

A rule's kind (phrase, pattern, regex, metric, check) is a module of rolelint.checks with the same
interface (see rolelint/checks/__init__.py); ``KINDS`` maps each kind's name to it. Options are
declared in the rule file (rolelint.options.RuleOption), their defaults checked when the pack loads.
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
from rolelint.options import RuleOption, resolve_options

KINDS = {
    "phrase": phrase_kind,
    "pattern": pattern_kind,
    "regex": regex_kind,
    "metric": metric_kind,
    "check": named_kind,
}
TAGGED_NEEDS = {"lemma", "pos", "dep", "ner"}


class RulePackError(Exception):
    """A rule pack (or a user's option for a rule) is invalid; the message names file, rule and key."""


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


__all__ = ["KINDS", "TAGGED_NEEDS", "Rule", "RuleOption", "RulePackError", "resolve_options"]
