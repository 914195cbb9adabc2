"""Front matter in YAML, TOML and JSON: values read with positions, site metadata not reported, and
whole-advert findings anchored where the text starts."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write, write_small_profession

from rolelint.config import load_config
from rolelint.engine import Selection, check
from rolelint.loaders import LoadOptions, load_file
from rolelint.schema import site_prose


def _load(path: Path):
    return load_file(path, path.name, kind_hint=None, options=LoadOptions())


def _at(document, field: str) -> tuple[int, int]:
    start, _ = document.nodes[field]
    return document.source.position(start)


def _span_position(document, word: str) -> tuple[int, int]:
    span = next(s for s in document.spans if word in s.text)
    return document.source.position(span.file_offset(span.text.index(word)))


TOML = """\
+++
title = "Senior \\"data\\" ninja"
layout = "job"
location = 'Leeds'

[salary]
min = 40000
max = 48000
currency = "GBP"
+++
# Senior data engineer

We build pipelines.
"""


def test_toml_front_matter_is_read_with_positions(tmp_path):
    loaded = _load(write(tmp_path, "a.md", TOML))
    document = loaded.document
    assert loaded.findings == []
    assert document.front_matter == "toml"
    assert document.data["location"] == "Leeds" and document.data["salary"]["max"] == 48000
    assert _at(document, "location") == (4, 12)
    assert _at(document, "salary.max") == (8, 7)
    assert document.source.position(document.key_nodes["salary.currency"][0]) == (9, 1)
    # an escaped quote is one character of the value; the word after it still lands on its column
    assert _span_position(document, "ninja") == (2, 26)
    # the body starts after the closing `+++`, and none of the metadata is read as its prose
    assert document.source.position(document.body_start) == (11, 1)
    assert not any("layout" in span.text or "+++" in span.text for span in document.spans)


def test_toml_multiline_strings_arrays_and_tables_of_arrays_keep_positions(tmp_path):
    text = (
        '+++\ndescription = """\nA team of\nrockstars."""\ntags = ["a", "b"]\n[[offices]]\nname = "Leeds"\n'
        '[[offices]]\nname = "York"\n+++\nBody text here.\n'
    )
    document = _load(write(tmp_path, "a.md", text)).document
    assert _span_position(document, "rockstars") == (4, 1)
    assert _at(document, "tags[1]") == (5, 14)
    assert _at(document, "offices[1].name") == (9, 8)


def test_broken_toml_front_matter_is_a_parse_error_at_its_line(tmp_path):
    path = write(tmp_path, "a.md", '+++\ntitle = "x"\nlocation = \n+++\nBody.\n')
    loaded = _load(path)
    assert [f.code for f in loaded.findings] == ["RL001"]
    assert "invalid TOML front matter" in loaded.findings[0].message
    assert loaded.document.source.position(loaded.findings[0].start)[0] == 3


@pytest.mark.parametrize(
    ("toml", "line"),
    [
        ('title = "a"\ntitle = "b"\n', 3),  # tomllib: "Cannot overwrite a value"
        ("[pay]\nmin = 1\n[pay]\nmax = 2\n", 4),  # tomllib: "Cannot declare ('pay',) twice"
    ],
)
def test_a_key_or_table_given_twice_in_toml_front_matter_says_so(tmp_path, toml, line):
    loaded = _load(write(tmp_path, "a.md", f"+++\n{toml}+++\nBody.\n"))
    assert [f.code for f in loaded.findings] == ["RL001"]
    assert "already given above; TOML allows each only once" in loaded.findings[0].message
    assert loaded.document.source.position(loaded.findings[0].start)[0] == line


def test_unclosed_toml_front_matter_is_reported(tmp_path):
    loaded = _load(write(tmp_path, "a.md", '+++\ntitle = "x"\n\nBody\n'))
    assert [f.code for f in loaded.findings] == ["RL001"] and "`+++`" in loaded.findings[0].message


def test_deeply_nested_toml_is_refused_without_a_recursion_error(tmp_path):
    text = "+++\nx = " + "[" * 100_000 + "]" * 100_000 + "\n+++\nBody.\n"
    loaded = _load(write(tmp_path, "a.md", text))
    assert [f.code for f in loaded.findings] == ["RL008"]
    assert loaded.document.source.position(loaded.findings[0].start)[0] == 2


@pytest.mark.parametrize(
    "text",
    [
        '{\n  "title": "Data rockstar",\n  "location": "York"\n}\nBody text.\n',
        '---json\n{\n  "title": "Data rockstar",\n  "location": "York"\n}\n---\nBody text.\n',
    ],
)
def test_json_front_matter_is_read_with_positions(tmp_path, text):
    document = _load(write(tmp_path, "a.md", text)).document
    assert document.front_matter == "json"
    assert document.data == {"title": "Data rockstar", "location": "York"}
    offset = 1 if text.startswith("{") else 2
    assert _at(document, "location") == (2 + offset, 15)
    assert _span_position(document, "rockstar") == (1 + offset, 18)
    assert [s.text.strip() for s in document.spans if s.field is None] == ["Body text."]


def test_text_that_merely_starts_with_a_brace_is_not_front_matter(tmp_path):
    document = _load(write(tmp_path, "a.md", "{Company name} is hiring a product manager.\n")).document
    assert document.front_matter is None and document.data == {}
    assert document.spans[0].text.startswith("{Company name}")


def test_broken_json_front_matter_is_a_parse_error(tmp_path):
    loaded = _load(write(tmp_path, "a.md", '---json\n{"title": "x",}\n---\nBody.\n'))
    assert [f.code for f in loaded.findings] == ["RL001"]
    assert loaded.document.source.position(loaded.findings[0].start) == (2, 15)


def test_front_matter_in_an_unknown_syntax_is_reported_once_and_not_read_as_prose(tmp_path):
    loaded = _load(write(tmp_path, "a.md", "---js\nmodule.exports = { layout: 'job' };\n---\n# Analyst\n\nText.\n"))
    assert [f.code for f in loaded.findings] == ["RL012"]
    assert "`js`" in loaded.findings[0].message
    assert [s.text.strip() for s in loaded.document.spans] == ["Analyst", "Text."]


SITE = """\
---
layout: job-posting
permalink: /jobs/analyst/
translationKey: analyst
title: Data analyst
location: {city: Leeds}
---
# Data analyst

