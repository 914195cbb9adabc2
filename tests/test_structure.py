"""Structure recognition shared by every format: headings that are not marked up as headings, what a
heading is about, desirable requirements, and lists without bullets."""

from __future__ import annotations

import pytest

from rolelint.markdown import split_body
from rolelint.structure import categorize_heading, line_heading, marks_desirable, unmarked_list


def _sections(text: str, fmt: str) -> list[tuple[str, str]]:
    sections, _ = split_body(text, fmt=fmt)
    return [(s.heading, s.category) for s in sections]


@pytest.mark.parametrize(
    "heading, category",
    [
        ("What will you do?", "responsibilities"),
        ("What will you be doing?", "responsibilities"),
        ("What you need to know about the job", "about"),
        ("Skills you need to know", "essential"),
        ("Things you need to know how to do", "essential"),
        ("What you need", "essential"),
        ("Who are you?", "essential"),
        ("What are we looking for?", "essential"),
        ("What do we offer?", "benefits"),
        ("Where will you work?", "location"),
        ("How do I apply?", "apply"),
        ("Preferred qualifications", "desirable"),
        # duties an American job description calls essential are duties, not requirements
        ("Essential Duties and Responsibilities", "responsibilities"),
        ("ESSENTIAL JOB FUNCTIONS", "responsibilities"),
        ("Role breakdown (Essential)", "responsibilities"),
        ("Your essential responsibilities", "responsibilities"),
        ("Essential skills", "essential"),
        ("Essential Functions and Qualifications", "essential"),
        ("Would be an asset", "desirable"),
        ("Good to have", "desirable"),
        ("Ideally you will have", "desirable"),
    ],
)
def test_question_and_reworded_headings_get_their_category(heading, category):
    assert categorize_heading(heading) == category


@pytest.mark.parametrize("fmt", ["markdown", "text"])
@pytest.mark.parametrize("line", ["**Requirements:**", "Requirements:", "What will you do?", "BENEFITS", "Benefits"])
def test_a_line_standing_alone_that_names_a_section_is_a_heading_in_markdown_and_text(fmt, line):
    assert line_heading(line, fmt, alone=True) is not None


def test_looser_signs_need_a_known_section_in_markdown_but_not_in_plain_text():
    assert line_heading("OUR STACK", "text", alone=True) == "OUR STACK"
    assert line_heading("OUR STACK", "markdown", alone=True) is None
    assert line_heading("Our stack:", "text") == "Our stack"
    assert line_heading("Our stack:", "markdown") is None


@pytest.mark.parametrize("line", ["Benefits of working here are many.", "What will you do?", "BENEFITS"])
def test_a_line_inside_a_paragraph_is_not_a_heading(line):
    assert line_heading(line, "text", alone=False) is None


def test_a_short_line_that_names_nothing_is_not_a_heading():
    assert line_heading("Thanks for reading", "text", alone=True) is None


def test_an_emphasised_line_is_a_heading_but_not_a_bold_sentence():
    assert line_heading("Our team", "html", emphasised=True) == "Our team"
    assert line_heading("We pay well.", "html", emphasised=True) is None


@pytest.mark.parametrize(
    "line", ["**_Responsibilities_**", "***Responsibilities***", "_**Responsibilities**_", "__*Responsibilities:*__"]
)
def test_a_line_in_bold_and_italic_is_a_heading(line):
    assert line_heading(line, "markdown", alone=True) == "Responsibilities"
    text = f"## The job\n\nWe build tools.\n\n{line}\n* Lead the review board\n"
    sections, spans = split_body(text, fmt="markdown")
    assert [(s.heading, s.category) for s in sections][-1] == ("Responsibilities", "responsibilities")
    lead = next(span for span in spans if "Lead the" in span.text)
    at = lead.text.index("Lead the")
    assert text[lead.offsets[at] :].startswith("Lead the review board")
    assert lead.section == "responsibilities"


def test_bold_that_does_not_close_as_it_opens_is_no_heading():
    assert line_heading("**_Responsibilities**", "markdown", alone=True) is None
    assert line_heading("some **bold** text", "markdown", alone=True) is None


