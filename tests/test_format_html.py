"""HTML pages: structure from headings, lists and paragraphs; every position in the HTML source."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import write

from rolelint.config import load_config
from rolelint.engine import Selection, check
from rolelint.formats import format_for
from rolelint.htmltext import readable_length
from rolelint.loaders import LoadOptions, load_file, parse_source
from rolelint.source import SourceText

PAGE = """\
<!doctype html>
<html><head><title>Jobs</title><style>h2 { color: red }</style>
<script>var advert = "We want a ninja";</script></head>
<body>
<h1>Data analyst</h1>
<p>We&nbsp;are a small team &amp; we want a rockstar.<br>
You will work with us.</p>
<h2>What will you do?</h2>
<ul>
  <li>Build <a href="/r">reports</a></li>
  <li>Run queries</li>
</ul>
<p><strong>Requirements:</strong></p>
<ul><li>SQL</li><li>Python is a plus</li></ul>
<dl><dt>Salary</dt><dd>&pound;40,000 a year</dd></dl>
</body></html>
"""


def _document(text: str, name: str = "a.html"):
    document, findings = parse_source(SourceText(name, text), fmt=format_for(name))
    return document, findings


def _where(document, word: str) -> tuple[int, int]:
    span = next(s for s in document.spans if word in s.text)
    return document.source.position(span.file_offset(span.text.index(word)))


def test_html_files_are_read_as_html():
    assert format_for("advert.html").name == format_for("advert.HTM").name == "html"


def test_every_word_is_at_its_position_in_the_html_source():
    document, findings = _document(PAGE)
    assert findings == []
    assert _where(document, "Data analyst") == (5, 5)
    assert _where(document, "rockstar") == (6, 45)  # after `&nbsp;` and `&amp;`, each one character of text
    assert _where(document, "You will") == (7, 1)
    assert _where(document, "reports") == (10, 26)
    assert _where(document, "40,000") == (15, 31)  # after `&pound;`


def test_entities_are_decoded_and_point_at_their_ampersand():
    document, _ = _document(PAGE)
    span = next(s for s in document.spans if "small team" in s.text)
    assert "small team & we" in span.text
    assert document.source.position(span.file_offset(span.text.index("&"))) == (6, 29)
    pound = next(s for s in document.spans if "40,000" in s.text)
    assert pound.text.strip().startswith("£")


def test_script_style_and_title_are_not_text():
    document, _ = _document(PAGE)
    text = " ".join(s.text for s in document.spans)
    assert "ninja" not in text and "color" not in text and "Jobs" not in text


def test_headings_lists_and_definition_lists_are_structure():
    document, _ = _document(PAGE)
    assert [(s.heading, s.category) for s in document.sections] == [
        ("Data analyst", "other"),
        ("What will you do?", "responsibilities"),
        ("Requirements", "essential"),
        ("Salary", "pay"),
    ]
    blocks = [(s.block, s.section, s.text.strip()) for s in document.spans]
    assert ("list_item", "responsibilities", "Build reports") in blocks
    assert ("list_item", "essential", "SQL") in blocks
    assert ("list_item", "desirable", "Python is a plus") in blocks


def test_a_heading_in_a_sidebar_or_footer_does_not_sit_under_the_body_heading_before_it():
    page = (
        "<main><h2>Requirements</h2><ul><li>SQL</li></ul></main>"
        "<aside><h4>Key facts</h4><dl><dt>Level</dt><dd>Senior</dd></dl></aside>"
        "<footer><h5>Our company</h5><ul><li>Home</li></ul></footer>"
    )
    document, _ = _document(page)
    assert [(s.heading, s.category) for s in document.sections] == [
        ("Requirements", "essential"),
        ("Key facts", "other"),
        ("Level", "other"),
        ("Our company", "other"),
    ]
    # without the landmark, a lower heading takes the category of the one it sits under
    document, _ = _document(page.replace("<aside>", "<div>").replace("</aside>", "</div>"))
    assert document.sections[1].category == "essential"


def test_list_items_and_lines_are_never_joined_into_one_sentence():
    document, _ = _document("<ul><li>Build reports</li><li>Run queries</li></ul><p>One line<br>Another line</p>")
    assert [s.text.strip() for s in document.spans] == ["Build reports", "Run queries", "One line", "Another line"]


def test_a_line_that_goes_on_after_a_break_stays_in_its_sentence():
    document, _ = _document("<p>We are looking for someone who<br>loves data.</p>")
    assert [s.text for s in document.spans] == ["We are looking for someone who loves data."]


def test_bullets_typed_into_a_paragraph_are_list_items():
    document, _ = _document("<h2>Skills</h2><p>• SQL<br>• Python</p>")
    assert [(s.block, s.section, s.text.strip()) for s in document.spans][1:] == [
        ("list_item", "essential", "SQL"),
        ("list_item", "essential", "Python"),
    ]


def test_a_page_with_no_text_is_reported_not_linted():
    _, findings = _document("<html><body><script>x()</script></body></html>")
    assert [f.code for f in findings] == ["RL003"]


@pytest.mark.parametrize(
    "text",
    [
        "<div>" * 100_000 + "deep text" + "</div>" * 100_000,
        "<b><i>" * 50_000 + "deep text",
        "<ul><li>" * 50_000 + "deep text",
        "<div>" * 100_000 + "deep text" + "</span>" * 100_000,
    ],
)
def test_100k_nested_tags_are_read_in_bounded_time_without_recursion(text):
    started = time.process_time()
    document, _ = _document(text)
    assert any("deep text" in s.text for s in document.spans)
    assert document.source.position(document.spans[-1].file_offset(0))[0] == 1
    assert time.process_time() - started < 60  # generous: a quadratic reader takes hours here


@pytest.mark.parametrize(
    "text", ["<!--" * 200_000, "<a " * 200_000, "<![CDATA[" * 100_000, "<!" * 300_000, "<script>" + "</scr" * 100_000]
)
def test_markup_never_closed_is_not_searched_again_from_every_later_tag(text):
    started = time.process_time()
    _, findings = _document("<p>Intro text.</p>" + text)
    assert time.process_time() - started < 60
    assert findings == []


def test_readable_length_stops_at_the_first_construct_never_closed():
    assert readable_length("<p>a</p><!-- open") == len("<p>a</p>")
    assert readable_length("<p>a</p><!-- closed --> b") == len("<p>a</p><!-- closed --> b")
    assert readable_length("<script>if (a < b) {}</script><p>x") == len("<script>if (a < b) {}</script><p>x")


def test_a_huge_numeric_reference_is_text_not_a_crash():
    document, _ = _document("<p>&#" + "9" * 10_000 + ";</p>")
    assert document.spans


def _run(root: Path, codes: tuple[str, ...]):
    write(root, ".rolelint.yaml", "include: ['**/*.html']\n")
    return check([root], load_config(cwd=root), selection=Selection(select=codes), cwd=root)


def test_findings_in_a_page_point_at_the_html_source(tmp_path):
    write(tmp_path, "jobs/a.html", PAGE)
    result = _run(tmp_path, ("RL104", "RL208"))
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [("RL104", 6, 45)]


def test_html_comments_suppress_findings(tmp_path):
    write(
        tmp_path, "jobs/a.html", PAGE.replace("<p>We&nbsp;", "<!-- rolelint-disable-next-line RL104 -->\n<p>We&nbsp;")
    )
    assert [d.code for d in _run(tmp_path, ("RL104",)).diagnostics] == []


JSON_LD_PAGE = """\
<html><head>
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "JobPosting", "title": "Data analyst",
 "baseSalary": {"@type": "MonetaryAmount", "currency": "GBP",
   "value": {"@type": "QuantitativeValue", "minValue": 40000, "maxValue": 48000, "unitText": "YEAR"}},
 "jobLocation": {"@type": "Place", "address": {"addressLocality": "Leeds", "addressCountry": "GB"}},
 "validThrough": "2026-12-01T00:00", "description": "<p>We want a <b>rockstar</b>.</p>"}
