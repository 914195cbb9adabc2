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


def declared(
    code: str,
    *,
    check: Callable[..., Iterable[Any]],
    docs: dict[str, Any],
    options: dict[str, RuleOption] | None = None,
) -> ProfessionRule:
    """The rule ``code`` with the name, default severity and on-by-default that the catalogue
    (rolelint.profession.catalogue) lists for it: declared there once, so that listing the rules
    imports no check."""
    from rolelint.profession.catalogue import CATALOGUE

    listed = CATALOGUE[code]
    return ProfessionRule(
        code=code,
        name=listed.name,
        severity=listed.severity,
        enabled=listed.enabled,
        docs=docs,
        check=check,
        options=options or {},
    )


__all__ = ["ProfessionRule", "RuleOption", "declared", "resolve_options"]
