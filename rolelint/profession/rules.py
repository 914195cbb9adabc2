"""Every profession rule, by code (RL3xx), with its check module imported (the registry lists them
lazily, through rolelint.profession.catalogue)."""

from __future__ import annotations

from rolelint.profession.base import ProfessionRule, resolve_options
from rolelint.profession.catalogue import CATALOGUE

PROFESSION_RULES: dict[str, ProfessionRule] = {code: entry.load() for code, entry in CATALOGUE.items()}

__all__ = ["PROFESSION_RULES", "ProfessionRule", "resolve_options"]
