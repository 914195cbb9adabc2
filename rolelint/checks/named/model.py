"""The record of a named check: what it needs from spaCy, which ``check`` keys it takes, and its hooks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping


@dataclass(frozen=True)
class NamedCheck:
    """One named check. ``run(rule, target, options)`` yields its findings for one document;
    ``run(rule, target, options, nlp)`` when it ``reads_pipeline``."""

    name: str
    run: Callable
    needs: frozenset[str] = frozenset()
    # each key of the rule's ``check`` mapping besides ``name`` -> its JSON Schema, whose description
    # says what it takes (see spec_schema): a user's rule is checked against it when it loads, so
    # that a bad rule pack stops the run there
    schema: Mapping[str, dict[str, Any]] = field(default_factory=dict, compare=False)
    required: frozenset[str] = frozenset()  # the keys of ``schema`` a rule must give
    triggers: Callable | None = None  # rule -> Triggers: the words a span needs for the check to fire
    # (rule, targets of every document of the run, options) -> None: work done once for the run, in batches,
    # before the check runs document by document
    prefetch: Callable | None = None
    # (rules, nlp) -> None: called once per pipeline and rule set before a run (see runner.prepare_rules)
    prepare: Callable | None = None
    # (rule, document, items) -> bool: True when the check finds nothing in the document with these
    # spans (those its triggers kept), whatever their annotations: they are then not annotated for it
    needless: Callable | None = None
    # (rule, item) -> bool, for a check that reads the dependency parse only at some of its findings:
    # whether it reads it on ``item``, a span tagged (perhaps in windows only), judged from the span
    # alone (the runner's memo of annotations is keyed by the span, not its document). Only such spans are then parsed
    # (rolelint.runner); elsewhere the check must not need it
    parse_wanted: Callable | None = None
    # run is given the run's pipeline (None when no rule of the run needs spaCy), to keep what it
    # works out with that pipeline's state (rolelint.nlp.state) rather than in module globals
    reads_pipeline: bool = False

    @property
    def params(self) -> frozenset[str]:
        """The keys of the rule's ``check`` mapping besides ``name``."""
        return frozenset(self.schema)
