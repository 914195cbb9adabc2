"""RL123's helpers: the heads of an advert's job titles."""

from __future__ import annotations

from rolelint.checks.named import third_person
from rolelint.checks.regex import literal_prefilter


def test_every_match_of_hires_holds_a_word_looked_for_first():
    alternatives = literal_prefilter(third_person.HIRES.pattern, third_person.HIRES.flags)
    assert alternatives
    for clauses in alternatives:  # some clause each of whose needles holds a word
        assert any(
            all(text and any(word in text for word in third_person._HIRE_WORDS) for text, _ in clause)
            for clause in clauses
        ), clauses


def test_a_text_naming_the_hire_is_searched_and_one_without_is_not():
    assert third_person._may_name_a_hire("We are LOOKING FOR a Data Engineer to join us")
    assert third_person.HIRES.search("We are LOOKING FOR a Data Engineer to join us")
    assert not third_person._may_name_a_hire("You will write the roadmap with the team")
