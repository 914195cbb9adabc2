"""Every profession rule, by code (RL3xx): the catalogue the registry reads."""

from __future__ import annotations

from rolelint.profession.base import ProfessionRule, resolve_options
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

__all__ = ["PROFESSION_RULES", "ProfessionRule", "resolve_options"]
