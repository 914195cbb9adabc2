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
