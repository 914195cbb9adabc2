"""RL205 on adverts flattened onto one line: headings and list items whose line breaks were lost."""

from __future__ import annotations

import pytest

from rolelint import Linter
from rolelint.config import Config, RuleSettings

INTRO = "We are a small team that builds the maps used by hospitals across the north of the country. " * 9
ITEMS = (
    "Build the services that draw the maps, taking care of code quality and reliability and performance "
    "Help hire and onboard the new engineers who will join the team over the coming months "
    "Quickly prototype new ideas and run experiments to find the features that the people using them love"
)


@pytest.fixture(scope="module")
def linter(tmp_path_factory) -> Linter:
    """RL205 at a plain-English house style's limit (a sentence of 30 words is long), so that the
    sentences these tests cut and join sit just over or under it."""
    rules = {"RL205": RuleSettings(options={"max": 29})}
    return Linter(Config(root=tmp_path_factory.mktemp("adverts"), rules=rules))


@pytest.fixture(scope="module")
def default_linter(tmp_path_factory) -> Linter:
    return Linter(Config(root=tmp_path_factory.mktemp("defaults")))


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


def test_by_default_a_sentence_of_thirty_three_words_is_long_and_of_thirty_two_is_not(default_linter):
    thirty_three = THIRTY.replace("to use.", "to use on a ward.")
    assert len(thirty_three.split()) == 33
    assert _long_sentences(default_linter, thirty_three + "\n", name="advert.md") == [(1, 1)]
    thirty_two = THIRTY.replace("to use.", "to use daily.").replace("maps", "new maps")
    assert len(thirty_two.split()) == 32
    assert _long_sentences(default_linter, thirty_two + "\n", name="advert.md") == []


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


# Items of a list, each under 30 words, about 45 words together: one "sentence" only if glued.
ITEM_A = "Plan the work of the small team that runs the booking service for clinics across the region"
ITEM_B = "Write clear reports on progress for the managers who pay for the service and for the clinics"
ITEM_C = "Help hire the engineers who will join the team next year"


def test_items_of_a_list_inside_a_block_quote_are_separate(linter):
    text = f"> What you will do:\n>\n> * {ITEM_A.lower()}\n> * {ITEM_B.lower()}\n> * {ITEM_C.lower()}\n"
    assert _long_sentences(linter, text, name="advert.md") == []


def test_items_of_raw_html_in_a_markdown_paragraph_are_separate(linter):
    text = f"What you will do:<ul><li>{ITEM_A}</li><li>{ITEM_B}</li><li>{ITEM_C}</li></ul>\n"
    assert _long_sentences(linter, text, name="advert.md") == []
    # inline markup is not a block: a long sentence with a bold word is still one sentence
    inline = f"{ITEM_A} and <b>also</b> {ITEM_B.lower()}.\n"
    assert _long_sentences(linter, inline, name="advert.md") == [(1, 1)]


@pytest.mark.parametrize("bullet", ["•", "\uf0b7", "o\t"])
def test_bullets_written_as_characters_start_items(linter, bullet):
    on_lines = f"What you will do:\n{bullet} {ITEM_A}\n{bullet} {ITEM_B}\n{bullet} {ITEM_C}\n"
    assert _long_sentences(linter, on_lines, name="advert.txt") == []
    if bullet != "o\t":  # a bullet glyph inside a line, as pasted from a word processor
        one_line = f"What you will do: {bullet} {ITEM_A} {bullet} {ITEM_B} {bullet} {ITEM_C}\n"
        assert _long_sentences(linter, one_line, name="advert.txt") == []


def test_lines_ending_with_semicolons_are_items(linter):
    text = f"{ITEM_A};\n{ITEM_B};\n{ITEM_C}\n"
    assert _long_sentences(linter, text, name="advert.md") == []
    # a semicolon before a lower-case line is prose wrapped after it
    prose = f"{ITEM_A};\n{ITEM_B.lower()}\n"
    assert _long_sentences(linter, prose, name="advert.md") == [(1, 1)]


def test_line_breaks_escaped_in_a_yaml_string_end_items(linter):
    text = f'---\ntitle: Engineer\nduties: "-{ITEM_A}\\r\\n-{ITEM_B}\\r\\n-{ITEM_C}"\n---\n\nWe build maps.\n'
    assert _long_sentences(linter, text, name="advert.md") == []