def test_plain_text_gets_the_sections_the_same_text_gets_as_markdown():
    text = (
        "Data analyst\n\nAbout the role\n\nWe analyse data.\n\nWhat will you do?\n\n- Build reports\n\n"
        "ESSENTIAL CRITERIA\n\n- SQL\n\nNice to have:\n- Python\n"
    )
    expected = [
        ("About the role", "about"),
        ("What will you do?", "responsibilities"),
        ("ESSENTIAL CRITERIA", "essential"),
        ("Nice to have", "desirable"),
    ]
    assert _sections(text, "text") == expected
    assert _sections(text, "markdown") == expected


def test_a_requirement_marked_desirable_under_an_essential_heading_counts_as_desirable():
    _, spans = split_body(
        "## Essential criteria\n\n- SQL\n- Python is a plus\n- Go would be an asset\n- A degree (preferred)\n"
    )
    assert [(s.text.strip(), s.section) for s in spans if s.block == "list_item"] == [
        ("SQL", "essential"),
        ("Python is a plus", "desirable"),
        ("Go would be an asset", "desirable"),
        ("A degree (preferred)", "desirable"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "nice to have",
        "Bonus: Rust",
        "preferably in fintech",
        "an asset",
        "Not essential but helpful",
        "Experience with IBM products will be considered a huge plus",
        "Knowledge of JavaScript is considered a strong plus",
        "Experience with JBoss will be greatly appreciated",
        "Experience in eCommerce platforms will be of benefit",
        # a mark of worth set after a dash or in brackets, as a label
        "Ruby – advantage",
        "Microservices - strong advantage",
        "Go (a plus)",
    ],
)
def test_desirable_marks(text):
    assert marks_desirable(text)


def test_essential_words_are_not_desirable_marks():
    assert not marks_desirable("You must have five years of SQL")
    assert not marks_desirable("A 5-plus year track record in SQL")
    assert not marks_desirable("5 - plus years of SQL")


def test_lines_of_a_plain_text_list_without_bullets_are_items_not_one_sentence():
    _, spans = split_body("Requirements\nStrong SQL\nExperience with dashboards\nClear writing\n", fmt="text")
    assert [(s.block, s.section, s.text) for s in spans] == [
        ("heading", "essential", "Requirements"),
        ("list_item", "essential", "Strong SQL"),
        ("list_item", "essential", "Experience with dashboards"),
        ("list_item", "essential", "Clear writing"),
    ]


def test_hard_wrapped_prose_stays_one_paragraph():
    text = "We are looking for someone who\nloves data, and who works with\nGitLab every day.\n"
    _, spans = split_body(text, fmt="text")
    assert len(spans) == 1 and spans[0].block == "paragraph"
    assert not unmarked_list(["We build tools for the", "NHS and others."])


def test_unmarked_list_item_positions_are_the_lines_in_the_file():
    text = "Intro.\n\nSkills\nSQL\nPython\n"
    _, spans = split_body(text, base=100, fmt="text")
    python = next(s for s in spans if s.text == "Python")
    assert python.file_offset(0) == 100 + text.index("Python")


@pytest.mark.parametrize(
    "line, heading",
    [
        ("It would be great if you are familiar with:", "It would be great if you are familiar with"),
        ("Interested? We offer:", "We offer"),
    ],
)
def test_a_longer_lead_in_standing_alone_is_a_heading_when_it_names_a_section(line, heading):
    assert line_heading(line, "text", alone=True) == heading
    assert line_heading(line, "text", alone=False) is None


def test_a_longer_lead_in_that_names_no_section_is_not_a_heading():
    assert line_heading("We are looking for someone who will:", "text", alone=True) is None


@pytest.mark.parametrize(
    "heading, category",
    [
        ("What we expect", "essential"),
        ("We'll evaluate you based on:", "essential"),
        ("Education & Experience", "essential"),
        ("Useful qualities", "desirable"),
        ("Good-to-haves", "desirable"),
        ("Is this information helpful?", "other"),
    ],
)
def test_more_ways_of_heading_requirements(heading, category):
    assert categorize_heading(heading) == category


@pytest.mark.parametrize(
    "text, heading",
    [
        ("Responsibilities Manage the team and its budget.", "Responsibilities"),
        ("What we`re looking for We need a designer.", "What we`re looking for"),
        ("About the role The team builds payments.", "About the role"),
    ],
)
def test_a_heading_run_into_a_plain_text_paragraph_is_split_off(text, heading):
    sections, spans = split_body(text, base=10, fmt="text")
    assert [(s.heading, s.heading_start, s.heading_end) for s in sections] == [(heading, 10, 10 + len(heading) + 1)]
    paragraph = spans[-1]
    assert paragraph.block == "paragraph" and paragraph.section == categorize_heading(heading) != "other"
    assert paragraph.file_offset(paragraph.text.index(text.split()[len(heading.split())])) == 10 + len(heading) + 1


