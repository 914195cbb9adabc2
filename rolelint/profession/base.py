"""The shape of a profession rule: code, docs, declared options, and the check that runs it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from rolelint.config import ConfigError
from rolelint.diagnostics import Severity

_TYPES = {"number": (int, float), "integer": (int,), "boolean": (bool,), "list": (list,), "string": (str,)}


@dataclass(frozen=True)
class RuleOption:
    type: str  # number | integer | boolean | list | string
    default: Any
    description: str
    minimum: float | None = None
    maximum: float | None = None

    def problem(self, value: Any) -> str | None:
        """Why ``value`` is not acceptable, or None."""
        accepted = _TYPES[self.type]
        if isinstance(value, bool) and self.type != "boolean" or not isinstance(value, accepted):
            return f"should be {self.type}"
        if self.minimum is not None and value < self.minimum or self.maximum is not None and value > self.maximum:
            return f"should be between {self.minimum:g} and {self.maximum:g}"
        return None


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


def resolve_options(rule: ProfessionRule, given: dict[str, Any]) -> dict[str, Any]:
    """The rule's options with the config's values, each checked against its declaration."""
    resolved = {name: option.default for name, option in rule.options.items()}
    for name, value in given.items():
        option: RuleOption | None = rule.options.get(name)
        if option is None:
            accepted = ", ".join(rule.options) or "none"
            raise ConfigError(f"invalid config: rule {rule.code} ({rule.name}) has no option {name!r} "
                              f"(options: {accepted})")
        problem = option.problem(value)
        if problem:
            raise ConfigError(f"invalid config: option {name!r} of {rule.code} ({rule.name}) {problem}, "
                              f"not {value!r}")
        resolved[name] = value
    return resolved
