"""RL113 tells an age preference from who a graduate scheme takes."""

from __future__ import annotations

from rolelint.loaders import document_from_string
from rolelint.rulepacks import builtin_rules_dir, load_rules
from rolelint.runner import run_rules

RULES = load_rules([builtin_rules_dir()])


def _found(text: str) -> list[str]:
    """The text each RL113 finding is anchored on."""
    document = document_from_string(text, fmt="markdown")
    return [text[f.start : f.end] for f in run_rules([document], [RULES["RL113"]], {})[document.path]]


def test_recent_graduates_in_an_ordinary_advert_are_an_age_preference():
    assert _found("# Data Analyst\n\nThis role suits recent graduates who like numbers.\n") == ["recent graduates"]


def test_recent_graduates_in_an_advert_for_a_graduate_scheme_are_its_eligibility():
    assert _found("# Commercial Graduate Programme\n\nWe take students who have recently graduated.\n") == []
    # a pasted page whose first line is its title
    assert _found("Analyst Academy - Zurich\nApply now\n\nOpen to recent graduates in finance.\n") == []


def test_a_sentence_naming_the_scheme_says_who_it_takes():
    text = "# Analyst\n\nThe Analyst Program is a unique opportunity for recent graduates to start a career.\n"
    assert _found(text) == []


def test_youth_said_of_the_team_is_still_found_in_a_graduate_scheme():
    text = "# Graduate Programme\n\nJoin a team of young talents who ship every week.\n"
    assert _found(text) == ["young talents"]


def test_an_ordinal_after_age_is_an_era_not_an_age():
    assert _found("# Evangelist\n\nWe look for new leaders for the digital age of the 21st Century.\n") == []
    assert _found("# Developer\n\nWe look for developers aged 21 to 30.\n") != []