We analyse data.
"""


def _run(root: Path, codes: tuple[str, ...], config: str = ""):
    write(root, ".rolelint.yaml", config or "include: ['**/*.md']\n")
    return check([root], load_config(cwd=root), selection=Selection(select=codes), cwd=root)


def test_keys_of_site_front_matter_are_not_findings_unless_strict(tmp_path):
    write(tmp_path, "adverts/a.md", SITE)
    assert _run(tmp_path, ("RL010", "RL011")).diagnostics == []
    # `location` is a key rolelint knows, but a site's object, not rolelint's text: strict mode says so.
    strict = _run(tmp_path, ("RL010",), "include: ['**/*.md']\nstrict_front_matter: true\n")
    assert [(d.code, d.line, d.column) for d in strict.diagnostics] == [("RL010", 6, 11)]


def test_a_site_key_named_like_rolelints_is_not_read_as_a_reference(tmp_path):
    # A job board's `role: UX Design` is its own category, not the id of a role in a roles repo.
    write(tmp_path, "adverts/a.md", "---\nlayout: jobs\nrole: UX Design\n---\n# Designer\n\nWe design.\n")
    assert _run(tmp_path, ("RL010", "RL301")).diagnostics == []
    document = _load(tmp_path / "adverts" / "a.md").document
    assert "role" not in document.data and document.site_data == {"role": "UX Design"}


def test_a_site_key_in_rolelints_form_is_still_read_and_checked(tmp_path):
    write(tmp_path, "adverts/a.md", "---\nlayout: jobs\nrole: ux-design\nclosing_date: '2026-12-01'\n---\nText.\n")
    document = _load(tmp_path / "adverts" / "a.md").document
    assert document.data["role"] == "ux-design" and not document.site_data
    # with no framework in the run there is nothing the id could refer to (a team page's own `role:`)
    assert [d.code for d in _run(tmp_path, ("RL301",)).diagnostics] == []
    # in a roles repo whose frameworks define roles, it is checked like any advert's
    write_small_profession(tmp_path, framework="pm")
    config = "include: ['**/*.md', 'frameworks/*.yaml', 'roles/*.yaml']\n"
    found = _run(tmp_path, ("RL301",), config).diagnostics
    assert [(d.code, Path(d.path).name) for d in found] == [("RL301", "a.md")]


def test_a_sites_own_salary_string_still_counts_as_pay(tmp_path):
    write(tmp_path, "adverts/a.md", "---\nlayout: jobs\nsalary: GBP 40,000 a year\n---\n# Analyst\n\nWe analyse.\n")
    assert _load(tmp_path / "adverts" / "a.md").document.site_data == {"salary": "GBP 40,000 a year"}
    assert _run(tmp_path, ("RL010", "RL208")).diagnostics == []


def test_strict_front_matter_reports_the_sites_keys(tmp_path):
    write(tmp_path, "adverts/a.md", SITE)
    result = _run(tmp_path, ("RL011",), "include: ['**/*.md']\nstrict_front_matter: true\n")
    assert [(d.line, d.context) for d in result.diagnostics] == [(2, "layout"), (3, "permalink"), (4, "translationKey")]


def test_front_matter_that_names_its_kind_keeps_unknown_key_findings(tmp_path):
    write(tmp_path, "adverts/a.md", "---\nkind: advert\ntitel: Data analyst\n---\nText.\n")
    assert [(d.code, d.line) for d in _run(tmp_path, ("RL011",)).diagnostics] == [("RL011", 3)]


def test_site_keys_holding_slugs_and_paths_are_not_read_as_prose(tmp_path):
    document = _load(
        write(tmp_path, "a.md", SITE.replace("translationKey: analyst", "description: We hire a data analyst in Leeds"))
    ).document
    assert document.site_metadata
    fields = {s.field for s in site_prose(document.spans) if s.field}
    assert fields == {"title", "description", "location.city"}


def test_a_whole_advert_finding_is_anchored_at_the_body_not_in_the_front_matter(tmp_path):
    write(tmp_path, "adverts/a.md", "---\nlayout: job\ntitle: Data analyst\n---\n\nWe analyse data.\n")
    result = _run(tmp_path, ("RL208",))
    [finding] = result.diagnostics
    assert (finding.line, finding.column) == (6, 1)
    assert finding.full_message.endswith("(about the whole advert; shown where its text starts)")


def test_a_whole_advert_finding_with_a_subject_section_stays_on_its_heading(tmp_path):
    write(tmp_path, "adverts/a.md", "# Data analyst\n\nWe analyse data.\n\n## Benefits\n\nA pension.\n")
    [finding] = _run(tmp_path, ("RL208",)).diagnostics
    assert (finding.line, finding.column) == (5, 1) and "whole advert" not in finding.message


def test_a_site_description_that_repeats_the_body_is_read_once_in_the_body(tmp_path):
    text = (
        "---\nlayout: job\ndescription: >-\n  We hire a data analyst in Leeds\n  to join our small team.\n---\n\n"
        "# Analyst\n\nWe hire a data analyst in Leeds to join our small team. You will build dashboards.\n"
    )
    document = _load(write(tmp_path, "a.md", text)).document
    spans = site_prose(document.spans)
    assert [s.field for s in spans if s.field] == []
    body = next(s for s in spans if "dashboards" in s.text)
    assert body.file_offset(0) == text.index("We hire a data analyst in Leeds to")


def test_a_site_description_of_its_own_is_still_read(tmp_path):
    text = "---\nlayout: job\ndescription: A role for someone who loves maps\n---\n\nWe hire a data analyst.\n"
    document = _load(write(tmp_path, "a.md", text)).document
    [described] = [s for s in site_prose(document.spans) if s.field]
    assert described.field == "description" and described.file_offset(0) == text.index("A role")


def test_a_site_key_whose_value_only_marks_a_gap_is_read(tmp_path):
    text = "---\nlayout: job\nurl: T.B.D.\nnotes_md: (optional)\nsquad: Data\n---\n\nWe hire a data analyst.\n"
    document = _load(write(tmp_path, "a.md", text)).document
    assert [s.field for s in site_prose(document.spans) if s.field] == ["url", "notes_md"]


SITE_ADVERT_IN_KEYS = (
    "---\nposition: Front end engineer\nlayout: job\nbrief: |\n"
    "  We are hiring a front end engineer who builds the pages of our data platform for the public.\n"
    "---\n"
)


def test_a_site_advert_whose_text_is_in_its_own_keys_is_not_said_to_have_no_text(tmp_path):
    """The rules read a site key's prose as the advert's text, so RL003's "no text" would be false."""
    write(tmp_path, "adverts/job.md", SITE_ADVERT_IN_KEYS)
    assert _run(tmp_path, ("RL003",)).diagnostics == []
    assert any("data platform" in span.text for span in site_prose(_load(tmp_path / "adverts/job.md").document.spans))