</script></head>
<body><h1>Data analyst</h1><p>We analyse data.</p></body></html>
"""


def test_json_ld_in_a_page_gives_its_metadata_with_positions_and_the_page_its_text():
    document, findings = _document(JSON_LD_PAGE)
    assert findings == []
    assert document.data["salary"] == {"min": 40000, "max": 48000, "currency": "GBP", "period": "year"}
    assert document.data["location"] == "Leeds, GB" and document.data["closing_date"] == "2026-12-01"
    assert document.source.position(document.nodes["salary"][0]) == (4, 16)
    assert [s.text.strip() for s in document.spans] == ["Data analyst", "We analyse data."]


def test_json_ld_description_is_the_text_of_a_page_that_shows_none(tmp_path):
    text = JSON_LD_PAGE.replace("<body><h1>Data analyst</h1><p>We analyse data.</p></body>", "<body></body>")
    document, _ = _document(text)
    rockstar = _where(document, "rockstar")
    assert rockstar == (7, 70)
    result = _run(tmp_path, ("RL104", "RL208"))
    assert result.diagnostics == []  # no HTML file yet: the page is written below
    write(tmp_path, "jobs/a.html", text)
    assert [(d.code, d.line, d.column) for d in _run(tmp_path, ("RL104", "RL208")).diagnostics] == [("RL104", 7, 70)]


def test_html_is_not_fixed_in_place(tmp_path):
    assert format_for("a.html").fixable is False


def test_loading_an_html_file(tmp_path):
    loaded = load_file(write(tmp_path, "a.html", PAGE), "a.html", kind_hint=None, options=LoadOptions())
    assert loaded.document.kind == "advert" and loaded.document.format == "html"


def test_a_table_laid_out_as_fields_heads_each_value_with_its_label():
    page = (
        "<h2>Project officer</h2>\n<table>\n<tr><th>Report to</th><td>Head of operations</td></tr>\n"
        "<tr><th>Location</th><td>Dar es Salaam</td></tr>\n<tr><td><b>Salary</b></td><td>Competitive</td></tr>\n"
        "<tr><th>Grade</th><th>Band</th></tr>\n</table>\n"
    )
    document, _ = _document(page)
    assert [(s.heading, s.category) for s in document.sections] == [
        ("Project officer", "other"),
        ("Location", "location"),
        ("Salary", "pay"),
    ]
    by_text = {span.text.strip(): span for span in document.spans}
    value = by_text["Dar es Salaam"]
    assert (value.section, page[value.offsets[0] : value.offsets[-1]]) == ("location", "Dar es Salaam")
    # a header cell that names no section ("Report to", a column's "Grade") stays text
    assert by_text["Report to"].block == "paragraph" and by_text["Grade"].block == "paragraph"


def test_a_page_builder_s_shortcodes_in_a_page_are_not_its_text():
    from rolelint.loaders import document_from_string

    page = '<div>[vc_row][vc_column width="1/2"]<p>We hire.</p>[/vc_column][/vc_row]</div>\n'
    document = document_from_string(page, fmt="html")
    assert " ".join(span.text.split()[0] for span in document.spans if span.text.strip()) == "We"


def test_front_matter_of_a_rendered_page_is_its_metadata_not_its_text():
    text = "---\ntitle: Data analyst\nlayout: banner-layout\nlocation: Leeds\n---\n" + PAGE
    document, findings = _document(text)
    assert findings == []
    assert document.front_matter == "yaml"
    assert document.data["location"] == "Leeds"
    assert document.site_metadata  # `layout` is the site's, not a finding
    body = [span.text for span in document.spans if span.block != "scalar"]
    assert not any("layout" in t or "banner" in t for t in body)
    # positions stay the file's: the page's words are where they were, five lines further down
    (line, column), (plain_line, plain_column) = _where(document, "rockstar"), _where(_document(PAGE)[0], "rockstar")
    assert (line, column) == (plain_line + 5, plain_column)


def test_a_page_s_json_ld_wins_over_its_front_matter():
    posting = (
        '<script type="application/ld+json">{"@type": "JobPosting", "title": "Data analyst",'
        ' "jobLocation": {"@type": "Place", "address": "York"}}</script>'
    )
    text = "---\nlocation: Leeds\ntitle: Analyst\n---\n" + PAGE.replace("</head>", posting + "</head>")
    document, _ = _document(text)
    assert document.data["title"] == "Data analyst"


def test_a_page_that_is_only_front_matter_is_read_as_a_markdown_page_of_it_is():
    document, findings = _document("---\nlayout: job\ntitle: Developer\ndescription: We build maps.\n---\n")
    assert document.kind == "advert"
    assert [f.code for f in findings] == ["RL003"]  # withdrawn where the site's keys hold the advert's prose


def test_a_page_opening_with_a_rule_of_dashes_never_closed_is_all_page():
    document, findings = _document("---\n" + PAGE)
    assert findings == []
    assert document.front_matter is None
    assert any("rockstar" in span.text for span in document.spans)