def test_a_first_line_that_reads_as_a_heading_is_not_part_of_the_sentence(linter):
    sentence = (
        "We are looking for someone to plan the work of the small team that runs the booking service "
        "for the clinics across the north of the region."
    )
    assert len(sentence.split()) == 27
    assert _long_sentences(linter, f"What we need help with\n{sentence}\n", name="advert.md") == []
    # a first line that ends on an article runs on into the next
    wrapped = f"We are looking for a\nSenior Engineer to plan the work of the small team {sentence[57:]}\n"
    assert _long_sentences(linter, wrapped, name="advert.md") == [(1, 1)]


def test_a_web_address_ends_an_item_in_a_flattened_advert(linter):
    glued = "Details of the clinics we serve can be found at www.example.org You can also read about the team and its plans for next year at www.example.org/team We are changing the form."
    flattened = INTRO + "   About us   " + glued + "   Benefits   A pension."
    assert _long_sentences(linter, flattened) == []


LONG = (
    "We are a small team that builds the maps used by hospitals across the north of the country and we "
    "want someone who can help us make them faster for the nurses who rely on them every day."
)


def test_a_sentence_in_an_element_the_page_hides_is_not_read(linter):
    shown = f"# Developer\n\n{LONG}\n"
    assert _long_sentences(linter, shown, "advert.md") == [(3, 1)]
    hidden = f"# Developer\n\nShort and clear.\n\n<small hidden>{LONG}</small>\n"
    assert _long_sentences(linter, hidden, "advert.md") == []
    styled = f"<h1>Developer</h1><p>Short.</p><div style='display: none'><div>{LONG}</div></div><p>{LONG}</p>"
    assert _long_sentences(linter, styled, "advert.html") == [(1, 1 + styled.rindex(LONG))]


def test_a_privacy_notice_under_its_own_heading_is_not_read(linter):
    notice = f"# Developer\n\nShort and clear.\n\n## Information on the processing of personal data (GDPR)\n\n{LONG}\n"
    assert _long_sentences(linter, notice, "advert.md") == []
    consent = (
        "# Developer\n\nI consent to the processing of my personal data contained in my application and in any "
        "other material I send by the company for the purpose of this recruitment, in accordance with the "
        "Regulation (EU) 2016/679.\n"
    )
    assert _long_sentences(linter, consent, "advert.md") == []


def test_a_paragraph_stating_the_employers_policy_is_not_read_wherever_it_stands(linter):
    policy = f"# Developer\n\nWe are an equal opportunity employer. {LONG}\n"
    assert _long_sentences(linter, policy, "advert.md") == []
    # the same sentence in a paragraph of the advert's own is read
    assert _long_sentences(linter, policy.replace("We are an equal opportunity employer. ", ""), "advert.md") == [
        (3, 1)
    ]


@pytest.mark.parametrize("address", ["https://bit.ly/3b7t6cU", "[https://bit.ly/3b7t6cU](https://bit.ly/3b7t6cU)"])
def test_a_web_address_written_out_is_not_a_word(linter, address):
    shorter = THIRTY.replace(" every day,", " daily,")[:-1]  # 29 words, no full stop
    assert _long_sentences(linter, f"{shorter} {address}\n", name="advert.md") == []
    # a name with a dot in it is a word
    assert _long_sentences(linter, f"{shorter} Node.js\n", name="advert.md") == [(1, 1)]


@pytest.mark.parametrize("glue", [".", " 🤗"])
def test_a_full_stop_with_no_space_or_an_emoji_for_it_ends_the_sentence(linter, glue):
    first = "Our small team builds the maps that hospitals across the north of the country use"
    second = "You will help us make them faster, clearer and easier to use for the doctors and nurses who rely on them."
    assert _long_sentences(linter, f"{first}{glue}{second}\n", name="advert.md") == []
    assert _long_sentences(linter, f"{first} and {second[0].lower()}{second[1:]}\n", name="advert.md") == [(1, 1)]
    # not between the parts of a name
    assert _long_sentences(
        linter,
        f"{first} with ASP.NET every day and help us make them faster, clearer and easier to use for everyone.\n",
        name="advert.md",
    ) == [(1, 1)]


