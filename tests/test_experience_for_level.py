"""RL122: years of experience above the advert's level, and a range of years given as a minimum."""

from __future__ import annotations

from rolelint.loaders import document_from_string
from rolelint.rulepacks import builtin_rules_dir, load_rules
from rolelint.runner import run_rules

RULES = load_rules([builtin_rules_dir()])


def messages(text: str) -> list[str]:
    document = document_from_string(text)
    return [f.message for f in run_rules([document], [RULES["RL122"]], {})[document.path]]


def test_any_years_in_an_entry_level_advert_are_reported_as_needing_none():
    assert messages("# Entry-level developer\n\n- 1 year of experience with Python\n") == [
        "'1 year of experience' asks for 1 year of experience in an entry-level advert, which should need none"
    ]


def test_a_title_naming_two_levels_is_held_to_the_lower():
    found = messages("# Junior developer (Trainee)\n\n- 1+ years experience building web applications\n")
    assert found == ["'1+ years experience' asks for 1 year of experience in a trainee advert, which should need none"]


def test_the_body_calling_the_post_entry_level_sets_the_level():
    text = "# Developer\n\nWe are looking for an entry-level developer.\n\n- 1-2 years of development experience\n"
    assert len(messages(text)) == 1


def test_entry_level_people_the_post_works_with_do_not_set_the_level():
    text = "# Developer\n\nYou will mentor entry-level engineers.\n\n- 3+ years of development experience\n"
    assert messages(text) == []


def test_a_field_naming_the_position_sets_the_level():
    text = "Position: Software Engineer - Associate\n\n- 5+ years of experience in distributed systems\n"
    assert messages(text) == [
        "'5+ years of experience' asks for 5 years of experience in an advert at associate level (at most 3 expected)"
    ]


def test_a_site_front_matter_value_that_is_only_a_level_sets_it():
    text = "---\ncategory: trainee\ntitle: Postdoctoral fellow\n---\n- A PhD and 2+ years of experience in research\n"
    assert len(messages(text)) == 1


def test_a_range_given_as_a_minimum_is_reported_at_any_level():
    assert messages("# Senior project manager\n\n- Minimum 3-5 years of relevant experience\n") == [
        "'Minimum 3-5 years' gives a range as a minimum, which is one figure"
    ]


def test_a_plain_range_is_not_a_minimum():
    assert messages("# Project manager\n\n- 3-5 years of relevant experience\n") == []


def test_years_above_the_level_and_a_range_as_minimum_in_one_place_are_one_finding():
    found = messages("# Junior developer\n\n- At least 3-5 years of development experience\n")
    assert found == [
        "'3-5 years of development experience' asks for 3 years of experience in an advert at junior level "
        "(at most 2 expected)"
    ]