@pytest.mark.parametrize(
    "text",
    [
        "Experience with Python is essential.",  # the capital after the section word is not the next word
        "Benefits include a pension.",  # no capital after it
        "Our products Help thousands of shops.",  # the words before the capital name no section
    ],
)
def test_a_sentence_that_starts_with_a_section_word_is_not_split(text):
    sections, spans = split_body(text, fmt="text")
    assert sections == [] and [s.block for s in spans] == ["paragraph"]


def test_three_blanks_inside_a_plain_text_line_end_a_paragraph():
    text = "We build maps.   Responsibilities   Draw the maps. Check them."
    sections, spans = split_body(text, base=5, fmt="text")
    assert [(s.heading, s.category) for s in sections] == [("Responsibilities", "responsibilities")]
    assert [(s.block, s.text.strip(), s.file_offset(0)) for s in spans] == [
        ("paragraph", "We build maps.", 5),
        ("heading", "Responsibilities", 5 + text.index("Responsibilities")),
        ("paragraph", "Draw the maps. Check them.", 5 + text.index("Draw")),
    ]


def test_three_blanks_inside_a_markdown_line_are_not_a_break():
    _, spans = split_body("We build maps.   Responsibilities   Draw the maps.")
    assert len(spans) == 1


@pytest.mark.parametrize(
    "heading",
    [
        "Equal Opportunity Statement",
        "Diversity and inclusion",
        "INCLUSIVENESS",
        "Reasonable adjustments",
        "Privacy notice",
    ],
)
def test_a_statement_of_policy_is_its_own_section_in_plain_text(heading):
    text = f"Benefits\n\nA pension.\n\n{heading}\n\nWe welcome everyone.\n"
    sections, spans = split_body(text, base=3, fmt="text")
    assert [(s.heading, s.category, s.heading_start) for s in sections] == [
        ("Benefits", "benefits", 3),
        (heading, "policy", 3 + text.index(heading)),
    ]
    last = spans[-1]
    assert (last.text, last.section, last.file_offset(0)) == ("We welcome everyone.", "policy", 3 + text.index("We"))


def test_the_heading_of_a_diversity_role_s_requirements_is_not_a_statement_of_policy():
    assert categorize_heading("Diversity, Inclusion, and Belonging Partner Requirements") == "essential"
    assert categorize_heading("Paralegal (Privacy & Product) Responsibilities") == "responsibilities"


@pytest.mark.parametrize(
    "heading",
    [
        "News Applications Developer",
        "News Applications Developer (Junior)",
        "Remote Python Engineer",
        "Benefits Coordinator",
        "Manager, Application Engineering",
        "Office Manager",
    ],
)
def test_a_heading_that_names_a_job_is_no_section_whatever_its_modifiers_say(heading):
    assert categorize_heading(heading) == "other"


@pytest.mark.parametrize(
    "heading, category",
    [
        ("Application process", "apply"),
        ("Interview", "apply"),
        ("About the Product Designer", "about"),
        ("What you will do as a developer", "responsibilities"),
        ("Equal Opportunity Employer", "policy"),
        ("Requirement", "essential"),
        # a closed-class word ending as a person's noun does ("either") names no job
        ("And these won't hurt either", "desirable"),
    ],
)
def test_section_headings_that_mention_a_person_keep_their_category(heading, category):
    assert categorize_heading(heading) == category


def test_an_advert_titled_with_a_section_word_has_no_section_of_that_kind():
    sections = _sections("# News Applications Developer\n\nWe build news apps.\n", "markdown")
    assert sections == [("News Applications Developer", "other")]


@pytest.mark.parametrize(
    "heading",
    ["As a Contract Web Developer with us, you will", "A Typical Day at the studio", "A day in the life"],
)
def test_lead_ins_to_the_hires_work_are_duties(heading):
    assert categorize_heading(heading) == "responsibilities"


@pytest.mark.parametrize(
    "heading",
    ["Requirements {.section__header}", "Requirements <span class='x'>(all posts)</span>", "  Minimum   requirements "],
)
def test_attribute_lists_inline_html_and_spacing_do_not_change_a_heading_s_category(heading):
    assert categorize_heading(heading) == "essential"


