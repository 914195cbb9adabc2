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


def _count(text: str, fmt: str = "markdown") -> int:
    found = _rl201(text, fmt)
    return int(found[0].message.split()[0]) if found else 0


ESSENTIALS = "".join(f"- Experience with tool {n}\n" for n in range(6))


def test_items_after_a_desirable_lead_in_item_are_desirable():
    extras = "".join(f"- Experience with library {n}\n" for n in range(4))
    assert _count(f"## Requirements\n\n{ESSENTIALS}- Nice to have one or more of:\n{extras}") == 0
    assert _count(f"## Requirements\n\n{ESSENTIALS}- Also essential:\n{extras}") == 10


def test_a_title_case_item_leads_in_to_its_section():
    duties = "".join(f"- Build part {n} of the service\n" for n in range(4))
    for needed in (5, 9):
        needs = "".join(f"- Experience with tool {n}\n" for n in range(needed))
        text = f"# Analyst\n\nThe Impact You Will Have\n\n{duties}- What We Look For\n{needs}- Pay Range Transparency\n- From 40k\n"
        # the requirements only: not the duties, the lead-ins or the pay line
        assert _count(text, "text") == (needed if needed > 7 else 0)


def test_headings_of_wishes_are_desirable():
    wishes = "".join(f"- Experience with library {n}\n" for n in range(5))
    for heading in ("And it would be nice if you also have", "Experience in these areas would be beneficial:"):
        assert _count(f"## Requirements\n\n{ESSENTIALS}\n## {heading}\n\n{wishes}") == 0, heading


def test_an_item_split_in_two_counts_once():
    items = (
        "- University degree or appropriate training\n- with work experience\n"
        "- Experience in the development of web applications,\n- Front and back end, e.g. forms\n"
        + "".join(f"- Knowledge of tool {n}\n" for n in range(5))
    )
    assert _count(f"## Your profile\n\n{items}") == 0  # seven requirements, within the limit; not nine


def test_items_that_end_with_commas_or_a_preposition_are_each_a_requirement():
    commas = "".join(f"- experience with tool {n},\n" for n in range(8))
    assert _count(f"## Requirements\n\n{commas}") == 8
    strands = "".join(f"- Ability to work with the people you support {n} with\n" for n in range(8))
    assert _count(f"## Requirements\n\n{strands}") == 8


def test_an_italic_line_naming_a_section_is_a_heading():
    wishes = "".join(f"- Experience with library {n}\n" for n in range(5))
    assert _count(f"*Requirements*\n\n{ESSENTIALS}\n*Bonus Points*\n\n{wishes}") == 0


def test_the_section_named_outside_a_brackets_aside_wins():
    duties = "".join(f"- Experience with building part {n}\n" for n in range(9))
    assert _count(f"## Key areas of responsibility (essential functions)\n\n{duties}## Skills\n\n- Python\n") == 0