# 28 words: long with two more, not with one
BODY = (
    "have ownership of projects from start to finish and make sure to have high quality implementation "
    "with tests that cover the work and the docs of it all"
)


def _words(linter: Linter, text: str, name: str = "advert.md") -> list[int]:
    result = linter.lint_text(text, name=name)
    return [int(d.message.split()[2]) for d in result.diagnostics if d.code == "RL205"]


def test_an_e_mail_address_is_passed_over_as_a_link_is(linter):
    # 29 words and an address: the address is not read, as a link is not
    assert _words(linter, f"We hire.\n\n{BODY} at home.\n") == [30]
    assert _words(linter, f"We hire.\n\n{BODY} at jo@example.org.\n") == []
    # written out to keep it from robots, in brackets
    assert _words(linter, f"We hire.\n\n{BODY} at sanjay (at) example.org.\n") == []
    assert _words(linter, f"We hire.\n\n{BODY} at jo [at] example [dot] com.\n") == []
    assert _words(linter, f"We hire.\n\n{BODY} at jo (AT) example (DOT) com.\n") == []
    # "at" in brackets that is no address is read
    assert _words(linter, f"We hire.\n\n{BODY} we meet (at) noon daily.\n") == [33]


@pytest.mark.parametrize("lead", ["Ownership:", "**Ownership**:", "**Calvin Care Cash** :", "Director of Operations:"])
def test_a_label_before_a_colon_is_not_counted_in_the_sentence(linter, lead):
    sentence = f"{BODY} and more"  # 30 words
    assert _words(linter, f"We hire.\n\n- {sentence}.\n") == [30]
    assert _words(linter, f"We hire.\n\n- {lead} {sentence}.\n") == [30]
    assert _words(linter, f"We hire.\n\n- {lead} {BODY}.\n") == []
    # six words or more before the colon, or a clause, are a sentence's own, not a label
    assert _words(linter, f"We hire.\n\n- In this role you will lead: {BODY}.\n") == [34]
    assert _words(linter, f"We hire.\n\n- We are looking for: {BODY}.\n") == [32]


def test_a_summary_field_that_repeats_the_body_is_reported_once_in_the_body(linter):
    long = f"We are looking for someone who will {BODY} of the studio."
    text = f"---\ntitle: Worker\ndescription: {long}\n---\n{long}\n\nApply now.\n"
    result = linter.lint_text(text, name="advert.md")
    assert [d.line for d in result.diagnostics if d.code == "RL205"] == [5]
    other = text.replace("description: We are", "description: They are")
    result = linter.lint_text(other, name="advert.md")
    assert [d.line for d in result.diagnostics if d.code == "RL205"] == [3, 5]


def test_items_separated_by_spaced_slashes_are_items_not_one_sentence(default_linter):
    items = [
        "Good English communication skills both written and verbal",
        "Excellent time management and organizational skills",
        "Interpersonal skills and attention to details and ability to interact and work with staff at all levels",
        "Able to work both independently and within a team environment",
        "Willing to travel to client sites whenever the project needs it",
    ]
    text = f"# Consultant\n\nWe hire.\n\n- Social skills: {' / '.join(items)}\n"
    assert _long_sentences(default_linter, text, name="advert.md") == []
    # the same items joined by "and" are one long sentence
    joined = text.replace(" / ", " and ")
    assert _long_sentences(default_linter, joined, name="advert.md") == [(5, 3)]
    # one slash, or "and/or", is no list: a long sentence with one stays long
    one = (
        "We want someone who has worked on large distributed systems / platforms for many years and who can "
        "explain the trade-offs of their designs to the people who will run them in production with patience "
        "and care every single day."
    )
    assert len(_long_sentences(default_linter, f"{one}\n")) == 1
    # acronyms paired by slashes, and a list in lower case inside a sentence, are not items
    pairs = (
        "Our UX / UI designers work closely with the engineers who run the CI / CD pipelines and the people who "
        "support our customers every day, so that what we ship is tested, documented and easy for everyone to use."
    )
    assert len(_long_sentences(default_linter, f"{pairs}\n")) == 1
