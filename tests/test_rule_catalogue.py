"""The built-in catalogue: every rule documented, every example honoured, codes in their ranges."""

from __future__ import annotations

from pathlib import Path

import pytest

from rolelint.ruleexamples import rules_test
from rolelint.rulepacks import builtin_rules_dir, load_rules

RULES = load_rules([builtin_rules_dir()])
DOC_KEYS = ("what", "why", "example", "use_instead")


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_has_full_docs(code):
    rule = RULES[code]
    for key in DOC_KEYS:
        assert rule.docs[key].strip(), f"{code} docs.{key} is empty"
    assert rule.docs["references"], f"{code} has no references"


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_has_failing_and_passing_examples(code):
    examples = RULES[code].examples
    assert examples["fail"] and examples["pass"]


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_examples_behave(code):
    failures = [r.describe() for r in rules_test(rules=RULES, codes=[code]) if not r.passed]
    assert not failures, "\n".join(failures)


def test_codes_are_in_the_wording_and_structure_ranges():
    assert all(code[:3] in ("RL1", "RL2") for code in RULES)


def test_file_names_start_with_code_and_name():
    for rule in RULES.values():
        assert rule.source_path.name == f"{rule.code}-{rule.name}.yaml"


def test_gender_word_lists_agree_between_word_and_balance_rules():
    assert RULES["RL111"].spec | {"name": None} == RULES["RL112"].spec | {"name": None}


def test_docs_rules_md_is_generated_from_every_rule():
    from rolelint.config import Config
    from rolelint.registry import load_catalogue
    from rolelint.ruledocs import catalogue_markdown

    catalogue = load_catalogue(Config(root=Path(builtin_rules_dir()).parent))
    page = Path(builtin_rules_dir()).parent / "docs" / "rules.md"
    assert page.read_text(encoding="utf-8") == catalogue_markdown(catalogue.rules), (
        "docs/rules.md is stale: regenerate it with `rolelint rules --format markdown > docs/rules.md`"
    )
