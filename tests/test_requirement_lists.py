"""RL201 counts the requirements an advert makes, however its lists are headed."""

from __future__ import annotations

from rolelint.checks.named.essential_requirements import reads_as_requirement
from rolelint.loaders import document_from_string
from rolelint.rulepacks import builtin_rules_dir, load_rules
from rolelint.runner import run_rules

RULES = load_rules([builtin_rules_dir()])
WORDS = frozenset(RULES["RL201"].spec["requirement_words"])
VERBS = frozenset({"build", "run", "experience", "share"})


def _rl201(text: str, fmt: str = "markdown"):
    document = document_from_string(text, fmt=fmt)
    return run_rules([document], [RULES["RL201"]], {})[document.path]


def test_an_item_naming_experience_or_years_reads_as_a_requirement():
    assert reads_as_requirement("Experience with Django", WORDS, VERBS)
    assert reads_as_requirement("5+ years in product management", WORDS, VERBS)
    assert reads_as_requirement("Strong SQL skills", WORDS, VERBS)


def test_a_duty_opening_with_a_verb_does_not():
    assert not reads_as_requirement("Build dashboards that share knowledge", WORDS, VERBS)
    assert not reads_as_requirement("Plan releases", WORDS, VERBS)


def test_a_list_of_requirements_with_no_requirements_heading_is_counted():
    items = "".join(f"- Experience with tool {n}\n" for n in range(9))
    (finding,) = _rl201(f"# Developer\n\nUse your skills to make an impact\n\n{items}")
    assert "9 essential requirements" in finding.message


def test_other_lists_do_not_count_when_the_advert_heads_its_requirements():
    essentials = "".join(f"- Experience with tool {n}\n" for n in range(4))
    extras = "".join(f"- Experience with library {n}\n" for n in range(6))
    text = f"# Developer\n\n## Requirements\n\n{essentials}\n## Pro's\n\n{extras}"
    assert _rl201(text) == []


def test_a_list_of_duties_is_not_counted():
    duties = "".join(f"- Build feature {n} for users\n" for n in range(10))
    assert _rl201(f"# Developer\n\nIn this job\n\n{duties}") == []
