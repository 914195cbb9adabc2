"""Every rule rolelint knows in one catalogue: engine rules, text rule packs and profession rules."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rolelint.config import Config, ConfigError
from rolelint.core_rules import CORE_RULES
from rolelint.diagnostics import Finding
from rolelint.documents import Document


@dataclass
class RuleCatalogue:
    rules: dict[str, Any]  # code -> CoreRule | rulemodel.Rule | profession rule (same attribute names)
    text_rules: dict[str, Any] = field(default_factory=dict)
    profession_rules: dict[str, Any] = field(default_factory=dict)

    def runs_text_rules(self, active: set[str] | frozenset[str]) -> bool:
        """Whether any of the ``active`` codes is a text rule (which may need spaCy)."""
        return any(code in active for code in self.text_rules)

    def run_text_rules(self, documents: list[Document], active: set[str], config: Config) -> dict[str, list[Finding]]:
        selected = [rule for code, rule in self.text_rules.items() if code in active]
        if not selected or not documents:
            return {}
        from rolelint.runner import run_rules

        options = {code: settings.options for code, settings in config.rules.items() if settings.options}
        return run_rules(documents, selected, options, model=config.model)

    def run_profession_rules(
        self,
        documents: list[Document],
        active: set[str],
        config: Config,
        cwd: Path,
        *,
        use_cache: bool = True,
        memo=None,
        holding_no_kind: set[str] | frozenset[str] = frozenset(),
        walked: list | None = None,
    ) -> dict[str, list[Finding]]:
        selected = {code: rule for code, rule in self.profession_rules.items() if code in active}
        if not selected:
            return {}
        from rolelint.profession import run_profession_rules

        return run_profession_rules(
            documents,
            selected,
            config,
            cwd=cwd,
            use_cache=use_cache,
            memo=memo,
            holding_no_kind=holding_no_kind,
            walked=walked,
        )

    def profession_memo(self, given: list, active: set[str], config: Config, cwd: Path, *, walked: list | None = None):
        """The findings memo of a cached run over the files ``given`` (rolelint.profession.memo), or
        None when no profession rule is active. ``walked``: see rolelint.profession.repo.repo_files."""
        selected = {code: rule for code, rule in self.profession_rules.items() if code in active}
        if not selected:
            return None
        from rolelint.profession import findings_memo

        return findings_memo(given, selected, config, cwd=cwd, walked=walked)


def load_catalogue(config: Config) -> RuleCatalogue:
    from rolelint.rulemodel import RulePackError
    from rolelint.rulepacks import builtin_rules_dir, load_rules

    try:
        text_rules = load_rules([builtin_rules_dir(), *config.rule_packs], trusted=[builtin_rules_dir()])
    except RulePackError as exc:
        raise ConfigError(str(exc)) from None
    profession_rules = _profession_rules()
    rules: dict[str, Any] = dict(CORE_RULES)
    for code, rule in {**text_rules, **profession_rules}.items():
        if code in rules:
            raise ConfigError(f"rule code {code} is defined twice ({getattr(rule, 'source_path', 'built in')})")
        rules[code] = rule
    catalogue = RuleCatalogue(rules=rules, text_rules=text_rules, profession_rules=profession_rules)
    check_config_codes(config, catalogue)
    return catalogue


def _profession_rules() -> dict[str, Any]:
    """The profession rules, each importing its check module only when first needed."""
    from rolelint.profession.catalogue import CATALOGUE

    return dict(CATALOGUE)


def check_config_codes(config: Config, catalogue: RuleCatalogue) -> None:
    """Every code the config names must exist, or the run stops with exit 2 naming the key."""
    try:
        known = sorted(catalogue.rules)
        for code in config.rules:
            if code not in catalogue.rules:
                raise ConfigError(unknown_code(f"rules.{code}", code, known))
        for key, codes in (("select", config.select), ("ignore", config.ignore)):
            for code in codes:
                check_code_prefix(code, known, f"{key}")
        for pattern, codes in config.per_file_ignores.items():
            for code in codes:
                check_code_prefix(code, known, f"per_file_ignores.{pattern}")
        check_config_options(config, catalogue)
    except ConfigError as exc:
        if config.path is None or str(config.path) in str(exc):
            raise
        raise type(exc)(f"{config.path}: {exc}") from None


def check_config_options(config: Config, catalogue: RuleCatalogue) -> None:
    """Every option the config gives a rule must be one it declares, with a value it accepts
    (OptionError, exit 2, naming the rule and the option), before any file is read."""
    from rolelint.options import resolve_options

    for code, settings in config.rules.items():
        if settings.options:
            resolve_options(catalogue.rules[code], settings.options)


def check_code_prefix(code: str, known: list[str], where: str) -> None:
    if code == "ALL" or any(k.startswith(code) for k in known):
        return
    raise ConfigError(unknown_code(where, code, known))


# Letters typed for the digits they look like ("RL1O4", "RLl04"), read back as digits for the hint.
_LOOKALIKE_DIGITS = str.maketrans("OoIlSZ", "001152")


def unknown_code(where: str, code: str, known: list[str]) -> str:
    first_digit = next((i for i, char in enumerate(code) if char.isdigit()), len(code))
    read = code[:first_digit] + code[first_digit:].translate(_LOOKALIKE_DIGITS)
    hint = [read] if read in known else difflib.get_close_matches(code, known, n=1)
    message = f"`{where}`: unknown rule code {code!r}"
    if hint:
        message += f"; did you mean {hint[0]!r}?"
    return message + " (run `rolelint rules` for the list)"