def test_a_site_advert_with_only_metadata_and_no_body_still_has_no_text(tmp_path):
    write(tmp_path, "adverts/job.md", "---\nposition: Front end engineer\nlayout: job\n---\n")
    assert [d.code for d in _run(tmp_path, ("RL003",)).diagnostics] == ["RL003"]


def test_front_matter_with_a_reserved_first_character_is_reported_and_still_read(tmp_path):
    # Astro sites write an import alias unquoted: YAML refuses it, the site's reader takes it
    from rolelint import Linter
    from rolelint.config import Config

    text = (
        "---\ntitle: Impact Reporter\nlayout: @layouts/Career.astro\n"
        "salary: $120,000 - $140,000 + super\n---\nWe are a pension fund.\n"
    )
    linter = Linter(Config(root=tmp_path), select=("RL001", "RL208"))
    found = [(d.code, d.line, d.column, d.message) for d in linter.lint_text(text, name="advert.md").diagnostics]
    assert found == [("RL001", 3, 9, "invalid YAML: a value cannot start with `@`; quote the value")]
    # each such value is reported; a block scalar that quotes "@" and "`" is read as written
    more = text.replace("salary:", "image: @assets/x.png\ndescription: |\n  Twitter: @acme is where we post.\nsalary:")
    found = [(d.code, d.line) for d in linter.lint_text(more, name="advert.md").diagnostics]
    assert found == [("RL001", 3), ("RL001", 4)]
    from rolelint.loaders import document_from_string

    data = document_from_string(more).data
    assert data["description"] == "Twitter: @acme is where we post.\n" and data["layout"] == "layouts/Career.astro"
    # with another error besides, the front matter is not read: its salary is lost
    broken = text.replace("title: Impact Reporter", "title: [Impact")
    codes = [d.code for d in linter.lint_text(broken, name="advert.md").diagnostics]
    assert "RL208" in codes and "RL001" in codes
