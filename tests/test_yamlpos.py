"""The YAML loader keeps positions, refuses unsafe input and reports duplicate keys."""

from __future__ import annotations

import pytest
import yaml

from rolelint.source import SourceText
from rolelint.yamlpos import YamlResult, _Builder, load_yaml


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
    assert text[problems[0].start : problems[0].end] == "title"


def test_a_key_repeated_with_the_same_value_loses_nothing_and_is_not_reported():
    assert load_yaml("date: 2014-01-26\ntitle: a\ndate: 2014-01-26\n").problems == []
    # the same text with another tag, or another value, is a value lost
    assert [p.code for p in load_yaml("n: 1\nn: '1'\n").problems] == ["RL007"]
    assert [p.code for p in load_yaml("tags: [a]\ntags: [a]\n").problems] == ["RL007"]


def test_python_tags_are_not_constructed():
    result = load_yaml("x: !!python/object/apply:os.system ['echo pwned']\n")
    assert [p.code for p in result.problems] == ["RL008"]
    assert result.data == {"x": ["echo pwned"]}
    assert result.problems[0].message == (
        "tag `!!python/object/apply:os.system` is not allowed; rolelint reads plain YAML data only"
    )


@pytest.mark.parametrize(
    "text, shown",
    [
        ("x: !custom foo\n", "!custom"),
        ("x: &a !custom foo\n", "!custom"),  # past the anchor
        ("x: !custom &a foo\n", "!custom"),
        ("x: [!!python/name:os.system, b]\n", "!!python/name:os.system"),
        ("x: !!python/object/apply:os.system\n  - echo\n", "!!python/object/apply:os.system"),
        (
            "x: !<tag:yaml.org,2002:python/object/apply:os.system> [a]\n",
            "!<tag:yaml.org,2002:python/object/apply:os.system>",
        ),
        ("x: !<tag:example.com,2000:app/foo> bar\n", "!<tag:example.com,2000:app/foo>"),
        ("%TAG !e! tag:example.com,2000:app/\n---\nx: !e!foo bar\n", "!e!foo"),
        ("%TAG !! tag:example.com,2000:\n---\nx: !!foo bar\n", "!!foo"),  # `!!` redefined: still as written
        ("x: !c%41 y\n", "!c%41"),  # percent-escapes kept as written, not decoded to !cA
    ],
)
def test_a_refused_tag_is_shown_as_written(text, shown):
    problems = load_yaml(text).problems
    assert [p.code for p in problems] == ["RL008"]
    assert problems[0].message.startswith(f"tag `{shown}` is not allowed;")
    assert "tag:yaml.org,2002:" not in problems[0].message or shown.startswith("!<")


def test_a_refused_tag_in_front_matter_is_read_at_its_file_offset():
    text = "---\ntitle: !!python/name:os.system\n---\nBody.\n"
    yaml_text = text[4 : text.index("---", 4)]
    problems = load_yaml(yaml_text, base=4, full_text=text).problems
    assert [p.message.split("`")[1] for p in problems] == ["!!python/name:os.system"]


@pytest.mark.parametrize(
    "tag, shown",
    [
        ("tag:yaml.org,2002:python/name:os.system", "!!python/name:os.system"),
        ("!custom", "!custom"),
        ("tag:example.com,2000:app/foo", "!<tag:example.com,2000:app/foo>"),
    ],
)
def test_a_tag_not_found_in_the_source_is_rebuilt_from_its_resolved_name(tag, shown):
    """When the characters at the node's start do not spell its tag, the tag is shown in YAML's own
    notation rather than as PyYAML's internal name."""
    node = yaml.ScalarNode(tag, "x", yaml.Mark("<t>", 3, 0, 3, None, None), yaml.Mark("<t>", 4, 0, 4, None, None))
    builder = _Builder("x: y\n", 0, YamlResult(), yaml.constructor.SafeConstructor())
    assert builder.tag_as_written(node) == shown


def test_a_very_long_tag_is_cut_in_the_message():
    problems = load_yaml("x: !" + "a" * 5_000 + " y\n").problems
    shown = problems[0].message.split("`")[1]
    assert shown.startswith("!aaa") and shown.endswith("…") and len(shown) <= 100


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


def test_pyyaml_s_own_nesting_limit_is_reported_at_rolelint_s_depth_limit():
    # PyYAML 6.0.4 and later refuse nesting past 1,000 levels, and libyaml's scanner may get there
    # before rolelint's composer has counted 100; the finding must still be RL008 where the document passes 100 levels (the mapping is the first).
    import yaml

    from rolelint import yamlpos

    text = "kind: role\nx: " + "[" * 2000 + "]" * 2000 + "\n"
    at = text.index("[") + 1500
    error = yaml.scanner.ScannerError(
        "while increasing flow level",
        None,
        "exceeded maximum nesting depth",
        yaml.Mark("<text>", at, 1, at - 11, None, None),
    )
    assert yamlpos._too_deep_for_the_parser(error, text) == text.index("[") + yamlpos.MAX_DEPTH - 1
    other = yaml.scanner.ScannerError(None, None, "found character '\\t'", yaml.Mark("<text>", 3, 0, 3, None, None))
    assert yamlpos._too_deep_for_the_parser(other, text) is None
    result = yamlpos.load_yaml(text)
    assert [(p.code, p.start) for p in result.problems] == [("RL008", text.index("[") + yamlpos.MAX_DEPTH - 1)]


def test_a_reserved_character_error_at_the_end_of_the_document_is_still_reported():
    # "" is in any string: a mark at the very end must not be taken for an `@` or a backtick
    from rolelint import yamlpos

    text = "title: Developer\nnote: "
    error = yaml.scanner.ScannerError(
        "while scanning for the next token",
        None,
        "found character that cannot start any token",
        yaml.Mark("<text>", len(text), 1, 6, None, None),
    )
    problem = yamlpos._yaml_error(error, text, 0, text)
    assert problem.code == "RL001" and problem.start == len(text)
    assert "cannot start any token" in problem.message and "quote the value" not in problem.message
