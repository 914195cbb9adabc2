"""Wording classes the phrase lists missed (issue 12): each form found where it stands, and its
ordinary neighbours left alone."""

from __future__ import annotations

import pytest

from rolelint import Linter
from rolelint.config import Config


@pytest.fixture(scope="module")
def linter(tmp_path_factory):
    return Linter(Config(root=tmp_path_factory.mktemp("wording")))


def _found(linter, code: str, text: str) -> list[tuple[int, int, str]]:
    result = linter.lint_text(text, name="advert.md")
    lines = text.splitlines()
    found = []
    for d in result.diagnostics:
        if d.code == code:
            end = d.end_column if d.end_line == d.line else len(lines[d.line - 1]) + 1
            found.append((d.line, d.column, lines[d.line - 1][d.column - 1 : end - 1]))
    return found


def test_hyper_competitive_finds_a_trait_demanded_without_limit(linter):
    text = "# Engineer\n\nYou bring limitless passion.\n\nYou bring unlimited confidence.\n"
    assert _found(linter, "RL120", text) == [(3, 11, "limitless passion"), (5, 11, "unlimited confidence")]


def test_hyper_competitive_leaves_an_unlimited_benefit_alone(linter):
    assert _found(linter, "RL120", "# Engineer\n\nWe offer unlimited holiday and endless coffee.\n") == []


def test_hyper_competitive_finds_people_ranked_without_an_article(linter):
    text = "# Engineer\n\nWe are always hiring best talent.\n\nYou will work with super-smart people.\n"
    assert _found(linter, "RL120", text) == [(3, 15, "hiring best talent"), (5, 20, "super-smart people")]


def test_hyper_competitive_leaves_our_own_smart_team_alone(linter):
    assert _found(linter, "RL120", "# Engineer\n\nOur super-smart team built the first version.\n") == []


def test_hyper_competitive_finds_a_competitive_environment_after_another_adjective(linter):
    text = "# Graduate\n\nYou can operate in a fast-paced, competitive environment.\n"
    assert _found(linter, "RL120", text) == [(3, 22, "fast-paced, competitive environment")]


def test_hyper_competitive_leaves_a_meritocracy_alone(linter):
    assert _found(linter, "RL120", "# Engineer\n\nWe are an open-minded meritocracy.\n") == []


def test_cliche_finds_an_idiom_with_its_slot_filled(linter):
    text = (
        "# Engineer\n\nYou will be taking your career to the next level.\n\nHelp us bring our app to the next level.\n"
    )
    assert _found(linter, "RL130", text) == [
        (3, 13, "taking your career to the next level"),
        (5, 9, "bring our app to the next level"),
    ]


def test_cliche_leaves_the_literal_next_level_alone(linter):
    assert _found(linter, "RL130", "# Engineer\n\nYou will move to the next level of the pay scale.\n") == []


def test_cliche_finds_a_stock_label_for_the_person(linter):
    text = "# Analyst\n\n- Motivated self-starter who is proactive\n- A results-driven individual\n"
    assert _found(linter, "RL130", text) == [(3, 13, "self-starter"), (4, 5, "results-driven")]


def test_cliche_leaves_software_that_works_out_of_the_box_alone(linter):
    assert _found(linter, "RL130", "# Engineer\n\nThe tool works out of the box for thinkers.\n") == []


def test_cliche_leaves_the_status_quo_given_an_object_alone(linter):
    text = "# Lead\n\nChallenge the status quo of federal contracting.\n\nYou like to challenge the status quo.\n"
    assert _found(linter, "RL130", text) == [(5, 13, "challenge the status quo")]


def test_third_person_finds_the_post_doing_the_work(linter):
    text = (
        "# Data science lead\n\nThis role will lead a team of data scientists.\n\nThis position supports the board.\n"
    )
    assert _found(linter, "RL123", text) == [(3, 1, "This role"), (5, 1, "This position")]


def test_third_person_leaves_what_a_post_is_alone(linter):
    text = (
        "# Data science lead\n\nThis role will be based in Leeds.\n\nThe role will involve travel.\n\n"
        "This role will have a large degree of autonomy.\n\nCandidates for this role will need to submit a CV.\n"
    )
    assert _found(linter, "RL123", text) == []


def test_third_person_finds_the_successful_candidates_possessing(linter):
    text = "# Graduate\n\nWe want graduates. The successful candidates will possess:\n"
    assert _found(linter, "RL123", text) == [(3, 20, "The successful candidates")]


def test_third_person_leaves_successful_candidates_in_the_process_alone(linter):
    text = "# Graduate\n\nSuccessful candidates will move on to an interview.\n"
    assert _found(linter, "RL123", text) == []


def test_third_person_reads_a_title_past_an_abbreviation_and_an_aside(linter):
    text = (
        "# About the job\n\nAcme is seeking a Sr. Platform Specialist who will plan.\n\n"
        "The Sr. Platform Specialist (Platform Lead) will have responsibility for it.\n"
    )
    assert _found(linter, "RL123", text) == [(5, 1, "The Sr. Platform Specialist")]


