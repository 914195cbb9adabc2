"""RL205 on adverts flattened onto one line: headings and list items whose line breaks were lost."""

from __future__ import annotations

import pytest

from rolelint import Linter
from rolelint.config import Config

INTRO = "We are a small team that builds the maps used by hospitals across the north of the country. " * 9
ITEMS = (
    "Build the services that draw the maps, taking care of code quality and reliability and performance "
    "Help hire and onboard the new engineers who will join the team over the coming months "
    "Quickly prototype new ideas and run experiments to find the features that the people using them love"
)


@pytest.fixture(scope="module")
def linter(tmp_path_factory) -> Linter:
    return Linter(Config(root=tmp_path_factory.mktemp("adverts")))


def _long_sentences(linter: Linter, text: str, name: str = "advert.txt") -> list[tuple[int, int]]:
    result = linter.lint_text(text, name=name)
    return [(d.line, d.column) for d in result.diagnostics if d.code == "RL205"]


def test_items_glued_in_an_advert_flattened_onto_one_line_are_separate(linter):
    flattened = INTRO + "   Responsibilities   " + ITEMS + "   Benefits   A pension."
    assert len(flattened) > 1000
    assert _long_sentences(linter, flattened) == []


def test_items_glued_on_a_line_of_ordinary_length_are_still_one_sentence(linter):
    # without the signs of a flattened advert, a capital after a lower-case word may be a name
    text = "Responsibilities\n\n" + ITEMS + "\n"
    assert _long_sentences(linter, text) == [(3, 1)]


def test_a_long_sentence_in_a_flattened_advert_is_still_found_where_it_is(linter):
    sentence = (
        "You will work with a wide range of stakeholders across the organisation, including senior leaders "
        "and delivery teams and external partners, to make sure that our services meet user needs and intent."
    )
    flattened = INTRO + "   About the role   " + sentence + "   Benefits   A pension."
    assert _long_sentences(linter, flattened) == [(1, flattened.index(sentence) + 1)]


def test_a_plain_text_advert_on_one_line_is_flattened_even_without_gaps(linter):
    flattened = INTRO + "What you will do " + ITEMS + ". Benefits A pension."
    assert len(flattened) > 1000 and "   " not in flattened
    assert _long_sentences(linter, flattened) == []
    # the same line in Markdown may be a long paragraph: nothing is cut there
    assert _long_sentences(linter, flattened, name="advert.md") == [(1, flattened.index("What you will do") + 1)]


# 30 words by a reader's count
THIRTY = (
    "Our small team builds the maps that hospitals across the north of the country use every day, "
    "and you will help us make them faster, clearer and easier to use."
)


def test_a_sentence_of_thirty_words_is_long(linter):
    assert len(THIRTY.split()) == 30
    assert _long_sentences(linter, THIRTY + "\n", name="advert.md") == [(1, 1)]


def test_a_sentence_of_twenty_nine_words_is_not(linter):
    shorter = THIRTY.replace(" every day,", ",")
    assert len(shorter.split()) == 28
    assert _long_sentences(linter, shorter + "\n", name="advert.md") == []


WRAPPED_ASIDE = (
    "We are looking for a researcher with a passion for programming in R or Python, statistics and\n"
    "the design of studies that answer questions doctors ask about patients\n"
    "(or all of the above)\n"
    "to serve as the lead of our new data team.\n"
)


def test_an_aside_in_brackets_wrapped_onto_its_own_line_stays_in_the_sentence(linter):
    assert _long_sentences(linter, WRAPPED_ASIDE, name="advert.md") == [(1, 1)]


@pytest.mark.parametrize("label", ["(Essential)", "(a)", "(iv)"])
def test_a_label_or_number_in_brackets_at_a_line_start_still_starts_an_item(linter, label):
    items = (
        f"{label} Experience of building the services that hospitals use to plan their work every week\n"
        f"{label} Experience of running those services for thousands of people at once and in every weather\n"
    )
    assert _long_sentences(linter, items, name="advert.txt") == []
