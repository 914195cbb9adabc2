"""RL122: years of experience above the advert's level, and a range of years given as a minimum."""

from __future__ import annotations

from rolelint.loaders import document_from_string
from rolelint.rulepacks import builtin_rules_dir, load_rules
from rolelint.runner import run_rules

RULES = load_rules([builtin_rules_dir()])


def messages(text: str, options: dict | None = None) -> list[str]:
    document = document_from_string(text)
    return [f.message for f in run_rules([document], [RULES["RL122"]], {"RL122": options or {}})[document.path]]


def suggestions(text: str) -> list[str | None]:
    document = document_from_string(text)
    return [f.suggestion for f in run_rules([document], [RULES["RL122"]], {})[document.path]]


def test_any_years_in_an_entry_level_advert_are_reported_as_needing_none():
    assert messages("# Entry-level developer\n\n- 1 year of experience with Python\n") == [
        "'1 year of experience' asks for 1 year of experience in an advert whose title says entry-level, "
        "which should need none"
    ]


def test_a_title_naming_two_levels_is_held_to_the_lower():
    found = messages("# Junior developer (Trainee)\n\n- 1+ years experience building web applications\n")
    assert found == [
        "'1+ years experience' asks for 1 year of experience in an advert whose title says trainee, which should need none"
    ]


def test_the_body_calling_the_post_entry_level_sets_the_level():
    text = "# Developer\n\nWe are looking for an entry-level developer.\n\n- 1-2 years of development experience\n"
    assert messages(text) == [
        "'1-2 years of development experience' asks for 1 year of experience in an advert the body calls "
        "entry-level (line 3), which should need none"
    ]


def test_entry_level_people_the_post_works_with_do_not_set_the_level():
    text = "# Developer\n\nYou will mentor entry-level engineers.\n\n- 3+ years of development experience\n"
    assert messages(text) == []


def test_a_field_naming_the_position_sets_the_level():
    text = "Position: Software Engineer - Associate\n\n- 5+ years of experience in distributed systems\n"
    assert messages(text) == [
        "'5+ years of experience' asks for 5 years of experience in an advert whose Position field (line 1) says "
        "associate (at most 3 expected)"
    ]


def test_a_site_front_matter_value_that_is_only_a_level_sets_it():
    text = "---\ncategory: trainee\ntitle: Postdoctoral fellow\n---\n- A PhD and 2+ years of experience in research\n"
    assert messages(text) == [
        "'2+ years of experience' asks for 2 years of experience in an advert whose `category` is trainee, "
        "which should need none"
    ]


def test_a_range_given_as_a_minimum_is_reported_at_any_level():
    assert messages("# Senior project manager\n\n- Minimum 3-5 years of relevant experience\n") == [
        "'Minimum 3-5 years' gives a range where a minimum should be one figure: is it 3 years or 5?"
    ]


def test_the_range_suggestion_names_the_range_and_the_word_to_drop():
    assert suggestions("# Fundraiser\n\n- At least 5-8 years of experience\n") == [
        "Give the one figure you require, or write '5-8 years' without 'at least'"
    ]


def test_a_plain_range_is_not_a_minimum():
    assert messages("# Project manager\n\n- 3-5 years of relevant experience\n") == []


def test_years_above_the_level_and_a_range_as_minimum_in_one_place_are_one_finding():
    found = messages("# Junior developer\n\n- At least 3-5 years of development experience\n")
    assert found == [
        "'3-5 years of development experience' asks for 3 years of experience in an advert whose title says "
        "junior (at most 2 expected)"
    ]


def test_a_senior_front_matter_level_outweighs_the_body():
    text = "---\nlevel: Senior\n---\n# Data engineer\n\nThis is an entry-level role.\n\n- 6 years of experience\n"
    assert messages(text) == []


def test_a_stated_level_that_names_no_known_level_ends_the_search():
    text = "---\nlevel: Intermediate\n---\n# Junior developer\n\n- 5+ years of experience\n"
    assert messages(text) == []


def test_a_senior_site_seniority_outweighs_a_category():
    text = (
        "---\ncategory: Graduate\nseniority: Mid-Senior level\ntitle: Data scientist\n---\n- 5+ years of experience\n"
    )
    assert messages(text) == []


