"""The body splitter: headed sections with categories, blocks with markup masked in place."""

from __future__ import annotations

from rolelint.markdown import categorize_heading, mask_inline, split_body

ADVERT = """Intro with **bold** and a [link](https://example.org).

## About the role
You will shape a product.

## What you'll do
- Lead discovery
  with the team
- Plan releases

## Benefits
- A pension

### Notes
Anything else.
"""


def test_headings_get_categories():
    sections, _ = split_body(ADVERT)
    assert [(s.heading, s.category) for s in sections] == [
        ("About the role", "about"),
        ("What you'll do", "responsibilities"),
        ("Benefits", "benefits"),
        ("Notes", "benefits"),  # an unrecognised subheading inherits its parent's category
    ]


def test_text_before_the_first_heading_is_the_preamble():
    _, spans = split_body(ADVERT)
    assert spans[0].section == "preamble"


def test_list_items_are_separate_spans_with_continuations():
    _, spans = split_body(ADVERT)
    items = [s.text.strip() for s in spans if s.block == "list_item" and s.section == "responsibilities"]
    assert items == ["Lead discovery   with the team", "Plan releases"]


def test_masked_text_keeps_offsets_verbatim():
    _, spans = split_body(ADVERT)
    first = spans[0]
    index = first.text.index("link")
    start, end = first.file_range(index, index + 4)
    assert ADVERT[start:end] == "link"
    assert "https" not in first.text and "**" not in first.text


def test_offsets_start_at_base_for_bodies_after_front_matter():
    _, spans = split_body("Hello there", base=100)
    assert spans[0].offsets[0] == 100


def test_code_blocks_and_comments_are_not_prose():
    body = "```\nrockstar\n```\n<!-- rockstar -->\nplain\n"
    _, spans = split_body(body)
    assert [s.text.strip() for s in spans] == ["plain"]


def test_plain_text_colon_lines_are_headings():
    sections, _ = split_body("We are hiring.\n\nResponsibilities:\nDo things.\n", fmt="text")
    assert [s.category for s in sections] == ["responsibilities"]


def test_setext_heading():
    sections, _ = split_body("How to apply\n------------\nEmail us.\n")
    assert sections[0].category == "apply"


def test_categorize_heading_examples():
    assert categorize_heading("Essential criteria") == "essential"
    assert categorize_heading("Nice to have") == "desirable"
    assert categorize_heading("What we offer") == "benefits"
    assert categorize_heading("Salary") == "pay"
    assert categorize_heading("How to apply") == "apply"
    assert categorize_heading("Our values") == "other"


def test_mask_inline_preserves_length():
    text = "A `code` and <b>bold</b> and ![img](x.png) and \\*star"
    masked = mask_inline(text)
    assert len(masked) == len(text)
    assert "code" not in masked and "img" not in masked and "bold" in masked


def test_headings_about_travel_or_clearance_are_not_criteria():
    assert categorize_heading("Travel requirement") == "other"
    assert categorize_heading("Security clearance requirements") == "other"


def test_a_backtick_between_letters_is_an_apostrophe_not_a_code_span():
    text = "The company`s mission is clear. We`re hiring a `make` expert."
    masked = mask_inline(text)
    assert masked[: text.index("hiring")] == text[: text.index("hiring")]  # the full stop stays
    assert "make" not in masked and len(masked) == len(text)


HTML_BODY = """---
title: Data Engineer
---
<p><strong>Requirements:</strong></p>
<ul>
<li>Experience with SQL &amp; Python</li>
<li>Knowledge of Spark</li>
</ul>
<p>We offer a pension.</p>
"""


def test_a_markdown_body_written_in_html_is_read_by_its_tags():
    from rolelint.loaders import document_from_string

    document = document_from_string(HTML_BODY)
    items = [(s.block, s.section, s.text.strip()) for s in document.spans if s.block != "scalar"]
    assert items[:3] == [
        ("heading", "essential", "Requirements:"),
        ("list_item", "essential", "Experience with SQL & Python"),
        ("list_item", "essential", "Knowledge of Spark"),
    ]
    item = next(s for s in document.spans if s.text.strip().startswith("Experience"))
    start = item.file_offset(item.text.index("Experience"))
    assert HTML_BODY[start:].startswith("Experience with SQL &amp; Python")


def test_markdown_with_a_few_html_lines_stays_markdown():
    text = "## Requirements\n\n- Python\n- SQL\n\n<p>Apply by email.</p>\n"
    _, spans = split_body(text)
    assert [s.block for s in spans] == ["heading", "list_item", "list_item", "paragraph"]


def test_a_tag_that_is_no_html_element_is_text_not_markup():
    assert mask_inline("Nothing at <Name> is ours") == "Nothing at <Name> is ours"
    assert mask_inline("Pay: <insert salary>") == "Pay: <insert salary>"
    assert mask_inline("a <b>bold</b> <my-widget>x</my-widget>") == "a    bold     " + " " * 11 + "x" + " " * 12


def test_a_page_builder_s_shortcodes_are_markup_not_prose():
    from rolelint.markdown import mask_inline

    text = (
        '[fusion_builder_container hundred_percent="no"][fusion_text]We hire.[/fusion_text][/fusion_builder_container]'
    )
    assert mask_inline(text).strip() == "We hire."
    assert mask_inline('[caption id="a1"]A photo[/caption]').strip() == "A photo"
    # a placeholder, a checkbox and a link's text are not shortcodes
    assert mask_inline("Salary: [Insert salary]. Tick [x].") == "Salary: [Insert salary]. Tick [x]."


def test_list_markers_a_cms_escaped_on_export_are_list_items():
    body = (
        "The assistant will be responsible for:\n\n\\- Providing administrative support.\n\n"
        "\\- Assisting with events.\n\n1\\. Writing the newsletter.\n"
    )
    _, spans = split_body(body)
    items = [(s.text.strip(), s.section) for s in spans if s.block == "list_item"]
    assert items == [
        ("Providing administrative support.", "responsibilities"),
        ("Assisting with events.", "responsibilities"),
        ("Writing the newsletter.", "responsibilities"),
    ]