def test_hyper_competitive_leaves_world_class_members_of_a_named_group_alone(linter):
    text = "# Engineer\n\nWe are a team of 240 employees, including world-class engineers, and designers.\n"
    assert _found(linter, "RL120", text) == []


def test_hyper_competitive_finds_world_class_people_sought_beside_including(linter):
    text = "# Engineer\n\nWe are seeking world-class engineers, including designers.\n"
    assert _found(linter, "RL120", text) == [(3, 16, "world-class engineers,")]


def test_third_person_reads_a_title_past_an_appositive(linter):
    text = "# Platform Engineer, Consultant\n\nThe Platform Engineer, Consultant, will report to the CTO.\n"
    assert _found(linter, "RL123", text) == [(3, 1, "The Platform Engineer")]


def test_unrealistic_finds_an_ability_beyond_a_human_degree(linter):
    text = "# Analyst\n\n- A supernatural ability to spot trends\n- Extreme motivation\n"
    assert _found(linter, "RL118", text) == [(3, 5, "supernatural ability"), (4, 3, "Extreme motivation")]


def test_unrealistic_leaves_extreme_programming_alone(linter):
    assert _found(linter, "RL118", "# Developer\n\nWe use Extreme Programming.\n") == []


def test_unrealistic_finds_effort_with_no_limit(linter):
    text = "# Director\n\nYou have to give it your all.\n\nBring a 'no task is too small' mindset.\n"
    assert _found(linter, "RL118", text) == [(3, 13, "give it your all"), (5, 10, "no task is too small")]


def test_unrealistic_finds_whatever_it_takes_asked_of_the_hire(linter):
    text = "# Producer\n\nYou will do whatever it takes to ship.\n"
    assert _found(linter, "RL118", text) == [(3, 13, "whatever it takes")]


def test_unrealistic_leaves_the_employers_own_slogan_alone(linter):
    text = "# Producer\n\nTogether, we do whatever it takes for people living with cancer.\n"
    assert _found(linter, "RL118", text) == []


def test_skip_unasked_on_one_pattern_leaves_the_others_alone(linter):
    text = "# Producer\n\nWe work hard and play hard together.\n"
    assert _found(linter, "RL118", text) == [(3, 4, "work hard and play hard")]


def test_culture_fit_finds_fitting_right_in_and_clicking(linter):
    text = "# Developer\n\nYou'll fit right in at Acme!\n\nWe want to see if we click together as a team.\n"
    assert _found(linter, "RL117", text) == [(3, 8, "fit right in"), (5, 19, "we click together")]


def test_culture_fit_leaves_fit_right_in_before_its_criteria_alone(linter):
    assert _found(linter, "RL117", "# Developer\n\n## You'll fit right in if:\n\n- you know Python\n") == []


def test_a_pattern_rule_with_one_per_sentence_reports_the_first_match_of_each_sentence(linter):
    text = "# Engineer\n\nYou bring limitless passion and a fanatical commitment. You have unlimited energy.\n"
    assert _found(linter, "RL120", text) == [(3, 11, "limitless passion"), (3, 66, "unlimited energy")]


def test_cliche_finds_world_class_in_a_sentence_but_not_in_a_label_its_line_explains(linter):
    text = "# Engineer\n\n- World-class benefits: equity grants and lunches.\n- We offer world-class benefits.\n"
    assert _found(linter, "RL130", text) == [(4, 12, "world-class benefits")]


def test_cliche_finds_fast_paced_and_dynamic_only_of_a_place_or_person(linter):
    text = (
        "# Engineer\n\nYou will thrive in a fast-paced environment.\n\n"
        "You will adapt to dynamic changes in the requirements.\n\nJoin our dynamic, fully remote team.\n"
    )
    assert _found(linter, "RL130", text) == [
        (3, 22, "fast-paced environment"),
        (7, 10, "dynamic, fully remote team"),
    ]


def test_cliche_finds_the_company_dna_by_any_possessive_but_not_the_lab_dna(linter):
    text = "# Lead\n\nOpen source is baked into Twitter's DNA.\n\nYou will extract DNA from tissue.\n"
    assert _found(linter, "RL130", text) == [(3, 22, "into Twitter's DNA")]


def test_a_label_is_read_past_bullets_and_bold_and_only_with_its_colon_close_by(linter):
    # a bold label after a bullet is still a label its line explains
    bold = "# Engineer\n\n- **World-Class Benefits & Support:** equity grants and lunches.\n"
    assert _found(linter, "RL130", bold) == []
    # a colon more than three words after the match ends no label: the phrase is the sentence's own
    far = "# Engineer\n\n- World-class benefits for every one of you here: equity and lunches.\n"
    assert _found(linter, "RL130", far) == [(3, 3, "World-class benefits")]
    # words before the match mean it does not open a label
    inside = "# Engineer\n\n- We have world-class benefits: equity and lunches.\n"
    assert _found(linter, "RL130", inside) == [(3, 11, "world-class benefits")]