def test_a_lead_in_to_what_the_hire_is_required_to_do_heads_duties():
    assert categorize_heading("The successful candidate will be required to:") == "responsibilities"
    assert categorize_heading("The Communications Assistant will be responsible for:") == "responsibilities"
    assert categorize_heading("You will be responsible for:") == "responsibilities"
    assert categorize_heading("Required skills") == "essential"


@pytest.mark.parametrize(
    ("heading", "category"),
    [
        ("Our Offer", "benefits"),
        ("Terms of employment", "benefits"),
        ("What is on offer", "benefits"),
        ("Conditions of employment", "other"),  # a vetting condition, not a perk or a criterion
        ("Tasks", "responsibilities"),
    ],
)
def test_the_offer_and_the_tasks_of_a_job_get_their_category(heading, category):
    assert categorize_heading(heading) == category


def test_a_list_item_of_one_section_word_leads_in_to_the_items_after_it():
    from rolelint.structure import list_lead_in

    assert list_lead_in("Qualifications") == "essential"
    assert list_lead_in("Responsibilities") == "responsibilities"
    text = "- Apply on our site\n- Qualifications\n- Experience with Python\n- Responsibilities\n- Build tools\n"
    _, spans = split_body(text, fmt="markdown")
    assert [s.section for s in spans][2:] == ["essential", "responsibilities", "responsibilities"]


def test_a_list_item_of_one_word_that_names_no_section_leads_in_to_nothing():
    from rolelint.structure import list_lead_in

    assert list_lead_in("Python") is None
    assert list_lead_in("qualifications") is None


@pytest.mark.parametrize(
    "text",
    [
        "Version control (Git preferred).",
        "Experience with SQL (PostgreSQL a plus)",
        "Hands-on Java (Scala is a plus since that is what we use)",
        "Several years of experience in web development, ideally in a news environment",
        "Experience in Agile teams, preferably following Scrum;",
        "Strong front-end skills (HTML/CSS/JS); ideally you have used Sass",
        "Excellent written skills, experience with front-line client support strongly preferred",
        "Strong attention to detail. Previous project management experience highly preferred",
    ],
)
def test_a_mark_that_narrows_a_detail_leaves_the_requirement_essential(text):
    assert not marks_desirable(text)


@pytest.mark.parametrize(
    "text",
    [
        "Go (a plus)",
        "Knowledge of Go (preferred)",
        "Work experience from earlier terms (preferred but not required)",
        "Excitement about the ecosystem. (Not required, but definitely a bonus!)",
        "Ideally, you have used Kafka",
        "Django preferred",
        "Experience with Go, preferred",
        "Knowledge of AWS, GCP or Azure is a plus",
        "Bachelor degree in Computer Science, Engineering or related field preferred",
    ],
)
def test_a_mark_of_the_whole_requirement_still_makes_it_desirable(text):
    assert marks_desirable(text)


@pytest.mark.parametrize(
    "text",
    [
        "Experience with CI (circleci or jenkins preferred)",
        "Cloud experience (aws or gcp a plus)",
        "SQL (any dialect, though postgres is preferred)",
    ],
)
def test_a_bracketed_mark_that_names_options_of_its_own_keeps_the_requirement_essential(text):
    assert not marks_desirable(text)


