"""The profession rules as the rule catalogue lists them, without importing their checks.

Every run loads the catalogue (to check codes, select rules, name and grade findings), but few runs
need a profession rule's check, documentation or options: a run with no profession rule selected,
one whose index holds nothing to compare, or a warm run that reads its findings from the memo. So
the registry lists each rule by code, name, default severity and whether it is on by default, and
imports its module (rolelint.profession.checks.rl3xx_...) the first time anything else is asked of
it. This table is the one place a profession rule's code, name, severity and default are declared:
the module's ``RULE`` takes them from here (rolelint.profession.base.declared) and adds its check,
documentation and options.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Any

from rolelint.diagnostics import Severity

_ENTRIES = (
    ("RL301", "broken-reference", "rl301_broken_reference", Severity.ERROR, True),
    ("RL302", "title-level-mismatch", "rl302_title_level_mismatch", Severity.WARNING, True),
    ("RL303", "unknown-title", "rl303_unknown_title", Severity.WARNING, True),
    ("RL304", "requirement-inflation", "rl304_requirement_inflation", Severity.WARNING, True),
    ("RL305", "skill-not-in-role", "rl305_skill_not_in_role", Severity.WARNING, True),
    ("RL306", "salary-outside-band", "rl306_salary_outside_band", Severity.WARNING, True),
    ("RL307", "experience-outside-range", "rl307_experience_outside_range", Severity.WARNING, True),
    ("RL308", "proficiency-falls", "rl308_proficiency_falls", Severity.WARNING, True),
    ("RL309", "no-progression", "rl309_no_progression", Severity.WARNING, True),
    ("RL310", "salary-band-order", "rl310_salary_band_order", Severity.WARNING, True),
    ("RL311", "level-gap", "rl311_level_gap", Severity.WARNING, True),
    ("RL312", "duplicate-role", "rl312_duplicate_role", Severity.WARNING, True),
    ("RL313", "title-reused", "rl313_title_reused", Severity.WARNING, True),
    ("RL314", "role-blurring", "rl314_role_blurring", Severity.WARNING, True),
    ("RL315", "non-preferred-term", "rl315_non_preferred_term", Severity.WARNING, True),
    ("RL316", "inferred-role-level", "rl316_inferred_role_level", Severity.INFO, True),
    ("RL317", "conflicting-role-claim", "rl317_conflicting_role_claim", Severity.WARNING, True),
    ("RL318", "range-backwards", "rl318_range_backwards", Severity.WARNING, True),
)


@dataclass(frozen=True)
class LazyProfessionRule:
    """A profession rule whose check module is imported when first needed. ``code``, ``name``,
    ``severity``, ``enabled`` and ``kind`` are known without it; any other attribute (``check``,
    ``docs``, ``options``, ``summary``, ...) is the module's ``RULE``'s."""

    code: str
    name: str
    module: str
    severity: Severity
    enabled: bool = True
    kind: str = "profession"
    supersedes: tuple[str, ...] = ()

    def load(self):
        """The rule as its module defines it (rolelint.profession.base.ProfessionRule)."""
        return import_module(f"rolelint.profession.checks.{self.module}").RULE

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # copy, pickle and friends probe for these: no reason to import the check
            raise AttributeError(name)
        return getattr(self.load(), name)


# A text rule that says less about the same words than a profession rule, which knows the level's
# framework: where both flag the same place, only the profession rule's finding is reported (RL122
# guesses the most years a level expects from words in its title; RL307 knows the level's range).
_SUPERSEDES = {"RL307": ("RL122",)}

CATALOGUE: dict[str, LazyProfessionRule] = {
    code: LazyProfessionRule(code, name, module, severity, enabled, supersedes=_SUPERSEDES.get(code, ()))
    for code, name, module, severity, enabled in _ENTRIES
}

__all__ = ["CATALOGUE", "LazyProfessionRule"]
