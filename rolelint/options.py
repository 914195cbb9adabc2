"""Rule options: declared once beside the rule, checked when the config loads, in one wording.

Every kind of rule (a pack's YAML rule, a profession rule) declares its options as RuleOptions; a
config's values are checked against them when the catalogue loads (rolelint.registry), so a wrong
option stops the run with exit 2 before any file is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from rolelint.config import ConfigError

TYPES: dict[str, tuple[type, ...]] = {
    "integer": (int,),
    "number": (int, float),
    "string": (str,),
    "boolean": (bool,),
    "list": (list, tuple),
    "mapping": (dict,),
}


class OptionError(ConfigError):
    """A config gives a rule an option it does not have, or a value the option does not accept."""


@dataclass(frozen=True)
class RuleOption:
    type: str  # a key of TYPES
    default: Any
    description: str
    choices: tuple | None = None  # the values accepted (each item, for a list)
    minimum: float | None = None
    maximum: float | None = None

    def problem(self, value: Any) -> str | None:
        """Why ``value`` is not acceptable, or None."""
        types = TYPES[self.type]
        if isinstance(value, bool) and bool not in types or not isinstance(value, types):
            return f"should be {self.type}, got {value!r}"
        if self.choices is not None:
            values = value if isinstance(value, (list, tuple)) else [value]
            bad = [v for v in values if v not in self.choices]
            if bad:
                return f"{bad[0]!r} is not accepted; choose from {', '.join(map(str, self.choices))}"
        low, high = self.minimum, self.maximum
        if isinstance(value, (int, float)) and (low is not None and value < low or high is not None and value > high):
            if low is not None and high is not None:
                return f"should be between {low:g} and {high:g}, got {value!r}"
            return (
                f"should be at least {low:g}, got {value!r}"
                if low is not None
                else f"should be at most {high:g}, got {value!r}"
            )
        return None


def resolve_options(rule, given: Mapping[str, Any] | None) -> dict[str, Any]:
    """``rule.options``' defaults with the values ``given`` (a config's), each checked; OptionError
    names the rule, the option and what it accepts."""
    declared: Mapping[str, RuleOption] = getattr(rule, "options", None) or {}
    values = {name: option.default for name, option in declared.items()}
    for key, value in (given or {}).items():
        option = declared.get(key)
        if option is None:
            accepted = ", ".join(sorted(declared)) or "none"
            raise OptionError(
                f"invalid config: rule {rule.code} ({rule.name}) has no option {key!r}; accepted options: {accepted}"
            )
        problem = option.problem(value)
        if problem:
            raise OptionError(f"invalid config: option {key!r} of rule {rule.code} ({rule.name}) {problem}")
        values[key] = value
    return values
