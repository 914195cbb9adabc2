"""The YAML loader keeps positions, refuses unsafe input and reports duplicate keys."""

from __future__ import annotations

from rolelint.source import SourceText
from rolelint.yamlpos import load_yaml


def _span(result, field):
    return next(s for s in result.spans if s.field == field)


def test_every_field_has_its_value_offsets():
    text = "kind: role\nlevels:\n  - level: senior\n    title: Senior PM\n"
    result = load_yaml(text)
    start, end = result.nodes["levels[0].title"]
    assert text[start:end] == "Senior PM"
    key_start, key_end = result.key_nodes["levels[0].title"]
    assert text[key_start:key_end] == "title"


def test_quoted_scalar_maps_each_character_back_to_the_source():
    text = 'summary: "We want a \\"rockstar\\" now"\n'
    span = _span(load_yaml(text), "summary")
    index = span.text.index("rockstar")
    start, end = span.file_range(index, index + len("rockstar"))
    assert text[start:end] == "rockstar"


def test_folded_block_scalar_maps_words_on_later_lines():
    text = "summary: >\n  first line\n  then a ninja here\n"
    span = _span(load_yaml(text), "summary")
    index = span.text.index("ninja")
    start, _ = span.file_range(index, index + 5)
    assert SourceText("f", text).position(start) == (3, 10)


def test_crlf_block_scalar_positions():
    text = "summary: |\r\n  one\r\n  two guys\r\n"
    span = _span(load_yaml(text), "summary")
    index = span.text.index("guys")
    start, _ = span.file_range(index, index + 4)
    assert SourceText("f", text).position(start) == (3, 7)


def test_identifier_fields_are_not_prose():
    result = load_yaml("kind: role\nid: product-manager\ntitle: Product manager\n")
    assert [s.field for s in result.spans] == ["title"]


def test_duplicate_key_is_reported_at_the_second_key():
    text = "title: a\ntitle: b\n"
    problems = load_yaml(text).problems
    assert [p.code for p in problems] == ["RL007"]
    assert text[problems[0].start:problems[0].end] == "title"


def test_python_tags_are_not_constructed():
    result = load_yaml("x: !!python/object/apply:os.system ['echo pwned']\n")
    assert [p.code for p in result.problems] == ["RL008"]
    assert result.data == {"x": ["echo pwned"]}


def test_alias_bomb_is_refused_quickly():
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    result = load_yaml("\n".join(lines) + "\n")
    assert not result.ok
    assert "alias bomb" in result.problems[0].message


def test_syntax_error_points_at_the_problem():
    text = "title: ok\nlevels: [a, b\nother: 1\n"
    problem = load_yaml(text).problems[0]
    assert problem.code == "RL001"
    assert SourceText("f", text).position(problem.start)[0] == 3


def test_tab_indentation_error_says_so():
    problem = load_yaml("a:\n\tb: 1\n").problems[0]
    assert "tab" in problem.message.lower()


def test_front_matter_offsets_are_file_offsets():
    text = "---\ntitle: Ninja\n---\nbody"
    result = load_yaml(text[4:16], base=4, full_text=text)
    start, end = result.nodes["title"]
    assert text[start:end] == "Ninja"


def test_dates_stay_as_written_text():
    assert load_yaml("closing_date: 2026-12-01\n").data == {"closing_date": "2026-12-01"}
