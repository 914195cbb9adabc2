"""The shape of a profession rule: code, docs, declared options, and the check that runs it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from rolelint.diagnostics import Severity
from rolelint.options import RuleOption, resolve_options


@dataclass(frozen=True)
class ProfessionRule:
    """A cross-document rule. Same attribute names as the engine's and the rule packs' rules."""

    code: str
    name: str
    severity: Severity
    docs: dict[str, Any]
    check: Callable[..., Iterable[Any]] = field(compare=False, repr=False)
    options: dict[str, RuleOption] = field(default_factory=dict)
    enabled: bool = True
    kind: str = "profession"
    fixable: bool = False

    @property
    def summary(self) -> str:
        return " ".join(str(self.docs.get("what", "")).split())


__all__ = ["ProfessionRule", "RuleOption", "resolve_options"]
