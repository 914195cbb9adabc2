"""Every profession rule, by code (RL3xx): the catalogue the registry reads."""

from __future__ import annotations

from typing import Any

from rolelint.config import ConfigError
from rolelint.profession.base import ProfessionRule, RuleOption
from rolelint.profession.checks import (rl301_broken_reference, rl302_title_level_mismatch, rl303_unknown_title,
                                        rl304_requirement_inflation, rl305_skill_not_in_role,
                                        rl306_salary_outside_band, rl307_experience_outside_range,
                                        rl308_proficiency_falls, rl309_no_progression, rl310_salary_band_order,
                                        rl311_level_gap, rl312_duplicate_role, rl313_title_reused,
                                        rl314_role_blurring, rl315_non_preferred_term, rl316_inferred_role_level,
                                        rl317_conflicting_role_claim)

_MODULES = (rl301_broken_reference, rl302_title_level_mismatch, rl303_unknown_title, rl304_requirement_inflation,
            rl305_skill_not_in_role, rl306_salary_outside_band, rl307_experience_outside_range,
            rl308_proficiency_falls, rl309_no_progression, rl310_salary_band_order, rl311_level_gap,
            rl312_duplicate_role, rl313_title_reused, rl314_role_blurring, rl315_non_preferred_term,
            rl316_inferred_role_level, rl317_conflicting_role_claim)

PROFESSION_RULES: dict[str, ProfessionRule] = {m.RULE.code: m.RULE for m in _MODULES}


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