def test_reading_a_document_s_structure_does_not_import_spacy():
    import subprocess
    import sys

    code = (
        "import sys; from rolelint.loaders import document_from_string; "
        "document_from_string('# Dev\\n\\n## Requirements\\n\\n- CI (circleci preferred, not required)\\n', "
        "fmt='markdown'); print('spacy' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_a_hyphenated_heading_gets_the_category_of_its_words():
    assert categorize_heading("Technical must-haves") == "essential"


def test_a_heading_of_just_you_heads_requirements():
    assert categorize_heading("You") == "essential"
    assert categorize_heading("You:") == "essential"
    assert categorize_heading("You will") != "essential"


@pytest.mark.parametrize(
    "text",
    [
        "Current CKA certification highly desired.",
        "Experience with Go is desired",
        "While these details are not absolutely mandatory, we do prefer:",
        "A driving licence is not strictly required",
    ],
)
def test_desired_and_not_mandatory_mark_a_requirement_desirable(text):
    assert marks_desirable(text)


@pytest.mark.parametrize(
    "text",
    [
        "Knowledge of the desired state of a cluster",
        "Deliver the desired outcomes for users",
        "We prefer to meet in person",
    ],
)
def test_desired_inside_a_requirement_is_no_mark(text):
    assert not marks_desirable(text)


def test_a_heading_of_both_kinds_of_requirements_heads_requirements():
    assert categorize_heading("SKILLS AND QUALIFICATIONS (REQUIRED AND PREFERRED)") == "essential"
    assert categorize_heading("Requirements (nice to have)") == "desirable"


def test_a_negated_lead_in_does_not_lead_in_to_requirements():
    _, spans = split_body(
        "## Who you are\n\nThis job would NOT be a great fit for you if you:\n\n- Want to break things\n"
    )
    assert [(s.block, s.section) for s in spans][-1] == ("list_item", "other")
    _, spans = split_body("## Who you are\n\nYou would be a great fit if you have:\n\n- Experience with Go\n")
    assert [(s.block, s.section) for s in spans][-1] == ("list_item", "essential")


def test_an_element_is_hidden_by_its_hidden_attribute_or_style_not_by_a_class():
    from rolelint.structure import hides_content

    assert hides_content("<small hidden>")
    assert hides_content('<div style="display: none">')
    assert not hides_content('<div class="hidden md:block">')
    assert not hides_content('<input type="hidden">')
    assert not hides_content('<span aria-hidden="true">')
    assert categorize_heading("Information on the processing of personal data (GDPR)") == "policy"


def test_every_match_of_the_desirable_marks_holds_the_words_of_a_clue_looked_for_first():
    from rolelint.checks.regex import literal_prefilter
    from rolelint.structure import _DESIRABLE_CLUES, DESIRABLE

    def holds(clauses, word: str) -> bool:  # some clause each of whose needles contains the word
        return any(all(text and word in text for text, _ in clause) for clause in clauses)

    def covered(clauses) -> bool:
        # some clause such that, whichever of its needles a match holds, it holds a clue's every word
        return any(
            all(
                any(all((text and word in text) or holds(clauses, word) for word in clue) for clue in _DESIRABLE_CLUES)
                for text, _ in clause
            )
            for clause in clauses
        )

    alternatives = literal_prefilter(DESIRABLE.pattern, DESIRABLE.flags)
    assert alternatives
    for clauses in alternatives:
        assert covered(clauses), clauses


def test_may_mark_desirable_lets_through_every_text_the_marks_match():
    from rolelint.structure import DESIRABLE, may_mark_desirable

    texts = [
        "Go is a PLUS",
        "Experience with Kafka preferred",
        "Nice-to-have: Rust",
        "İdeally you know SQL",
        "A pluſ if you know Elm",
        "Ruby - advantage",
        "Would be great if you write",
        "Any of this will be greatly appreciated",
        "It is of real value",
    ]
    for text in texts:
        assert DESIRABLE.search(text), text
        assert may_mark_desirable(text), text
    assert not may_mark_desirable("Write the roadmap with the team")


def test_caseless_gives_every_ascii_letter_a_case_insensitive_pattern_matches_there():
    import re
    import sys

    from rolelint.textfold import caseless

    letter = re.compile("[a-z]", re.IGNORECASE)
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if letter.fullmatch(char):
            matched = [c for c in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(c, char, re.IGNORECASE)]
            assert [caseless(char)] == matched, hex(code)


@pytest.mark.parametrize(
    "line", ["*   _Preferred Qualifications:_", "- **Nice to have:**", "- **Nice to have**:", "  * *Bonus points:*"]
)
def test_an_emphasised_list_item_ending_in_a_colon_that_names_a_section_is_a_heading(line):
    assert line_heading(line, "markdown") is not None
    text = f"## Requirements\n\n- Experience with Python\n{line}\n- Experience with Go\n"
    sections, spans = split_body(text, fmt="markdown")
    assert [section.category for section in sections] == ["essential", "desirable"]
    assert [span.section for span in spans if span.block == "list_item"] == ["essential", "desirable"]


@pytest.mark.parametrize(
    "line", ["- **Python**", "- _Requirements_", "- Nice to have:", "- **Experience:** five years", "- **Our stack:**"]
)
def test_a_list_item_not_wholly_emphasised_with_a_colon_naming_a_section_stays_an_item(line):
    assert line_heading(line, "markdown") is None


def test_a_bold_list_item_naming_a_section_is_a_heading_in_html():
    from rolelint.htmltext import read_html

    page = "<h2>Requirements</h2><ul><li>Experience with Python</li><li><b>Nice to have:</b></li><li>Go</li></ul>"
    html = read_html(page, range(len(page) + 1))
    assert [section.category for section in html.sections] == ["essential", "desirable"]
    assert [span.section for span in html.spans if span.block == "list_item"] == ["essential", "desirable"]


def test_a_lead_in_naming_requirements_under_a_desirable_heading_stays_desirable():
    text = "## Preferred qualifications\n\n- Experience with:\n    - Remote teams\n    - Agile methods\n"
    _, spans = split_body(text, fmt="markdown")
    assert {span.section for span in spans if span.block == "list_item"} == {"desirable"}


def test_a_heading_about_your_wellbeing_is_not_about_you():
    assert categorize_heading("We care about your wellbeing, so we offer you:") == "benefits"
    assert categorize_heading("About you") == "essential"
    assert categorize_heading("Who you are") == "essential"


def test_an_item_whose_section_word_is_in_its_aside_leads_in_to_nothing():
    from rolelint.structure import list_lead_in

    assert list_lead_in("CV (summarizing education, positions and academic work)") is None
    assert list_lead_in("Skills (Senior)") == "essential"
    text = "## How to apply\n\nSend us:\n\n- Cover letter\n- CV (your education and experience)\n- Grade transcripts\n"
    _, spans = split_body(text, fmt="markdown")
    assert {span.section for span in spans if span.block == "list_item"} == {"apply"}


def test_a_portrait_of_the_reader_is_told_from_a_heading_of_requirements():
    from rolelint.structure import portrays_the_reader

    assert portrays_the_reader("About you")
    assert portrays_the_reader("Who You Are:")
    assert portrays_the_reader("You")
    assert not portrays_the_reader("Required qualifications")
    assert not portrays_the_reader("About your team")


@pytest.mark.parametrize(
    "heading, category",
    [
        ("RESPONSIBLITIES:", "responsibilities"),  # a letter left out
        ("Responsibiilities", "responsibilities"),  # one put in
        ("Qualificatoins", "essential"),  # two swapped
        ("Compensaton and benefits", "benefits"),
        ("Remuneratoin", "pay"),
        ("BENIFITS", "benefits"),  # one replaced
        ("Appliction form", "apply"),
    ],
)
def test_a_heading_word_one_letter_off_a_keyword_gets_its_category(heading, category):
    assert categorize_heading(heading) == category


@pytest.mark.parametrize(
    "heading",
    [
        "Photo attributed",  # "attributes" but for its last letter
        "Educating teams on data",  # "education" with another ending
        "Regards",  # too short to be a slip of "rewards"
        "Blockchain Developer",
        "Devops",
        "Statements",  # a keyword's word itself, alone: no section
    ],
)
def test_a_word_one_letter_off_a_keyword_in_another_sense_or_short_is_no_section(heading):
    assert categorize_heading(heading) == "other"


def test_a_misspelt_heading_marks_its_lines_as_a_section():
    text = "RESPONSIBLITIES:\n\n- Design the API\n- Run the service\n"
    _, spans = split_body(text, fmt="markdown")
    assert {span.section for span in spans if span.block == "list_item"} == {"responsibilities"}


def test_a_heading_that_is_only_a_link_to_apply_is_a_button_not_a_section():
    from rolelint.loaders import document_from_string

    text = (
        "## Director of Donor Relations\n\n### [Apply here](https://jobs.example.org/apply/1)\n\n"
        "The Director will lead our giving.\n\n### How to apply\n\nSend a CV.\n"
    )
    sections = [(s.heading, s.category) for s in document_from_string(text).sections]
    assert sections == [
        ("Director of Donor Relations", "other"),
        ("[Apply here](https://jobs.example.org/apply/1)", "other"),
        ("How to apply", "apply"),
    ]
    # a heading linked to its own anchor keeps its category, and so does one under a section of its own
    linked = document_from_string("## [Responsibilities](#responsibilities)\n\n- Build maps\n")
    assert [s.category for s in linked.sections] == ["responsibilities"]
    steps = "## Requirements\n\n- Python\n\n### [How to apply](#how-to-apply)\n\n- Send a CV\n\n"
    steps += "### [Apply now](https://jobs.example.org/a)\n\n- Send a letter\n"
    assert [s.category for s in document_from_string(steps).sections] == ["essential", "apply", "apply"]