def test_a_senior_item_of_a_level_is_not_read_for_its_other_words():
    assert messages("---\nlevel: Senior Associate\n---\n- 5+ years of experience\n") == []


def test_a_level_listing_several_is_held_to_the_lowest_and_says_so():
    assert messages("---\nlevel: Junior, Intermediate, and Senior\n---\n- 5+ years of experience\n") == [
        "'5+ years of experience' asks for 5 years of experience in an advert whose `level` includes junior "
        "(at most 2 expected)"
    ]


def test_a_negated_entry_level_does_not_set_the_level():
    assert messages("# Developer\n\nThis is not an entry-level role.\n\n- 3+ years of experience\n") == []
    assert messages("# Developer\n\nThis isn't an entry-level role.\n\n- 3+ years of experience\n") == []


def test_an_entry_level_noun_that_is_not_the_post_does_not_set_the_level():
    text = "# Developer\n\nYou will mentor interns and support an entry-level cohort.\n\n- 3+ years of experience\n"
    assert messages(text) == []
    assert messages("# Developer\n\nOur team is entry level friendly.\n\n- 3+ years of experience\n") == []


def test_an_entry_level_role_inside_a_years_demand_does_not_set_the_level():
    text = "# Developer\n\n- 2+ years of experience, for example in an entry-level support role\n"
    assert messages(text) == []


def test_the_post_called_entry_level_by_the_head_noun_of_a_position_field_sets_the_level():
    text = "Position: Software Developer\n\nWe want an entry-level software developer.\n\n- 1 year of experience\n"
    assert len(messages(text)) == 1


def test_only_fields_naming_the_post_or_its_level_set_it():
    assert messages("# Analyst\n\nEducation level: Graduate\n\n- 3+ years of experience\n") == []
    assert messages("# Analyst\n\nSkill level: junior to mid\n\n- 3+ years of experience\n") == []


def test_a_field_must_start_its_line():
    text = "# Analyst\n\nThis position - working with our junior analysts - needs 5+ years of experience.\n"
    assert messages(text) == []


def test_a_field_after_another_field_s_label_sets_the_level():
    text = "# Engineer\n\nADDITIONAL DETAILS: Seniority Level - Entry Level\n\n- 2+ years of experience\n"
    assert len(messages(text)) == 1


def test_a_field_whose_value_is_senior_means_no_level():
    text = "Position: Senior Engineer\n\nThis is an entry-level role.\n\n- 5+ years of experience\n"
    assert messages(text) == []


def test_a_site_key_that_is_not_a_level_or_category_is_not_read():
    assert messages("---\neducation: graduate\ntitle: Data scientist\n---\n- 5+ years of experience\n") == []


def test_the_title_s_senior_word_is_read_before_a_site_category():
    assert messages("---\ncategory: trainee\ntitle: Senior data scientist\n---\n- 5+ years of experience\n") == []


def test_a_site_value_missing_from_max_years_falls_through_to_the_title():
    text = "---\ncategory: trainee\ntitle: Junior developer\n---\n- 5+ years of experience\n"
    assert messages(text, {"max_years": {"junior": 2}}) == [
        "'5+ years of experience' asks for 5 years of experience in an advert whose title says junior "
        "(at most 2 expected)"
    ]


def test_years_of_a_programme_are_not_a_demand_for_experience():
    assert messages("# Trainee solicitor\n\nDuring the two years you will gain experience in four seats.\n") == []
    assert messages("# Apprentice\n\nOver 2 years you will gain experience in every part of the team.\n") == []


def test_a_run_together_list_is_read_from_the_figure_next_to_experience():
    assert messages("# Junior developer\n\n- 2-3 years 3 10 years of experience\n") == [
        "'10 years of experience' asks for 10 years of experience in an advert whose title says junior "
        "(at most 2 expected)"
    ]


def test_a_range_as_minimum_needs_years_of_experience():
    assert messages("# Developer\n\nYou will commit to at least 2-3 years in the role.\n") == []
    assert messages("# Developer\n\nContract: minimum 2-3 years\n") == []
    assert len(messages("# Data engineer\n\n- At least 3-5 years building data systems\n")) == 1


def test_an_advert_naming_its_framework_gets_no_range_as_minimum():
    text = "---\nframework: ddat\nlevel: associate\n---\n# Developer\n\n- Minimum 3-5 years of relevant experience\n"
    assert messages(text) == []
